//! `tend rebuild-stats`: recompute every dashboard counter (and the bias
//! analysis's `evidence_day` rows) from the source
//! tables with `stats::counters::rebuild`, independently of the database events
//! that keep them current, and store the result in batches.

use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::{db_err, key_of};
use crate::shared::date::Day;
use crate::stats::counters::{rebuild, Fact, FeedbackKindFact, GoalFact, Group, Rebuilt};
use crate::stats::repo as stats;
use crate::stats::repo::{NewCounterRow, NewGoalRow};
use std::collections::HashMap;
use surrealdb::types::{RecordId, SurrealValue};

#[derive(SurrealValue)]
struct PersonGroups {
    id: RecordId,
    managers: Vec<RecordId>,
    reports: i64,
    units: Vec<Option<RecordId>>,
}

#[derive(SurrealValue)]
struct FeedbackRow {
    giver: RecordId,
    recipient: RecordId,
    written: String,
    happened_on: String,
    kind: String,
    suggestion: String,
    quality: i64,
}

#[derive(SurrealValue)]
struct CheckinRow {
    author: RecordId,
    day: String,
}

#[derive(SurrealValue)]
struct CoachingRow {
    coach: RecordId,
    person: RecordId,
    happened_on: String,
    written: String,
}

#[derive(SurrealValue)]
struct MeetingRow {
    manager: RecordId,
    report: RecordId,
    day: String,
}

#[derive(SurrealValue)]
struct GoalRow {
    owner: RecordId,
    period_end: String,
    smart: bool,
    status: String,
}

const READ_ALL: &str = "
    SELECT id, ->reports_to->person AS managers, count(<-reports_to) AS reports,
        [org_unit, org_unit.parent, org_unit.parent.parent, org_unit.parent.parent.parent, org_unit.parent.parent.parent.parent] AS units
        FROM person;
    SELECT giver, recipient, time::format(written_at, '%Y-%m-%d') AS written, happened_on, kind, suggestion, quality
        FROM feedback WHERE deleted_at = NONE;
    SELECT author, day FROM checkin;
    SELECT coach, person, happened_on, time::format(written_at, '%Y-%m-%d') AS written FROM coaching;
    SELECT series.manager AS manager, series.report AS report, day FROM meeting WHERE held_at != NONE;
    SELECT owner, period_end, array::len(hints) = 0 AS smart, status FROM goal;
";

fn day(s: &str) -> Result<Day, AppError> {
    Day::parse(s).ok_or_else(|| AppError::internal(format!("stored day is not a date: {s}")))
}

/// A group's record: a team is its manager's person record.
fn group_rid(g: &Group) -> RecordId {
    match g {
        Group::Team(p) => RecordId::new("person", p.as_str()),
        Group::Unit(u) => RecordId::new("org_unit", u.as_str()),
    }
}

/// Recomputes the counters from the facts (without storing them).
pub async fn compute(db: &Db) -> Result<Rebuilt, AppError> {
    compute_from(db, READ_ALL.to_owned(), 0).await
}

/// Recomputes the counters from the facts and, in the same transaction,
/// deletes the deltas still waiting to be folded (`stats::fold`): each is a
/// write the facts already hold, and folding it after the rebuild would
/// count it twice. Deltas of later writes stay, and are folded on top.
async fn compute_taking_pending(db: &Db) -> Result<Rebuilt, AppError> {
    compute_from(
        db,
        format!("BEGIN TRANSACTION; {READ_ALL} DELETE stat_delta RETURN NONE; COMMIT TRANSACTION;"),
        // BEGIN has a (empty) result of its own.
        1,
    )
    .await
}

/// Reads the facts with `sql`, whose statement `first` is the first read.
async fn compute_from(db: &Db, sql: String, first: usize) -> Result<Rebuilt, AppError> {
    let started = std::time::Instant::now();
    let mut res = db.query(sql).await.map_err(db_err)?;
    tracing::info!("rebuild: read the facts in {:?}", started.elapsed());
    let people: Vec<PersonGroups> = res.take(first).map_err(db_err)?;
    let feedback: Vec<FeedbackRow> = res.take(first + 1).map_err(db_err)?;
    let checkins: Vec<CheckinRow> = res.take(first + 2).map_err(db_err)?;
    let coaching: Vec<CoachingRow> = res.take(first + 3).map_err(db_err)?;
    let meetings: Vec<MeetingRow> = res.take(first + 4).map_err(db_err)?;
    let goals: Vec<GoalRow> = res.take(first + 5).map_err(db_err)?;

    let groups: HashMap<String, Vec<Group>> = people
        .into_iter()
        .map(|p| {
            let me = key_of(&p.id);
            let mut gs: Vec<Group> = p.managers.iter().map(|m| Group::Team(key_of(m))).collect();
            if p.reports > 0 {
                gs.push(Group::Team(me.clone()));
            }
            gs.extend(p.units.iter().flatten().map(|u| Group::Unit(key_of(u))));
            (me, gs)
        })
        .collect();

    let mut facts = Vec::with_capacity(feedback.len() + checkins.len() + coaching.len() + meetings.len());
    for f in feedback {
        facts.push(Fact::Feedback {
            giver: key_of(&f.giver),
            recipient: key_of(&f.recipient),
            written: day(&f.written)?,
            happened: day(&f.happened_on)?,
            kind: match f.kind.as_str() {
                "praise" => FeedbackKindFact::Praise,
                "constructive" => FeedbackKindFact::Constructive,
                _ => FeedbackKindFact::Coaching,
            },
            has_suggestion: !f.suggestion.trim().is_empty(),
            quality: f.quality,
        });
    }
    for c in checkins {
        facts.push(Fact::CheckIn {
            author: key_of(&c.author),
            day: day(&c.day)?,
        });
    }
    for c in coaching {
        facts.push(Fact::Coaching {
            coach: key_of(&c.coach),
            person: key_of(&c.person),
            happened: day(&c.happened_on)?,
            written: day(&c.written)?,
        });
    }
    for m in meetings {
        facts.push(Fact::Meeting {
            manager: key_of(&m.manager),
            report: key_of(&m.report),
            day: day(&m.day)?,
        });
    }
    let goals = goals
        .into_iter()
        .map(|g| {
            Ok(GoalFact {
                owner: key_of(&g.owner),
                period_end: day(&g.period_end)?,
                smart: g.smart,
                done: g.status == "done",
                abandoned: g.status == "abandoned",
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let out = rebuild(&facts, &goals, |p| groups.get(p).cloned().unwrap_or_default());
    tracing::info!("rebuild: computed in {:?}", started.elapsed());
    Ok(out)
}

/// Recomputes and stores every counter. Returns how many rows were written.
pub async fn run(db: &Db) -> Result<usize, AppError> {
    let _no_folds = super::fold::pause().await;
    let r = compute_taking_pending(db).await?;
    let evidence = super::repo::evidence_days::replace_all(db, &r.evidence_days).await?;
    Ok(evidence + store_dashboard_counters(db, &r).await?)
}

/// Recomputes and stores the dashboard counters alone: what migration 0007
/// does for data written before it, when `evidence_day` (0023) does not
/// exist yet.
pub async fn run_dashboard_counters(db: &Db) -> Result<usize, AppError> {
    // Migration 0007 runs this before 0032 defines the pending deltas.
    store_dashboard_counters(db, &compute(db).await?).await
}

async fn store_dashboard_counters(db: &Db, r: &Rebuilt) -> Result<usize, AppError> {
    let days: Vec<NewCounterRow> = r
        .person_days
        .iter()
        .map(|((p, d), c)| NewCounterRow::new("person_day", RecordId::new("person", p.as_str()), *d, c))
        .collect();
    let weeks: Vec<NewCounterRow> = r
        .group_weeks
        .iter()
        .map(|((g, w), c)| NewCounterRow::new("group_week", group_rid(g), *w, c))
        .collect();
    let quarters: Vec<NewGoalRow> = r
        .group_quarters
        .iter()
        .map(|((g, q), c)| NewGoalRow {
            id: stats::counter_id("group_quarter", group_rid(g), q.to_string()),
            goals: c.goals,
            smart: c.smart,
            done: c.done,
            abandoned: c.abandoned,
        })
        .collect();
    let n = days.len() + weeks.len() + quarters.len();
    stats::replace_all(db, days, weeks, quarters).await?;
    Ok(n + crate::people::repo::units::rebuild_headcounts(db).await?)
}

#[cfg(test)]
mod tests;
