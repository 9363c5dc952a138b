//! What the dashboards read beyond the counters: open action items per
//! owner, a team's vague goals, and HR's leaver and promotion records.

use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec};
use crate::shared::date::Day;
use surrealdb::types::{RecordId, SurrealValue};

/// Open action items per owner: (owner, due day).
pub async fn open_actions(db: &Db, owners: &[RecordId]) -> Result<Vec<(RecordId, Day)>, AppError> {
    #[derive(SurrealValue)]
    struct R {
        owner: RecordId,
        due: String,
    }
    let rows: Vec<R> = crate::server::repo::for_each_key(
        db,
        "SELECT owner, due FROM action_item WHERE owner = $key AND done = false",
        owners,
        &[],
    )
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| Day::parse(&r.due).map(|d| (r.owner, d)))
        .collect())
}

/// One owner's vague goals in a period. `owner` then `period_end` match the
/// `goal_owner_end` index (0015), so the read starts at the period instead of
/// walking every goal the owner ever had. Named, because the planner would
/// otherwise also scan `goal_owner` in full and intersect the two.
pub(crate) const VAGUE_GOALS: &str = "SELECT id, title, owner.name AS owner, hints FROM goal
    WITH INDEX goal_owner_end WHERE owner = $key AND period_end >= $from AND period_start <= $to
      AND status != 'abandoned' AND array::len(hints) > 0";

/// Goals owned by any of `owners`, overlapping the period, that the SMART
/// checker did not pass (abandoned ones aside).
pub async fn vague_goals(
    db: &Db,
    owners: &[RecordId],
    from: Day,
    to: Day,
) -> Result<Vec<crate::dashboards::model::VagueGoal>, AppError> {
    #[derive(SurrealValue)]
    struct R {
        id: RecordId,
        title: String,
        owner: String,
        hints: Vec<String>,
    }
    let rows: Vec<R> = crate::server::repo::for_each_key(
        db,
        VAGUE_GOALS,
        owners,
        &[("from", from.to_string()), ("to", to.to_string())],
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| crate::dashboards::model::VagueGoal {
            id: crate::server::repo::key_of(&r.id),
            title: r.title,
            owner: r.owner,
            hints: r.hints,
        })
        .collect())
}

/// An HR event as the dashboard lists it.
pub struct HrEvent {
    pub who: RecordId,
    pub person: String,
    pub kind: crate::dashboards::model::HrEventKind,
    pub day: Day,
    pub reason: String,
    /// The person's unit when it was recorded and the units above it (keys).
    pub units: Vec<String>,
}

/// Leavers and promotions recorded for days from `$from` to `$to`, read
/// forwards over the day index. Not `ORDER BY day DESC`: SurrealKV finds the
/// end of a backward range by stepping back one entry at a time from the
/// last write in its in-memory table, which cost the HR view ~90 ms after a
/// burst of writes (docs/benchmarks.md, issue 28); the caller sorts.
pub const HR_EVENTS: &str = "SELECT person AS who, person.name AS person, kind, day, reason,
        [unit, unit.parent, unit.parent.parent, unit.parent.parent.parent, unit.parent.parent.parent.parent]
            AS units
     FROM hr_event WHERE day >= $from AND day <= $to";

/// HR events whose day falls in the period, newest first.
pub async fn hr_events(db: &Db, from: Day, to: Day) -> Result<Vec<HrEvent>, AppError> {
    #[derive(SurrealValue)]
    struct R {
        who: RecordId,
        person: String,
        kind: String,
        day: String,
        reason: String,
        units: Vec<Option<RecordId>>,
    }
    let mut res = db
        .query(HR_EVENTS)
        .bind(("from", from.to_string()))
        .bind(("to", to.to_string()))
        .await
        .map_err(db_err)?;
    let rows: Vec<R> = res.take(0).map_err(db_err)?;
    let mut events: Vec<HrEvent> = rows
        .into_iter()
        .filter_map(|r| {
            Some(HrEvent {
                who: r.who,
                person: r.person,
                kind: crate::dashboards::model::HrEventKind::parse(&r.kind)?,
                day: Day::parse(&r.day)?,
                reason: r.reason,
                units: r.units.iter().flatten().map(crate::server::repo::key_of).collect(),
            })
        })
        .collect();
    // Newest first; a stable sort keeps one day's events in stored order.
    events.sort_by_key(|e| std::cmp::Reverse(e.day));
    Ok(events)
}

/// Stores an HR event; a leaver is marked as left on that day, kept in
/// their audited history (`people_change`).
pub async fn record_hr_event(
    db: &Db,
    person: &RecordId,
    kind: &str,
    day: &str,
    reason: &str,
    by: &RecordId,
) -> Result<(), AppError> {
    exec(
        db.query(
            "BEGIN TRANSACTION;
             CREATE hr_event SET person = $p, kind = $kind, day = $day, unit = $p.org_unit, reason = $reason, recorded_by = $by;
             IF string::starts_with($kind, 'left') {
                 UPDATE $p SET left_on = $day RETURN NONE;
                 CREATE people_change SET person = $p, what = 'left', became = $day, effective = $day, by = $by, source = 'admin' RETURN NONE;
             };
             COMMIT TRANSACTION;",
        )
        .bind(("p", person.clone()))
        .bind(("kind", kind.to_owned()))
        .bind(("day", day.to_owned()))
        .bind(("reason", reason.to_owned()))
        .bind(("by", by.clone())),
    )
    .await
}
