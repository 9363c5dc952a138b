//! Writes the planned demo organisation in batches, resumably: each batch is a
//! transaction that also advances `seed_run:demo`, so a crash mid-seed leaves
//! whole batches and a restart continues from the mark.

pub mod bulk;
pub mod goal_names;
pub mod goals;
pub mod names;
pub mod plan;
pub mod planted_reviews;
pub mod rng;

use super::db::Db;
use crate::auth::service::password;
use crate::goals::model::KrKind;
use crate::goals::repo::detail::{ChangeRow, KrRow};
use crate::goals::repo::write::NewCheckIn;
use crate::people::repo as people;
use crate::server::seed::bulk as org;
use crate::server::seed::bulk::{EdgeRow, PersonRow, SeedGoalRow, UnitRow};
use crate::shared::date::Day;
use goals::GoalPlan;
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

/// Goals written per transaction.
pub const GOAL_BATCH: usize = 200;

/// Seeds (or finishes seeding) a demo org, and with `with_goals` its last
/// quarters of goals. `progress(what, done, total)` reports each batch.
/// Errors are sentences for the operator.
pub async fn run(
    db: &Db,
    people: usize,
    seed: u64,
    with_goals: bool,
    progress: impl Fn(&str, usize, usize),
) -> Result<SeedOutcome, String> {
    if !(MIN_PEOPLE..=MAX_PEOPLE).contains(&people) {
        return Err(format!(
            "--people must be between {MIN_PEOPLE} and {MAX_PEOPLE}; got {people}."
        ));
    }
    let fail = |e: crate::AppError| format!("Seeding failed: {e} (see the log above for detail).");
    let existing = org::seed_run(db).await.map_err(fail)?;
    let plan = plan::plan(people, seed);
    let goal_state = existing.as_ref().map(|r| (r.goal_today.clone(), r.goal_chunks_done));
    let from = match existing {
        Some(run) if run.people as usize == people && run.seed as u64 == seed => {
            if run.done && (!with_goals || goals_complete(&plan, seed, &run)) {
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
    // Counting each seeded write as it lands would take minutes; the counters
    // are rebuilt once at the end instead.
    crate::stats::repo::set_bulk(db, true).await.map_err(fail)?;
    // One hash for every demo account: hashing thousands would take minutes.
    let hash = password::hash(DEMO_PASSWORD).map_err(fail)?;
    for start in (from..people).step_by(BATCH) {
        let end = (start + BATCH).min(people);
        let (rows, edges) = batch_rows(&plan, start..end, &hash);
        org::insert_batch(db, rows, edges, end as i64).await.map_err(fail)?;
        progress("people", end, people);
    }
    if with_goals {
        let (today, chunks_done) = match goal_state {
            Some((Some(day), Some(done))) => (Day::parse(&day).unwrap_or_else(Day::today), done.max(0) as usize),
            _ => {
                let today = Day::today();
                org::start_goal_seed(db, &today.to_string()).await.map_err(fail)?;
                (today, 0)
            }
        };
        let goals = goals::plan(&plan, seed, today);
        let chunks: Vec<_> = goals.chunks(GOAL_BATCH).collect();
        for (i, chunk) in chunks.iter().enumerate().skip(chunks_done) {
            let (rows, krs, checkins) = goal_rows(&plan, &goals, chunk);
            org::insert_goal_chunk(db, rows, krs, checkins, i as i64 + 1)
                .await
                .map_err(fail)?;
            progress("goals", (i * GOAL_BATCH + chunk.len()).min(goals.len()), goals.len());
        }
    }
    crate::stats::repo::set_bulk(db, false).await.map_err(fail)?;
    crate::stats::rebuild::run(db).await.map_err(fail)?;
    org::finish_seed(db).await.map_err(fail)?;
    Ok(SeedOutcome::Seeded {
        people,
        resumed_from: from,
    })
}

/// Whether every goal batch planned for the recorded day was written.
fn goals_complete(plan: &OrgPlan, seed: u64, run: &org::SeedRun) -> bool {
    let (Some(day), Some(done)) = (run.goal_today.as_deref().and_then(Day::parse), run.goal_chunks_done) else {
        return false;
    };
    let total = goals::plan(plan, seed, day).len().div_ceil(GOAL_BATCH);
    done as usize >= total
}

fn goal_rows(plan: &OrgPlan, all: &[GoalPlan], chunk: &[GoalPlan]) -> (Vec<SeedGoalRow>, Vec<KrRow>, Vec<NewCheckIn>) {
    let goal_rid = |key: &str| RecordId::new("goal", key);
    let (mut rows, mut krs, mut checkins) = (Vec::new(), Vec::new(), Vec::new());
    for g in chunk {
        let id = goal_rid(&g.key);
        let owner = person_rid(plan, g.owner);
        let past = g.reviewed;
        rows.push(SeedGoalRow {
            id: id.clone(),
            level: g.level.as_str().into(),
            unit: unit_rid(plan, g.unit),
            owner: owner.clone(),
            title: g.title.clone(),
            quarter: Some(g.quarter.to_string()),
            period_start: g.quarter.start().to_string(),
            period_end: g.quarter.end().to_string(),
            due: Some(g.quarter.end().to_string()),
            parent: g.parent.map(|p| goal_rid(&all[p].key)),
            visibility: g.visibility.as_str().into(),
            status: g.status.as_str().into(),
            status_overridden: past,
            own_progress: g.own_progress,
            progress: g.progress,
            child_count: g.child_count as i64,
            last_checkin: g.checkins.last().map(|c| c.day.to_string()),
            last_confidence: g.checkins.last().map(|c| c.confidence as i64),
            hints: g.hints.clone(),
            review_outcome: past.then(|| "closed".to_owned()),
            review_reflection: past.then(|| "Reviewed with my manager at quarter end.".to_owned()),
            reviewed_by: past.then(|| owner.clone()),
            created_by: owner.clone(),
        });
        for (i, k) in g.krs.iter().enumerate() {
            krs.push(KrRow {
                id: RecordId::new("key_result", format!("{}k{i}", g.key).as_str()),
                goal: id.clone(),
                title: k.title.clone(),
                kind: k.kind.as_str().into(),
                unit: k.unit.clone(),
                baseline: k.baseline,
                target: k.target,
                current: k.current,
                done: k.done,
                weight: k.weight,
                position: i as i64,
            });
        }
        let first = g.krs.first();
        let mut previous = first.map(|k| k.baseline).unwrap_or(0.0);
        for c in &g.checkins {
            let changes = first
                .filter(|k| k.kind == KrKind::Metric)
                .map(|k| {
                    let to = ((k.baseline + (k.target - k.baseline) * c.progress) * 10.0).round() / 10.0;
                    let change = ChangeRow {
                        title: k.title.clone(),
                        from: previous,
                        to,
                    };
                    previous = to;
                    change
                })
                .into_iter()
                .collect();
            checkins.push(NewCheckIn {
                goal: id.clone(),
                author: owner.clone(),
                day: c.day.to_string(),
                note: c.note.into(),
                confidence: c.confidence as i64,
                changes,
                progress: c.progress,
                status: c.status.as_str().into(),
            });
        }
    }
    (rows, krs, checkins)
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
