//! What applying a checked people file writes: the org units it names that
//! Tend lacks, the people it adds, the fields it changes, the reporting
//! edges it redraws, who leaves and who returns, and one audit line per
//! change. Pure, so a re-import's "nothing to write" is tested without a
//! database; `repo::import` writes the result in one transaction.

use crate::hr::import_check::{PersonRow, Plan};
use crate::shared::date::Day;
use std::collections::HashMap;

/// An org unit as the import sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitNode {
    pub key: String,
    pub name: String,
    pub kind: String,
    pub parent: Option<String>,
}

/// A person's stored fields, as far as a file can set them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fields {
    pub employee_id: Option<String>,
    pub email: String,
    pub name: String,
    pub title: String,
    pub unit: String,
    pub is_hr: bool,
    pub time_zone: Option<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    /// gender, ethnicity, age band, location.
    pub demographics: [Option<String>; 4],
}

/// Someone Tend holds: their fields, manager (person key) and leaving day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub key: String,
    pub fields: Fields,
    pub manager: Option<String>,
    pub left_on: Option<String>,
}

/// One audit line: what changed for whom, from and to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub person: String,
    pub what: &'static str,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// Everything one import writes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Writes {
    pub units: Vec<UnitNode>,
    pub new_people: Vec<(String, Fields)>,
    /// People whose stored fields change (the whole new field set).
    pub updated: Vec<(String, Fields)>,
    /// People whose manager edge is removed (then re-added if in `edges`).
    pub unlink: Vec<String>,
    /// (person, manager) edges to add.
    pub edges: Vec<(String, String)>,
    /// (person, day they left).
    pub leaving: Vec<(String, String)>,
    pub returning: Vec<String>,
    pub changes: Vec<Change>,
}

impl Writes {
    /// Whether applying changes nothing at all (a re-import).
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
            && self.new_people.is_empty()
            && self.updated.is_empty()
            && self.unlink.is_empty()
            && self.edges.is_empty()
            && self.leaving.is_empty()
            && self.returning.is_empty()
    }
}

/// The org unit kind at a depth: the top is the company, then departments,
/// and everything deeper is a team (what goal levels and dashboards read).
pub fn unit_kind(depth: usize) -> &'static str {
    match depth {
        0 => "company",
        1 => "department",
        _ => "team",
    }
}

const DEMOGRAPHIC_ORDER: [&str; 4] = ["gender", "ethnicity", "age_band", "location"];

/// Turns a checked plan into writes. `new_key(table)` gives a fresh record
/// key; `full` lets everyone active and absent from the file leave today.
pub fn writes(
    plan: &Plan,
    units: &[UnitNode],
    stored: &[Stored],
    full: bool,
    today: Day,
    new_key: &mut dyn FnMut(&str) -> String,
) -> Writes {
    let mut w = Writes::default();
    let stored_by_key: HashMap<&str, &Stored> = stored.iter().map(|s| (s.key.as_str(), s)).collect();
    let mut paths = UnitPaths::new(units);
    // Each row's person key: the one matched, or a new one.
    let keys: Vec<String> = plan
        .rows
        .iter()
        .map(|(_, m)| m.clone().unwrap_or_else(|| new_key("person")))
        .collect();
    let key_of_id: HashMap<&str, &str> = plan
        .rows
        .iter()
        .zip(&keys)
        .map(|((r, _), k)| (r.employee_id.as_str(), k.as_str()))
        .chain(
            stored
                .iter()
                .map(|s| (s.fields.employee_id.as_deref().unwrap_or(&s.key), s.key.as_str())),
        )
        .fold(HashMap::new(), |mut m, (id, k)| {
            m.entry(id).or_insert(k); // the file's own rows win
            m
        });
    let name_of = |key: &str| -> String {
        match stored_by_key.get(key) {
            Some(s) => s.fields.name.clone(),
            None => plan
                .rows
                .iter()
                .zip(&keys)
                .find(|(_, k)| k.as_str() == key)
                .map(|((r, _), _)| r.name.clone())
                .unwrap_or_default(),
        }
    };
    for (((row, matched), key), &gone) in plan.rows.iter().zip(&keys).zip(&plan.gone) {
        let held = matched.as_deref().and_then(|k| stored_by_key.get(k)).copied();
        if gone {
            if let Some(h) = held.filter(|h| h.left_on.is_none()) {
                let day = row.end.map(|d| d.to_string()).unwrap_or_else(|| today.to_string());
                leave(&mut w, h, day);
            }
            continue; // someone who left before Tend knew them is not created
        }
        let unit = paths.key(&row.unit, new_key, &mut w.units);
        let fields = fields_of(row, held.map(|h| &h.fields), unit);
        let manager = row
            .manager
            .as_deref()
            .and_then(|m| key_of_id.get(m))
            .map(|k| (*k).to_owned());
        match held {
            None => {
                w.changes.push(change(key, "joined", None, Some(row.name.clone())));
                w.new_people.push((key.clone(), fields));
                if let Some(m) = manager {
                    w.edges.push((key.clone(), m));
                }
            }
            Some(h) => {
                if h.left_on.is_some() {
                    w.returning.push(key.clone());
                    w.changes.push(change(key, "returned", h.left_on.clone(), None));
                }
                if manager != h.manager || h.left_on.is_some() {
                    if h.manager.is_some() {
                        w.unlink.push(key.clone());
                    }
                    if let Some(m) = &manager {
                        w.edges.push((key.clone(), m.clone()));
                    }
                    if manager != h.manager {
                        let from = h.manager.as_deref().map(&name_of);
                        w.changes
                            .push(change(key, "manager", from, manager.as_deref().map(&name_of)));
                    }
                }
                // After the manager line, so a move reads manager first.
                if fields != h.fields {
                    audit_fields(&mut w.changes, key, &h.fields, &fields, &paths);
                    w.updated.push((key.clone(), fields));
                }
            }
        }
    }
    if full {
        let present: std::collections::HashSet<&str> = plan.rows.iter().filter_map(|(_, m)| m.as_deref()).collect();
        for s in stored
            .iter()
            .filter(|s| s.left_on.is_none() && !present.contains(s.key.as_str()))
        {
            leave(&mut w, s, today.to_string());
        }
    }
    w
}

fn leave(w: &mut Writes, s: &Stored, day: String) {
    if s.manager.is_some() {
        w.unlink.push(s.key.clone());
    }
    w.changes.push(change(&s.key, "left", None, Some(day.clone())));
    w.leaving.push((s.key.clone(), day));
}

/// One audit line.
pub fn change(person: &str, what: &'static str, from: Option<String>, to: Option<String>) -> Change {
    Change {
        person: person.to_owned(),
        what,
        from,
        to,
    }
}

/// A row's fields; a column the file leaves empty keeps what Tend holds.
fn fields_of(row: &PersonRow, held: Option<&Fields>, unit: String) -> Fields {
    let keep = |f: fn(&Fields) -> Option<String>| held.and_then(f);
    let mut demographics = held.map(|h| h.demographics.clone()).unwrap_or_default();
    for (col, value) in &row.demographics {
        if let Some(i) = DEMOGRAPHIC_ORDER.iter().position(|c| c == col) {
            demographics[i] = value.clone();
        }
    }
    Fields {
        employee_id: Some(row.employee_id.clone()),
        email: row.email.clone(),
        name: row.name.clone(),
        title: row
            .title
            .clone()
            .or_else(|| held.map(|h| h.title.clone()))
            .unwrap_or_default(),
        unit,
        is_hr: row.is_hr.or(held.map(|h| h.is_hr)).unwrap_or(false),
        time_zone: row.time_zone.clone().or_else(|| keep(|h| h.time_zone.clone())),
        start_date: row
            .start
            .map(|d| d.to_string())
            .or_else(|| keep(|h| h.start_date.clone())),
        end_date: row.end.map(|d| d.to_string()).or_else(|| keep(|h| h.end_date.clone())),
        demographics,
    }
}

/// One audit line per field that differs, with units as paths.
/// Demographics are named, not quoted: the audit is read more widely than
/// the demographics are.
pub fn field_changes(key: &str, was: &Fields, now: &Fields, path: &dyn Fn(&str) -> String) -> Vec<Change> {
    let mut out = Vec::new();
    let mut diff = |what: &'static str, a: Option<String>, b: Option<String>| {
        if a != b {
            out.push(change(key, what, a, b));
        }
    };
    diff("employee_id", was.employee_id.clone(), now.employee_id.clone());
    diff("email", Some(was.email.clone()), Some(now.email.clone()));
    diff("name", Some(was.name.clone()), Some(now.name.clone()));
    diff("title", Some(was.title.clone()), Some(now.title.clone()));
    diff("org_unit", Some(path(&was.unit)), Some(path(&now.unit)));
    diff("is_hr", Some(was.is_hr.to_string()), Some(now.is_hr.to_string()));
    diff("time_zone", was.time_zone.clone(), now.time_zone.clone());
    diff("start_date", was.start_date.clone(), now.start_date.clone());
    diff("end_date", was.end_date.clone(), now.end_date.clone());
    if was.demographics != now.demographics {
        out.push(change(key, "demographics", None, None));
    }
    out
}

fn audit_fields(out: &mut Vec<Change>, key: &str, was: &Fields, now: &Fields, paths: &UnitPaths) {
    out.extend(field_changes(key, was, now, &|k| paths.path(k)));
}

/// Org units by path, creating the missing ones as they are asked for.
struct UnitPaths {
    by_parent_name: HashMap<(Option<String>, String), String>,
    path_of: HashMap<String, String>,
}

impl UnitPaths {
    fn new(units: &[UnitNode]) -> Self {
        let by_parent_name = units
            .iter()
            .map(|u| ((u.parent.clone(), u.name.clone()), u.key.clone()))
            .collect();
        let tree = crate::hr::unit_tree::UnitTree::new(units);
        let path_of = units
            .iter()
            .map(|u| (u.key.clone(), tree.path(&u.key).join("/")))
            .collect();
        UnitPaths {
            by_parent_name,
            path_of,
        }
    }

    fn key(&mut self, path: &[String], new_key: &mut dyn FnMut(&str) -> String, created: &mut Vec<UnitNode>) -> String {
        let mut parent: Option<String> = None;
        for (depth, name) in path.iter().enumerate() {
            let slot = (parent.clone(), name.clone());
            let key = match self.by_parent_name.get(&slot) {
                Some(k) => k.clone(),
                None => {
                    let k = new_key("org_unit");
                    created.push(UnitNode {
                        key: k.clone(),
                        name: name.clone(),
                        kind: unit_kind(depth).to_owned(),
                        parent: parent.clone(),
                    });
                    self.path_of.insert(k.clone(), path[..=depth].join("/"));
                    self.by_parent_name.insert(slot, k.clone());
                    k
                }
            };
            parent = Some(key);
        }
        parent.unwrap_or_default()
    }

    /// A unit's path for people to read, or its key if unknown.
    fn path(&self, key: &str) -> String {
        self.path_of.get(key).cloned().unwrap_or_else(|| key.to_owned())
    }
}

#[cfg(test)]
mod tests;
