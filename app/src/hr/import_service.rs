//! The people import and export (`docs/import.md`), shared by
//! `tend import-people`, `tend export-people` and the HR import page: read
//! the CSV, check every row, plan against Tend, preview, and apply in one
//! transaction. Leavers' sessions end at once; the dashboards' counters are
//! rebuilt when anyone joined, moved, left or returned.

use crate::error::AppError;
use crate::hr::import_apply::{writes, Change, Stored, UnitNode, Writes};
use crate::hr::import_check::{self as check, Existing, Plan, RowError};
use crate::hr::model::{ChangeGroup, ImportOptions, ImportPreview};
use crate::hr::repo;
use crate::server::db::Db;
use crate::shared::date::Day;
use crate::shared::ids::PersonId;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// Files larger than this are refused before parsing (about 150,000 people).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// At most this many bad rows are listed; the rest are counted.
const LISTED: usize = 100;

fn refuse(mut errors: Vec<RowError>) -> AppError {
    errors.sort_by_key(|e| e.line);
    let n = errors.len();
    let mut lines: Vec<String> = errors
        .iter()
        .take(LISTED)
        .map(|e| format!("Line {}: {}", e.line, e.message))
        .collect();
    if n > LISTED {
        lines.push(format!("…and {} more.", n - LISTED));
    }
    AppError::Invalid(format!(
        "Nothing was imported: {n} problem(s) to fix.\n{}",
        lines.join("\n")
    ))
}

/// A checked file: what it would change, and the writes that do it.
pub struct Checked {
    pub preview: ImportPreview,
    pub writes: Writes,
}

/// Reads and checks a people file against Tend, writing nothing.
pub async fn check(db: &Db, text: &str, opts: ImportOptions, today: Day) -> Result<Checked, AppError> {
    if text.len() > MAX_BYTES {
        return Err(AppError::Invalid(format!(
            "The file is larger than {} MiB; nothing was imported.",
            MAX_BYTES / 1024 / 1024
        )));
    }
    // A file in another encoding reaches the browser's reader as U+FFFD.
    if text.contains('\u{fffd}') {
        return Err(AppError::Invalid(
            "The file is not UTF-8 text; save it as “CSV UTF-8” and try again. Nothing was imported.".into(),
        ));
    }
    let (names, cells) = crate::server::csv::records(text).map_err(|e| {
        refuse(vec![RowError {
            line: e.line,
            message: e.message,
        }])
    })?;
    let header = check::header(&names, opts.demographics).map_err(|e| refuse(vec![e]))?;
    let mut rows = Vec::with_capacity(cells.len());
    let mut errors = Vec::new();
    for (line, cells) in &cells {
        match check::row(&header, *line, cells) {
            Ok(r) => rows.push(r),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(refuse(errors));
    }
    if rows.is_empty() {
        return Err(AppError::Invalid(
            "The file has a header but no people; nothing was imported.".into(),
        ));
    }
    let (units, stored) = repo::load(db).await?;
    let existing = existing(&units, &stored);
    let n = rows.len();
    let plan = check::plan(rows, &existing, opts.full, today).map_err(refuse)?;
    let w = writes(&plan, &units, &stored, opts.full, today, &mut |table| {
        crate::server::repo::new_key(if table == "person" { "p" } else { "u" })
    });
    let preview = preview(n, &plan, &w, &units, &stored, &header.ignored);
    Ok(Checked { preview, writes: w })
}

/// Checks and applies a people file: all of it, or nothing. `expected` is
/// the fingerprint of the preview HR saw, if any: a file is not applied to
/// an organisation that changed since.
pub async fn apply(
    db: &Db,
    by: Option<&PersonId>,
    text: &str,
    opts: ImportOptions,
    today: Day,
    expected: Option<&str>,
    mail: Option<&crate::email::transport::Mail>,
) -> Result<ImportPreview, AppError> {
    // Each stage is boxed: together their futures are large enough to
    // overflow a 2 MiB stack in the debug build when held inline.
    let Checked { preview, writes } = Box::pin(check(db, text, opts, today)).await?;
    if expected.is_some_and(|f| f != preview.fingerprint) {
        return Err(AppError::Invalid(
            "Tend's people changed since this file was checked. Check it again to see what it would change now.".into(),
        ));
    }
    if writes.is_empty() {
        return Ok(preview);
    }
    let p = &preview;
    let made = repo::Made {
        by: by.map(crate::server::repo::person_rid),
        import: Some(repo::ImportRecord {
            full: opts.full,
            rows: p.rows as usize,
            counts: [&p.new, &p.moved, &p.renamed, &p.leaving, &p.returning, &p.updated].map(|g| g.count as usize),
        }),
        effective: today.to_string(),
    };
    Box::pin(commit(db, &writes, made)).await?;
    let mut preview = preview;
    if let (true, Some(mail)) = (opts.invite, mail) {
        let new: Vec<PersonId> = writes
            .new_people
            .iter()
            .filter_map(|(k, _)| PersonId::parse(k))
            .collect();
        let sent = Box::pin(crate::auth::service::links::invite_all(db, mail, by, &new)).await?;
        preview.invited = sent as u32;
    }
    Ok(preview)
}

/// Writes an import's or an HR change's writes in one transaction, then
/// ends leavers' sessions and, when anyone joined, moved, left or
/// returned, recounts the dashboards' counters.
pub async fn commit(db: &Db, writes: &Writes, made: repo::Made) -> Result<(), AppError> {
    Box::pin(repo::apply(db, writes, made)).await?;
    // A leaver's access already ended with the commit (a leaver resolves to
    // nobody); this ends their sessions and open live streams too.
    for (key, _) in &writes.leaving {
        if let Some(id) = PersonId::parse(key) {
            Box::pin(crate::auth::service::close_account(db, &id)).await?;
        }
    }
    let moved_unit = writes.changes.iter().any(|c| c.what == "org_unit");
    let structural = moved_unit
        || !(writes.new_people.is_empty()
            && writes.unlink.is_empty()
            && writes.edges.is_empty()
            && writes.leaving.is_empty()
            && writes.returning.is_empty());
    if structural {
        // Team and unit figures follow the reporting edges and units: recount them.
        Box::pin(crate::stats::rebuild::run(db)).await?;
    }
    Ok(())
}

/// The unit path of every unit, root first.
fn unit_paths(units: &[UnitNode]) -> HashMap<&str, Vec<String>> {
    let tree = crate::hr::unit_tree::UnitTree::new(units);
    units.iter().map(|u| (u.key.as_str(), tree.path(&u.key))).collect()
}

fn existing(units: &[UnitNode], stored: &[Stored]) -> Vec<Existing> {
    let paths = unit_paths(units);
    stored
        .iter()
        .map(|s| Existing {
            key: s.key.clone(),
            employee_id: s.fields.employee_id.clone(),
            email: s.fields.email.clone(),
            name: s.fields.name.clone(),
            manager: s.manager.clone(),
            unit: paths.get(s.fields.unit.as_str()).cloned().unwrap_or_default(),
            left: s.left_on.is_some(),
        })
        .collect()
}

fn group(lines: impl Iterator<Item = String>) -> ChangeGroup {
    let mut g = ChangeGroup::default();
    for l in lines {
        g.count += 1;
        if g.examples.len() < ChangeGroup::SHOWN {
            g.examples.push(l);
        }
    }
    g
}

fn preview(
    rows: usize,
    plan: &Plan,
    w: &Writes,
    units: &[UnitNode],
    stored: &[Stored],
    ignored: &[&str],
) -> ImportPreview {
    let name: HashMap<&str, &str> = stored
        .iter()
        .map(|s| (s.key.as_str(), s.fields.name.as_str()))
        .chain(w.new_people.iter().map(|(k, f)| (k.as_str(), f.name.as_str())))
        .collect();
    let who = |key: &str| name.get(key).copied().unwrap_or("someone").to_owned();
    let mut by_person: HashMap<&str, Vec<&Change>> = HashMap::new();
    for c in &w.changes {
        by_person.entry(c.person.as_str()).or_default().push(c);
    }
    let of = |key: &str, whats: &[&str]| -> Vec<&Change> {
        by_person
            .get(key)
            .map(|cs| cs.iter().copied().filter(|c| whats.contains(&c.what)).collect())
            .unwrap_or_default()
    };
    let arrow = |c: &Change| {
        format!(
            "{} {} → {}",
            c.what.replace('_', " "),
            c.from.as_deref().unwrap_or("none"),
            c.to.as_deref().unwrap_or("none")
        )
    };
    const MOVE: [&str; 2] = ["manager", "org_unit"];
    const OTHER: [&str; 8] = [
        "employee_id",
        "email",
        "title",
        "is_hr",
        "time_zone",
        "start_date",
        "end_date",
        "demographics",
    ];
    let moved_keys: Vec<&str> = plan.diff.moved.iter().map(|(_, k)| k.as_str()).collect();
    let updated_keys: Vec<&str> = w
        .updated
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| !of(k, &OTHER).is_empty())
        .collect();
    let detail = |key: &str, whats: &[&str]| {
        let parts: Vec<String> = of(key, whats)
            .into_iter()
            .map(|c| {
                if c.what == "demographics" {
                    "demographics".to_owned()
                } else {
                    arrow(c)
                }
            })
            .collect();
        format!("{}: {}", who(key), parts.join("; "))
    };
    let new_units: Vec<String> = {
        let all: Vec<UnitNode> = units.iter().chain(&w.units).cloned().collect();
        let paths = unit_paths(&all);
        w.units
            .iter()
            .map(|u| paths.get(u.key.as_str()).map(|p| p.join("/")).unwrap_or_default())
            .collect()
    };
    // From nothing random (new records' keys are drawn afresh each check),
    // so the same file against the same organisation gives the same print.
    let mut fp = Sha256::new();
    fp.update(format!("{:?}", plan.diff).as_bytes());
    let new_keys: std::collections::HashSet<&str> = w.new_people.iter().map(|(k, _)| k.as_str()).collect();
    for c in &w.changes {
        let person = if new_keys.contains(c.person.as_str()) {
            "new"
        } else {
            c.person.as_str()
        };
        fp.update(format!("\n{person}|{}|{:?}|{:?}", c.what, c.from, c.to).as_bytes());
    }
    for (_, f) in &w.new_people {
        fp.update(format!("\n{}|{}|{}", f.email, f.name, f.title).as_bytes());
    }
    for u in &new_units {
        fp.update(format!("\nunit {u}").as_bytes());
    }
    ImportPreview {
        rows: rows as u32,
        new: group(w.new_people.iter().map(|(_, f)| format!("{} ({})", f.name, f.email))),
        moved: group(moved_keys.iter().map(|k| detail(k, &MOVE))),
        renamed: group(plan.diff.renamed.iter().map(|(_, k)| detail(k, &["name"]))),
        leaving: group(w.leaving.iter().map(|(k, day)| format!("{}, leaving on {day}", who(k)))),
        returning: group(w.returning.iter().map(|k| who(k))),
        updated: group(updated_keys.iter().map(|k| detail(k, &OTHER))),
        new_units,
        ignored_columns: ignored.iter().map(|c| (*c).to_owned()).collect(),
        fingerprint: hex::encode(fp.finalize())[..16].to_owned(),
        invited: 0,
    }
}

/// Everyone Tend holds, in the import's format: importing the result
/// changes nothing. People without an employee id are written with their
/// Tend key, so the file still names each person and manager; leavers
/// carry their leaving day as `end_date`. Demographics only when asked.
pub async fn export(db: &Db, demographics: bool) -> Result<String, AppError> {
    let (units, stored) = repo::load(db).await?;
    let paths = unit_paths(&units);
    let id_of: HashMap<&str, &str> = stored
        .iter()
        .map(|s| (s.key.as_str(), s.fields.employee_id.as_deref().unwrap_or(&s.key)))
        .collect();
    let mut header: Vec<&str> = check::REQUIRED.iter().chain(&check::OPTIONAL).copied().collect();
    if demographics {
        header.extend(check::DEMOGRAPHICS);
    }
    let mut file = crate::server::csv::CsvFile::new(&header)?;
    let mut people: Vec<&Stored> = stored.iter().collect();
    people.sort_by(|a, b| (a.left_on.is_some(), &a.fields.name).cmp(&(b.left_on.is_some(), &b.fields.name)));
    for s in people {
        let f = &s.fields;
        let mut cells = vec![
            id_of[s.key.as_str()].to_owned(),
            f.email.clone(),
            f.name.clone(),
            s.manager
                .as_deref()
                .and_then(|m| id_of.get(m))
                .map(|m| (*m).to_owned())
                .unwrap_or_default(),
            paths.get(f.unit.as_str()).map(|p| p.join("/")).unwrap_or_default(),
            f.title.clone(),
            f.start_date.clone().unwrap_or_default(),
            s.left_on.clone().or_else(|| f.end_date.clone()).unwrap_or_default(),
            f.is_hr.to_string(),
            f.time_zone.clone().unwrap_or_default(),
        ];
        if demographics {
            cells.extend(f.demographics.iter().map(|d| d.clone().unwrap_or_default()));
        }
        file.row(&cells)?;
    }
    file.finish()
}

#[cfg(test)]
mod tests;
