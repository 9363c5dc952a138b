//! A review cycle with one planted bias, in the import file format, for the
//! bias report's tests and for demos (`tend demo-reviews`): everyone is
//! reviewed by their manager and three peers; peers and fair managers rate
//! each person's level with a little spread across competencies; the
//! manager with most direct reports rates everyone two points higher
//! (capped at 5).

use super::plan::OrgPlan;
use crate::error::AppError;
use crate::reviews::import_check::COLUMNS;
use crate::server::db::Db;
use crate::server::repo::{db_err, key_of};
use std::collections::HashMap;
use surrealdb::types::{RecordId, SurrealValue};

pub const COMPETENCIES: [&str; 4] = ["Delivery", "Collaboration", "Craft", "Growth"];

/// One person of the organisation, by record key.
pub struct Member {
    pub key: String,
    pub name: String,
    pub email: String,
    pub manager: Option<String>,
}

/// The planted cycle.
pub struct Planted {
    pub csv: String,
    /// The lenient manager's key and name.
    pub lenient: (String, String),
}

/// The CSV of cycle `name` over `people`, or `None` when nobody manages
/// anyone. The period is the second half of 2024, so that it is never
/// anyone's latest review when a real cycle has been imported or run.
pub fn lenient_manager_csv(people: &[Member], name: &str) -> Option<Planted> {
    let by_key: HashMap<&str, &Member> = people.iter().map(|p| (p.key.as_str(), p)).collect();
    let mut reports: HashMap<&str, usize> = HashMap::new();
    for m in people.iter().filter_map(|p| p.manager.as_deref()) {
        *reports.entry(m).or_default() += 1;
    }
    let lenient = *reports.iter().max_by_key(|(key, n)| (**n, **key))?.0;
    let n = people.len();
    let mut csv = crate::server::csv::CsvFile::new(&COLUMNS).ok()?;
    for (i, p) in people.iter().enumerate() {
        let Some(manager) = p.manager.as_deref().filter(|m| by_key.contains_key(m)) else {
            continue;
        };
        let level = 2 + (i % 3) as u8;
        let peers = (1..=3)
            .map(|k| people[(i + k * 7) % n].key.as_str())
            .filter(|q| *q != p.key && *q != manager);
        let writers = std::iter::once((manager, "manager")).chain(peers.map(|q| (q, "peer")));
        for (k, (reviewer, kind)) in writers.enumerate() {
            for (c, competency) in COMPETENCIES.iter().enumerate() {
                let fair = level + u8::from((i + k + c) % 3 == 0);
                let rating = if reviewer == lenient { fair + 2 } else { fair }.min(5);
                csv.row(&[
                    name,
                    "2024-07-01",
                    "2024-12-31",
                    &p.email,
                    &by_key[reviewer].email,
                    kind,
                    competency,
                    &rating.to_string(),
                    "",
                    "2025-01-10",
                ])
                .ok()?;
            }
        }
    }
    Some(Planted {
        csv: csv.finish().ok()?,
        lenient: (lenient.to_owned(), by_key[lenient].name.clone()),
    })
}

/// The organisation a seed plan describes.
pub fn members_of(plan: &OrgPlan) -> Vec<Member> {
    plan.people
        .iter()
        .map(|p| Member {
            key: p.key.clone(),
            name: p.name.clone(),
            email: p.email.clone(),
            manager: p.manager.map(|m| plan.people[m].key.clone()),
        })
        .collect()
}

/// The planted cycle over the organisation in the database, and its
/// lenient manager.
pub async fn lenient_manager_cycle(db: &Db, name: &str) -> Result<(String, RecordId), AppError> {
    #[derive(SurrealValue)]
    struct Who {
        id: RecordId,
        name: String,
        email: String,
        manager: Option<RecordId>,
    }
    let mut res = db
        .query("SELECT id, name, email, (->reports_to->person)[0] AS manager FROM person ORDER BY id")
        .await
        .map_err(db_err)?;
    let rows: Vec<Who> = res.take(0).map_err(db_err)?;
    let people: Vec<Member> = rows
        .into_iter()
        .map(|w| Member {
            key: key_of(&w.id),
            name: w.name,
            email: w.email,
            manager: w.manager.as_ref().map(key_of),
        })
        .collect();
    let planted = lenient_manager_csv(&people, name)
        .ok_or_else(|| AppError::Invalid("The organisation has no managers to plant a bias on.".into()))?;
    Ok((planted.csv, RecordId::new("person", planted.lenient.0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::seed::plan::plan;

    #[test]
    fn the_manager_with_most_reports_rates_everyone_higher() {
        let people = members_of(&plan(60, 42));
        let p = lenient_manager_csv(&people, "C").unwrap();
        let lenient_email = &people.iter().find(|m| m.key == p.lenient.0).unwrap().email;
        let (mut theirs, mut others) = (Vec::new(), Vec::new());
        for line in p.csv.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            let r: f64 = f[7].parse().unwrap();
            if f[4] == lenient_email {
                theirs.push(r)
            } else {
                others.push(r)
            }
        }
        let mean = |x: &[f64]| x.iter().sum::<f64>() / x.len() as f64;
        assert!(theirs.len() >= 5 * 4);
        assert!(
            mean(&theirs) > mean(&others) + 1.0,
            "{} vs {}",
            mean(&theirs),
            mean(&others)
        );
        assert!(
            lenient_manager_csv(&people[..1], "C").is_none(),
            "one person manages nobody"
        );
    }
}
