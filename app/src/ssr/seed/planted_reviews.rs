//! A review cycle with one planted bias, in the import file format, for the
//! bias report's tests and demos: everyone is reviewed by their manager and
//! three peers; peers and fair managers rate each person's level with a
//! little spread across competencies; the manager with most direct reports
//! rates everyone two points higher (capped at 5).

use crate::domain::review_import::COLUMNS;
use crate::error::AppError;
use crate::ssr::db::Db;
use crate::ssr::repo::{db_err, key_of};
use std::collections::HashMap;
use std::fmt::Write;
use surrealdb::types::{RecordId, SurrealValue};

pub const COMPETENCIES: [&str; 4] = ["Delivery", "Collaboration", "Craft", "Growth"];

#[derive(SurrealValue)]
struct Who {
    id: RecordId,
    email: String,
    manager: Option<RecordId>,
}

/// The CSV of cycle `name` (second half of 2025) and the planted lenient
/// manager.
pub async fn lenient_manager_cycle(db: &Db, name: &str) -> Result<(String, RecordId), AppError> {
    let mut res = db
        .query("SELECT id, email, (->reports_to->person)[0] AS manager FROM person ORDER BY id")
        .await
        .map_err(db_err)?;
    let people: Vec<Who> = res.take(0).map_err(db_err)?;
    let emails: HashMap<String, &str> = people.iter().map(|p| (key_of(&p.id), p.email.as_str())).collect();
    let mut reports: HashMap<String, (usize, &RecordId)> = HashMap::new();
    for m in people.iter().filter_map(|p| p.manager.as_ref()) {
        reports.entry(key_of(m)).or_insert((0, m)).0 += 1;
    }
    let lenient = reports
        .iter()
        .max_by_key(|(key, (n, _))| (*n, (*key).clone()))
        .map(|(_, (_, id))| (*id).clone())
        .ok_or_else(|| AppError::Invalid("The organisation has no managers to plant a bias on.".into()))?;
    let n = people.len();
    let mut csv = COLUMNS.join(",");
    csv.push('\n');
    for (i, p) in people.iter().enumerate() {
        let Some(manager) = &p.manager else { continue };
        let level = 2 + (i % 3) as u8;
        let peers = (1..=3)
            .map(|k| &people[(i + k * 7) % n].id)
            .filter(|q| *q != &p.id && *q != manager);
        let writers = std::iter::once((manager, "manager")).chain(peers.map(|q| (q, "peer")));
        for (k, (reviewer, kind)) in writers.enumerate() {
            for (c, competency) in COMPETENCIES.iter().enumerate() {
                let fair = level + u8::from((i + k + c) % 3 == 0);
                let rating = if *reviewer == lenient { fair + 2 } else { fair }.min(5);
                let _ = writeln!(
                    csv,
                    "{name},2025-07-01,2025-12-31,{},{},{kind},{competency},{rating},,2026-01-10",
                    p.email,
                    emails[&key_of(reviewer)]
                );
            }
        }
    }
    Ok((csv, lenient))
}
