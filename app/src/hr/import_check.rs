//! Checks a people file (the HRIS export, `docs/import.md`) row by row and
//! against the organisation Tend already holds, and says what applying it
//! would change: new, moved, renamed, leaving, returning. Every bad row is
//! reported with its line and reason; a plan exists only when none is bad.
//! Pure, so the command line, the HR page and the tests share one engine.

use crate::shared::date::Day;
use std::collections::{BTreeMap, BTreeSet, HashMap};

mod row;
pub use row::{header, plausible_email, row, Header, PersonRow, RowError, DEMOGRAPHICS, OPTIONAL, REQUIRED};

/// Someone Tend already holds, as far as the import compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Existing {
    pub key: String,
    pub employee_id: Option<String>,
    pub email: String,
    pub name: String,
    /// The manager's person key.
    pub manager: Option<String>,
    pub unit: Vec<String>,
    pub left: bool,
}

/// What applying a file changes, row by row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diff {
    /// Lines of people Tend does not hold yet.
    pub new: Vec<usize>,
    /// (line, person key) of people whose manager or unit changes.
    pub moved: Vec<(usize, String)>,
    pub renamed: Vec<(usize, String)>,
    /// Person keys of people who leave: an end date passed, or (full sync)
    /// absent from the file.
    pub leaving: Vec<String>,
    /// (line, key) of people who had left and are back.
    pub returning: Vec<(usize, String)>,
}

/// A checked file: its rows, each matched to whom it is (person key, or
/// `None` for someone new), and what applying it changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub rows: Vec<(PersonRow, Option<String>)>,
    /// Per row: whether the person is gone after the file (has left).
    pub gone: Vec<bool>,
    pub diff: Diff,
}

/// Checks the rows together and against `existing`: duplicate ids and
/// emails, unknown managers, manager loops, and a single top of the
/// organisation. `full`: the file is the whole organisation, so anyone
/// active and absent from it leaves.
pub fn plan(rows: Vec<PersonRow>, existing: &[Existing], full: bool, today: Day) -> Result<Plan, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut by_id: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_email: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &rows {
        if let Some(first) = by_id.insert(&r.employee_id, r.line) {
            errors.push(RowError {
                line: r.line,
                message: format!("employee_id {} is also on line {first}.", r.employee_id),
            });
        }
        if let Some(first) = by_email.insert(&r.email, r.line) {
            errors.push(RowError {
                line: r.line,
                message: format!("{} is also on line {first}.", r.email),
            });
        }
    }
    // Match each row to someone held: by employee_id, else by email.
    let held_by_id: HashMap<&str, &Existing> = existing
        .iter()
        .filter_map(|e| Some((e.employee_id.as_deref()?, e)))
        .collect();
    // Someone held without an employee id (added before any import) is
    // named as a manager by their Tend key, as `tend export-people` writes.
    let held_without_id: HashMap<&str, &Existing> = existing
        .iter()
        .filter(|e| e.employee_id.is_none())
        .map(|e| (e.key.as_str(), e))
        .collect();
    let manager_by_id =
        |id: &str| -> Option<&Existing> { held_by_id.get(id).or_else(|| held_without_id.get(id)).copied() };
    let held_by_email: HashMap<&str, &Existing> = existing.iter().map(|e| (e.email.as_str(), e)).collect();
    let matched: Vec<Option<&Existing>> = rows
        .iter()
        .map(|r| {
            held_by_id
                .get(r.employee_id.as_str())
                .or_else(|| held_by_email.get(r.email.as_str()))
                .copied()
        })
        .collect();
    // Who is gone after this file: an end date passed, or someone already
    // recorded as left whose row still ends by today (an export read back
    // the day a full sync let them go is not a return).
    let gone: Vec<bool> = rows
        .iter()
        .zip(&matched)
        .map(|(r, m)| r.gone(today) || (m.is_some_and(|e| e.left) && r.end.is_some_and(|e| e <= today)))
        .collect();
    for (r, m) in rows.iter().zip(&matched) {
        // An email taken by someone else held (another employee_id).
        if let Some(other) = held_by_email.get(r.email.as_str()) {
            if m.is_some_and(|m| m.key != other.key) {
                errors.push(RowError {
                    line: r.line,
                    message: format!("{} already belongs to {} in Tend.", r.email, other.name),
                });
            }
        }
        // Matched by email to someone who has another employee id: a new
        // hire given a former colleague's address, or a typo in the id.
        // Either way, not silently the same person.
        if let Some(held_id) = m.and_then(|m| m.employee_id.as_deref()) {
            if held_id != r.employee_id {
                errors.push(RowError {
                    line: r.line,
                    message: format!(
                        "{} belongs to employee_id {held_id} in Tend, not {}.",
                        r.email, r.employee_id
                    ),
                });
            }
        }
    }
    // One organisation: every unit path starts at the same top unit, the
    // one Tend already has if it has any.
    let top = existing
        .iter()
        .find(|e| !e.left)
        .and_then(|e| e.unit.first())
        .or_else(|| rows.first().and_then(|r| r.unit.first()));
    if let Some(top) = top {
        for r in rows.iter().filter(|r| r.unit.first() != Some(top)) {
            errors.push(RowError {
                line: r.line,
                message: format!("org_unit must start at the top unit “{top}” (every path starts from the same top)."),
            });
        }
    }
    // The resulting organisation: node → manager node, by employee_id for
    // rows and by person key for those held and not in the file.
    let in_file: BTreeSet<&str> = matched.iter().flatten().map(|e| e.key.as_str()).collect();
    let held_id_of_key: HashMap<&str, &str> = rows
        .iter()
        .zip(&matched)
        .filter_map(|(r, m)| Some((m.as_ref()?.key.as_str(), r.employee_id.as_str())))
        .collect();
    let node_of_key = |key: &str| -> String {
        match held_id_of_key.get(key) {
            Some(id) => format!("id:{id}"),
            None => format!("key:{key}"),
        }
    };
    let mut manager_of: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut line_of: HashMap<String, usize> = HashMap::new();
    // Each row's manager as a node of the resulting organisation.
    let mut resolved: Vec<Option<String>> = vec![None; rows.len()];
    for (i, r) in rows.iter().enumerate() {
        let node = format!("id:{}", r.employee_id);
        line_of.insert(node.clone(), r.line);
        if gone[i] {
            continue;
        }
        let manager = match &r.manager {
            None => None,
            Some(m) if by_id.contains_key(m.as_str()) => Some(format!("id:{m}")),
            Some(m) => match manager_by_id(m) {
                Some(e) if !e.left && !full => Some(node_of_key(&e.key)),
                _ => {
                    errors.push(RowError {
                        line: r.line,
                        message: format!("manager_employee_id {m} is nobody in this file or in Tend."),
                    });
                    continue;
                }
            },
        };
        resolved[i] = manager.clone();
        manager_of.insert(node, manager);
    }
    if !full {
        for e in existing.iter().filter(|e| !e.left && !in_file.contains(e.key.as_str())) {
            manager_of.insert(node_of_key(&e.key), e.manager.as_deref().map(node_of_key));
        }
    }
    // A manager who leaves cannot keep reports.
    let gone_id: HashMap<&str, bool> = rows
        .iter()
        .zip(&gone)
        .map(|(r, g)| (r.employee_id.as_str(), *g))
        .collect();
    for (r, &r_gone) in rows.iter().zip(&gone) {
        if let Some(m) = &r.manager {
            if gone_id.get(m.as_str()) == Some(&true) && !r_gone {
                errors.push(RowError {
                    line: r.line,
                    message: format!("manager_employee_id {m} has left (end_date passed); give them another manager."),
                });
            }
        }
    }
    // Nor can a leaver keep reports held in Tend that the file leaves out.
    let gone_keys: HashMap<&str, &PersonRow> = rows
        .iter()
        .zip(&matched)
        .zip(&gone)
        .filter(|(_, g)| **g)
        .filter_map(|((r, m), _)| Some((m.as_ref()?.key.as_str(), r)))
        .collect();
    if !full {
        for e in existing.iter().filter(|e| !e.left && !in_file.contains(e.key.as_str())) {
            if let Some(r) = e.manager.as_deref().and_then(|m| gone_keys.get(m)) {
                errors.push(RowError {
                    line: r.line,
                    message: format!(
                        "{} leaves but {} still reports to them in Tend; give {} another manager in this file.",
                        r.name, e.name, e.name
                    ),
                });
            }
        }
    }
    for node in loops(&manager_of) {
        if let Some(&line) = line_of.get(&node) {
            errors.push(RowError {
                line,
                message: "This manager chain loops back to the same person.".into(),
            });
        }
    }
    let roots: Vec<&String> = manager_of.iter().filter(|(_, m)| m.is_none()).map(|(n, _)| n).collect();
    if roots.len() > 1 {
        let lines: Vec<String> = roots
            .iter()
            .filter_map(|n| line_of.get(*n))
            .map(|l| l.to_string())
            .collect();
        errors.push(RowError {
            line: lines.first().and_then(|l| l.parse().ok()).unwrap_or(1),
            message: format!(
                "More than one person has no manager (lines {}); only the top of the organisation may have none.",
                if lines.is_empty() {
                    "none in this file".to_owned()
                } else {
                    lines.join(", ")
                }
            ),
        });
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        errors.dedup();
        return Err(errors);
    }
    let diff = diff(&rows, &matched, &resolved, existing, full, &gone, &node_of_key);
    Ok(Plan {
        gone,
        rows: rows
            .into_iter()
            .zip(matched)
            .map(|(r, m)| (r, m.map(|e| e.key.clone())))
            .collect(),
        diff,
    })
}

/// Nodes whose manager chain comes back to themselves.
fn loops(manager_of: &BTreeMap<String, Option<String>>) -> Vec<String> {
    let mut out = Vec::new();
    for start in manager_of.keys() {
        let mut at = start;
        let mut steps = 0;
        while let Some(Some(next)) = manager_of.get(at) {
            if next == start {
                out.push(start.clone());
                break;
            }
            at = next;
            steps += 1;
            if steps > manager_of.len() {
                break; // a loop further up, reported for its own members
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn diff(
    rows: &[PersonRow],
    matched: &[Option<&Existing>],
    resolved: &[Option<String>],
    existing: &[Existing],
    full: bool,
    gone: &[bool],
    node_of_key: &dyn Fn(&str) -> String,
) -> Diff {
    let mut d = Diff::default();
    for (((r, m), manager_then), &gone) in rows.iter().zip(matched).zip(resolved).zip(gone) {
        let Some(e) = m else {
            if !gone {
                d.new.push(r.line);
            }
            continue;
        };
        if gone {
            if !e.left {
                d.leaving.push(e.key.clone());
            }
            continue;
        }
        if e.name != r.name {
            d.renamed.push((r.line, e.key.clone()));
        }
        if e.left {
            d.returning.push((r.line, e.key.clone()));
            continue; // back, wherever they now sit: not also a move
        }
        let manager_now = e.manager.as_deref().map(node_of_key);
        if manager_now != *manager_then || e.unit != r.unit {
            d.moved.push((r.line, e.key.clone()));
        }
    }
    if full {
        let present: BTreeSet<&str> = matched.iter().flatten().map(|e| e.key.as_str()).collect();
        d.leaving.extend(
            existing
                .iter()
                .filter(|e| !e.left && !present.contains(e.key.as_str()))
                .map(|e| e.key.clone()),
        );
    }
    d
}

#[cfg(test)]
mod tests;
