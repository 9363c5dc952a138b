//! Turns the cycle's rows into the detectors' `Dataset`: people indexed
//! once, each person's unit for group comparisons (a team's department, so
//! groups are big enough to compare), attributes only where recorded, and
//! evidence counted over the whole period and its last quarter.

use crate::bias::analysis::evidence::{evidence, last_quarter_from, Tally};
use crate::bias::analysis::{Dataset, Person, Rating};
use crate::bias::repo;
use crate::bias::repo::{CycleRef, GoalRow, PersonRow, RatingRow};
use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::key_of;
use crate::shared::date::Day;
use crate::stats::repo::evidence_days;
use crate::stats::repo::evidence_days::EvidenceDayRow;
use std::collections::HashMap;
use surrealdb::types::RecordId;

pub async fn dataset(db: &Db, cycle: &CycleRef) -> Result<(Vec<RecordId>, Dataset), AppError> {
    let (rows, people, feedback, goals) = futures::try_join!(
        repo::ratings(db, &cycle.id),
        repo::people(db),
        evidence_days::in_period(db, cycle.from, cycle.to),
        repo::goals(db, cycle.from, cycle.to),
    )?;
    // Keyed by the record key: a `RecordId` is not a sound hash key.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut ids = Vec::new();
    for r in &rows {
        for id in [&r.reviewer, &r.ratee] {
            index.entry(key_of(id)).or_insert_with(|| {
                ids.push(id.clone());
                ids.len() - 1
            });
        }
    }
    Ok(assemble(
        ids, index, people, rows, feedback, goals, cycle.from, cycle.to,
    ))
}

/// A stored count; a negative one (never written by the event) counts nothing.
fn count_of(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// The pure half of `dataset`.
#[allow(clippy::too_many_arguments)]
pub fn assemble(
    ids: Vec<RecordId>,
    index: HashMap<String, usize>,
    people: Vec<PersonRow>,
    rows: Vec<RatingRow>,
    feedback: Vec<EvidenceDayRow>,
    goals: Vec<GoalRow>,
    from: Day,
    to: Day,
) -> (Vec<RecordId>, Dataset) {
    let mut persons: Vec<Person> = ids
        .iter()
        .map(|_| Person {
            name: String::new(),
            unit: String::new(),
            attributes: Vec::new(),
        })
        .collect();
    for p in people {
        let Some(&i) = index.get(&key_of(&p.id)) else { continue };
        let unit = match (p.unit_kind.as_str(), p.parent_name) {
            ("team", Some(parent)) => parent,
            _ => p.unit_name,
        };
        let attributes = [
            ("gender", p.gender),
            ("ethnicity", p.ethnicity),
            ("age band", p.age_band),
            ("location", p.location),
        ]
        .into_iter()
        .filter_map(|(n, v)| v.filter(|v| !v.trim().is_empty()).map(|v| (n.to_owned(), v)))
        .collect();
        persons[i] = Person {
            name: p.name,
            unit,
            attributes,
        };
    }
    let recent_from = last_quarter_from(from, to);
    let mut tallies = vec![(Tally::default(), Tally::default()); ids.len()];
    // `good` of `points` evidence points for `who`, in the last quarter too if `recent`.
    let mut count = |who: &RecordId, good: u32, points: u32, recent: bool| {
        if let Some(&i) = index.get(&key_of(who)) {
            tallies[i].0.add_many(good, points);
            if recent {
                tallies[i].1.add_many(good, points);
            }
        }
    };
    let is_recent = |day: Option<&str>| day.and_then(Day::parse).is_some_and(|d| d >= recent_from && d <= to);
    for f in &feedback {
        let praise = count_of(f.praise);
        count(
            &f.recipient,
            praise,
            praise + count_of(f.constructive),
            is_recent(Some(&f.day)),
        );
    }
    for g in &goals {
        let good = matches!(g.status.as_str(), "on_track" | "done");
        count(&g.owner, u32::from(good), 1, is_recent(g.last_checkin.as_deref()));
    }
    let ratings = rows
        .into_iter()
        .filter_map(|r| {
            Some(Rating {
                rater: *index.get(&key_of(&r.reviewer))?,
                ratee: *index.get(&key_of(&r.ratee))?,
                competencies: repo::competencies(&r.ratings),
                overall: r.overall.and_then(repo::rating),
            })
        })
        .collect();
    let evidence = tallies.into_iter().map(|(w, r)| evidence(w, r)).collect();
    (
        ids,
        Dataset {
            people: persons,
            ratings,
            evidence,
        },
    )
}
