//! Writes the planned demo organisation in batches, resumably: each batch is a
//! transaction that also advances `seed_run:demo`, so a crash mid-seed leaves
//! whole batches and a restart continues from the mark.

pub mod names;
pub mod plan;
pub mod rng;

use super::auth::password;
use super::db::Db;
use super::repo::org::{self, EdgeRow, PersonRow, UnitRow};
use super::repo::people;
use plan::OrgPlan;
use surrealdb::types::RecordId;

/// People written per transaction.
pub const BATCH: usize = 500;
/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "tend-demo";
/// Bounds on `--people`.
pub const MIN_PEOPLE: usize = 5;
pub const MAX_PEOPLE: usize = 100_000;

/// What a seed run did.
#[derive(Debug, Clone, PartialEq)]
pub enum SeedOutcome {
    /// Wrote people `from..people`.
    Seeded { people: usize, resumed_from: usize },
    /// An identical seed had already finished; nothing written.
    AlreadySeeded { people: usize },
}

/// Seeds (or finishes seeding) a demo org. Errors are sentences for the operator.
pub async fn run(db: &Db, people: usize, seed: u64, progress: impl Fn(usize, usize)) -> Result<SeedOutcome, String> {
    if !(MIN_PEOPLE..=MAX_PEOPLE).contains(&people) {
        return Err(format!(
            "--people must be between {MIN_PEOPLE} and {MAX_PEOPLE}; got {people}."
        ));
    }
    let fail = |e: crate::AppError| format!("Seeding failed: {e} (see the log above for detail).");
    let existing = org::seed_run(db).await.map_err(fail)?;
    let plan = plan::plan(people, seed);
    let from = match existing {
        Some(run) if run.people as usize == people && run.seed as u64 == seed => {
            if run.done {
                return Ok(SeedOutcome::AlreadySeeded { people });
            }
            run.people_done.max(0) as usize
        }
        Some(run) => {
            return Err(format!(
                "This database already holds a demo org seeded with --people {} --seed {}; use a fresh database for different settings.",
                run.people, run.seed
            ))
        }
        None => {
            if people::count_all(db).await.map_err(fail)? > 0 {
                return Err("This database already has people in it; seeding only runs on an empty database.".into());
            }
            org::start_seed(db, people as i64, seed as i64, unit_rows(&plan)).await.map_err(fail)?;
            0
        }
    };
    // One hash for every demo account: hashing thousands would take minutes.
    let hash = password::hash(DEMO_PASSWORD).map_err(fail)?;
    for start in (from..people).step_by(BATCH) {
        let end = (start + BATCH).min(people);
        let (rows, edges) = batch_rows(&plan, start..end, &hash);
        org::insert_batch(db, rows, edges, end as i64).await.map_err(fail)?;
        progress(end, people);
    }
    org::finish_seed(db).await.map_err(fail)?;
    Ok(SeedOutcome::Seeded {
        people,
        resumed_from: from,
    })
}

fn unit_rid(plan: &OrgPlan, i: usize) -> RecordId {
    RecordId::new("org_unit", plan.units[i].key.as_str())
}

fn person_rid(plan: &OrgPlan, i: usize) -> RecordId {
    RecordId::new("person", plan.people[i].key.as_str())
}

fn unit_rows(plan: &OrgPlan) -> Vec<UnitRow> {
    (0..plan.units.len())
        .map(|i| UnitRow {
            id: unit_rid(plan, i),
            name: plan.units[i].name.clone(),
            kind: plan.units[i].kind.to_owned(),
            parent: plan.units[i].parent.map(|p| unit_rid(plan, p)),
        })
        .collect()
}

fn batch_rows(plan: &OrgPlan, range: std::ops::Range<usize>, hash: &str) -> (Vec<PersonRow>, Vec<EdgeRow>) {
    let rows = range
        .clone()
        .map(|i| {
            let p = &plan.people[i];
            PersonRow {
                id: person_rid(plan, i),
                email: p.email.clone(),
                name: p.name.clone(),
                title: p.title.clone(),
                org_unit: unit_rid(plan, p.unit),
                is_hr: p.is_hr,
                password_hash: hash.to_owned(),
                gender: Some(p.gender.to_owned()),
                ethnicity: Some(p.ethnicity.to_owned()),
                age_band: Some(p.age_band.to_owned()),
                location: Some(p.location.to_owned()),
            }
        })
        .collect();
    let edges = range
        .filter_map(|i| {
            plan.people[i].manager.map(|m| EdgeRow {
                r#in: person_rid(plan, i),
                out: person_rid(plan, m),
            })
        })
        .collect();
    (rows, edges)
}
