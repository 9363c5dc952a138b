//! Reading the dashboard counters kept by the `0007_stats` events, and
//! writing them back wholesale after a rebuild.
//!
//! The counters live under array ids (`person_day:[person, day]`,
//! `group_week:[group, week]`), so one person's or group's rows are a single
//! id-range read, never a scan.

pub mod evidence_days;

use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec};
use crate::shared::date::{Day, Quarter};
use crate::stats::counters::{Counters, GoalCounts};
use surrealdb::types::{RecordId, SurrealValue};

/// The counter fields, in the order `CounterRow` reads them.
macro_rules! counter_fields {
    () => {
        "fb_given, fb_received, quality_sum, praise, constructive, constructive_bare, checkins, coaching, one_on_ones, talks, delay"
    };
}

#[derive(Debug, Clone, SurrealValue)]
struct CounterRow {
    who: RecordId,
    at: String,
    fb_given: i64,
    fb_received: i64,
    quality_sum: i64,
    praise: i64,
    constructive: i64,
    constructive_bare: i64,
    checkins: i64,
    coaching: i64,
    one_on_ones: i64,
    talks: i64,
    delay: Vec<i64>,
}

impl CounterRow {
    fn counters(&self) -> Counters {
        let mut delay = [0; 6];
        for (slot, v) in delay.iter_mut().zip(&self.delay) {
            *slot = *v;
        }
        Counters {
            fb_given: self.fb_given,
            fb_received: self.fb_received,
            quality_sum: self.quality_sum,
            praise: self.praise,
            constructive: self.constructive,
            constructive_bare: self.constructive_bare,
            checkins: self.checkins,
            coaching: self.coaching,
            one_on_ones: self.one_on_ones,
            talks: self.talks,
            delay,
        }
    }
}

/// One counter row: whose (a person, or a group's record), which day or week.
pub type Row = (RecordId, Day, Counters);

/// Rows of `table` whose ids run from `[key, from]` to `[key, to]`, for each
/// key: one id-range read per key, never a scan. The statement text holds
/// only parameter names; every value is bound.
async fn id_ranges<T: SurrealValue>(
    db: &Db,
    fields: &str,
    table: &str,
    keys: &[RecordId],
    from: String,
    to: String,
) -> Result<Vec<T>, AppError> {
    let sql = format!("SELECT {fields} FROM {table}:[$key, $from]..=[$key, $to]");
    crate::server::repo::for_each_key(db, &sql, keys, &[("from", from), ("to", to)]).await
}

/// Counter rows of `table` for each key, from `from` to `to`.
async fn ranges(db: &Db, table: &str, keys: &[RecordId], from: &str, to: &str) -> Result<Vec<Row>, AppError> {
    let fields = concat!("record::id(id)[0] AS who, record::id(id)[1] AS at, ", counter_fields!());
    let rows: Vec<CounterRow> = id_ranges(db, fields, table, keys, from.to_owned(), to.to_owned()).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| Day::parse(&r.at).map(|d| (r.who.clone(), d, r.counters())))
        .collect())
}

/// Each person's days from `from` to `to`, both included.
pub async fn person_days(db: &Db, people: &[RecordId], from: Day, to: Day) -> Result<Vec<Row>, AppError> {
    ranges(db, "person_day", people, &from.to_string(), &to.to_string()).await
}

/// Each group's weeks whose Monday falls from `from` to `to`.
pub async fn group_weeks(db: &Db, groups: &[RecordId], from: Day, to: Day) -> Result<Vec<Row>, AppError> {
    ranges(db, "group_week", groups, &from.to_string(), &to.to_string()).await
}

#[derive(Debug, Clone, SurrealValue)]
struct QuarterRow {
    who: RecordId,
    goals: i64,
    smart: i64,
    done: i64,
    abandoned: i64,
}

/// Goal counts per group for the quarters from `from` to `to`, summed.
pub async fn group_goals(
    db: &Db,
    groups: &[RecordId],
    from: Quarter,
    to: Quarter,
) -> Result<Vec<(RecordId, GoalCounts)>, AppError> {
    let fields = "record::id(id)[0] AS who, goals, smart, done, abandoned";
    let rows: Vec<QuarterRow> =
        id_ranges(db, fields, "group_quarter", groups, from.to_string(), to.to_string()).await?;
    let mut out: Vec<(RecordId, GoalCounts)> = Vec::new();
    for r in rows {
        let c = GoalCounts {
            goals: r.goals,
            smart: r.smart,
            done: r.done,
            abandoned: r.abandoned,
        };
        match out.iter_mut().find(|(g, _)| *g == r.who) {
            Some((_, sum)) => sum.add(&c),
            None => out.push((r.who, c)),
        }
    }
    Ok(out)
}

/// Every counter row of a table, for comparing incremental with rebuilt.
pub async fn all_counters(db: &Db, table: &'static str) -> Result<Vec<Row>, AppError> {
    let sql = match table {
        "person_day" => concat!(
            "SELECT record::id(id)[0] AS who, record::id(id)[1] AS at, ",
            counter_fields!(),
            " FROM person_day"
        ),
        _ => concat!(
            "SELECT record::id(id)[0] AS who, record::id(id)[1] AS at, ",
            counter_fields!(),
            " FROM group_week"
        ),
    };
    let mut res = db.query(sql).await.map_err(db_err)?;
    let rows: Vec<CounterRow> = res.take(0).map_err(db_err)?;
    Ok(rows
        .into_iter()
        .filter_map(|r| Day::parse(&r.at).map(|d| (r.who.clone(), d, r.counters())))
        .collect())
}

/// Every goal-count row: group, quarter label, counts.
pub async fn all_goal_counts(db: &Db) -> Result<Vec<(RecordId, String, GoalCounts)>, AppError> {
    #[derive(SurrealValue)]
    struct R {
        who: RecordId,
        q: String,
        goals: i64,
        smart: i64,
        done: i64,
        abandoned: i64,
    }
    let mut res = db
        .query(
            "SELECT record::id(id)[0] AS who, record::id(id)[1] AS q, goals, smart, done, abandoned FROM group_quarter",
        )
        .await
        .map_err(db_err)?;
    let rows: Vec<R> = res.take(0).map_err(db_err)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.who,
                r.q,
                GoalCounts {
                    goals: r.goals,
                    smart: r.smart,
                    done: r.done,
                    abandoned: r.abandoned,
                },
            )
        })
        .collect())
}

/// The id of a counter row: `table:[who, at]`.
pub fn counter_id(table: &str, who: RecordId, at: String) -> RecordId {
    use surrealdb::types::{Array, Value};
    RecordId::new(
        table.to_owned(),
        Array::from(vec![Value::RecordId(who), Value::String(at)]),
    )
}

/// A counter row to store, under its `[who, day or week]` id.
#[derive(Debug, Clone, SurrealValue)]
pub struct NewCounterRow {
    pub id: RecordId,
    pub fb_given: i64,
    pub fb_received: i64,
    pub quality_sum: i64,
    pub praise: i64,
    pub constructive: i64,
    pub constructive_bare: i64,
    pub checkins: i64,
    pub coaching: i64,
    pub one_on_ones: i64,
    pub talks: i64,
    pub delay: Vec<i64>,
}

impl NewCounterRow {
    pub fn new(table: &str, who: RecordId, at: Day, c: &Counters) -> Self {
        NewCounterRow {
            id: counter_id(table, who, at.to_string()),
            fb_given: c.fb_given,
            fb_received: c.fb_received,
            quality_sum: c.quality_sum,
            praise: c.praise,
            constructive: c.constructive,
            constructive_bare: c.constructive_bare,
            checkins: c.checkins,
            coaching: c.coaching,
            one_on_ones: c.one_on_ones,
            talks: c.talks,
            delay: c.delay.to_vec(),
        }
    }
}

#[derive(Debug, Clone, SurrealValue)]
pub struct NewGoalRow {
    pub id: RecordId,
    pub goals: i64,
    pub smart: i64,
    pub done: i64,
    pub abandoned: i64,
}

/// Replaces every counter with the given rows, in batches. Rows are
/// overwritten in place and only rows the rebuild did not produce are
/// deleted: deleting a whole table costs far more than rewriting it.
pub async fn replace_all(
    db: &Db,
    days: Vec<NewCounterRow>,
    weeks: Vec<NewCounterRow>,
    quarters: Vec<NewGoalRow>,
) -> Result<(), AppError> {
    use std::collections::HashSet;
    let mut res = db
        .query("SELECT VALUE id FROM person_day; SELECT VALUE id FROM group_week; SELECT VALUE id FROM group_quarter;")
        .await
        .map_err(db_err)?;
    let mut stale: Vec<RecordId> = Vec::new();
    for (i, keep) in [
        days.iter().map(|r| &r.id).collect::<HashSet<_>>(),
        weeks.iter().map(|r| &r.id).collect::<HashSet<_>>(),
        quarters.iter().map(|r| &r.id).collect::<HashSet<_>>(),
    ]
    .into_iter()
    .enumerate()
    {
        let ids: Vec<RecordId> = res.take(i).map_err(db_err)?;
        stale.extend(ids.into_iter().filter(|id| !keep.contains(id)));
    }
    let counters = "fb_given = $input.fb_given, fb_received = $input.fb_received, quality_sum = $input.quality_sum, \
        praise = $input.praise, constructive = $input.constructive, constructive_bare = $input.constructive_bare, \
        checkins = $input.checkins, coaching = $input.coaching, one_on_ones = $input.one_on_ones, talks = $input.talks, \
        delay = $input.delay";
    // Each batch is its own statement (and transaction): one transaction over
    // hundreds of thousands of rows neither finished nor stayed small at
    // 10,000 people. A batch overwrites whole rows, so a rebuild that stops
    // part-way leaves every row either old or recomputed, and running it
    // again completes it.
    for batch in stale.chunks(REBUILD_BATCH) {
        exec(db.query("DELETE $stale").bind(("stale", batch.to_vec()))).await?;
    }
    for (table, rows) in [("person_day", days), ("group_week", weeks)] {
        let sql = format!("INSERT INTO {table} $rows ON DUPLICATE KEY UPDATE {counters} RETURN NONE");
        for batch in rows.chunks(REBUILD_BATCH) {
            exec(db.query(sql.as_str()).bind(("rows", batch.to_vec()))).await?;
        }
    }
    for batch in quarters.chunks(REBUILD_BATCH) {
        exec(
            db.query(
                "INSERT INTO group_quarter $rows ON DUPLICATE KEY UPDATE goals = $input.goals, smart = $input.smart, \
                 done = $input.done, abandoned = $input.abandoned RETURN NONE",
            )
            .bind(("rows", batch.to_vec())),
        )
        .await?;
    }
    exec(db.query("UPSERT stats_meta:state SET rebuilt_at = time::now() RETURN NONE")).await
}

/// Rows written per statement by the rebuild.
const REBUILD_BATCH: usize = 2_000;

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

/// An org unit, with its parent's key.
#[derive(Debug, Clone)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub parent: Option<String>,
}

impl Unit {
    pub fn reference(&self) -> crate::people::model::OrgUnitRef {
        crate::people::model::OrgUnitRef {
            id: self.id.clone(),
            name: self.name.clone(),
            kind: self.kind.clone(),
        }
    }
}

#[derive(SurrealValue)]
struct UnitRow {
    id: RecordId,
    name: String,
    kind: String,
    parent: Option<RecordId>,
}

impl From<UnitRow> for Unit {
    fn from(r: UnitRow) -> Self {
        Unit {
            id: crate::server::repo::key_of(&r.id),
            name: r.name,
            kind: r.kind,
            parent: r.parent.as_ref().map(crate::server::repo::key_of),
        }
    }
}

/// One org unit by key; with no key, the top of the organisation.
pub async fn unit(db: &Db, key: Option<&str>) -> Result<Option<Unit>, AppError> {
    let mut res = match key {
        Some(k) => db
            .query("SELECT id, name, kind, parent FROM ONLY $u")
            .bind(("u", RecordId::new("org_unit", k))),
        None => db.query("SELECT id, name, kind, parent FROM ONLY org_unit WHERE parent = NONE LIMIT 1"),
    }
    .await
    .map_err(db_err)?;
    let row: Option<UnitRow> = res.take(0).map_err(db_err)?;
    Ok(row.map(Unit::from))
}

/// The units directly below one, by name.
pub async fn child_units(db: &Db, key: &str) -> Result<Vec<Unit>, AppError> {
    let mut res = db
        .query("SELECT id, name, kind, parent FROM org_unit WHERE parent = $u ORDER BY name")
        .bind(("u", RecordId::new("org_unit", key)))
        .await
        .map_err(db_err)?;
    let rows: Vec<UnitRow> = res.take(0).map_err(db_err)?;
    Ok(rows.into_iter().map(Unit::from).collect())
}

/// The people currently in each unit and every unit below it, kept by the
/// `person_headcount` event.
pub async fn headcounts(db: &Db, units: &[String]) -> Result<Vec<u32>, AppError> {
    let ids: Vec<RecordId> = units
        .iter()
        .map(|u| RecordId::new("unit_headcount", u.as_str()))
        .collect();
    let mut res = db
        .query("$ids.map(|$i| $i.n ?? 0)")
        .bind(("ids", ids))
        .await
        .map_err(db_err)?;
    let n: Vec<i64> = res.take(0).map_err(db_err)?;
    Ok(n.into_iter().map(|n| n.max(0) as u32).collect())
}

/// Replaces every unit's headcount with a count from the people table (the
/// one whole-table grouping, at migration and rebuild time only).
pub async fn rebuild_headcounts(db: &Db) -> Result<usize, AppError> {
    #[derive(SurrealValue)]
    struct Direct {
        unit: RecordId,
        n: i64,
    }
    #[derive(Clone, SurrealValue)]
    struct NewHeadcount {
        id: RecordId,
        n: i64,
    }
    let mut res = db
        .query(
            "SELECT id, name, kind, parent FROM org_unit;
             SELECT org_unit AS unit, count() AS n FROM person WHERE left_on = NONE GROUP BY org_unit;",
        )
        .await
        .map_err(db_err)?;
    let units: Vec<Unit> = res
        .take::<Vec<UnitRow>>(0)
        .map_err(db_err)?
        .into_iter()
        .map(Unit::from)
        .collect();
    let direct: Vec<Direct> = res.take(1).map_err(db_err)?;
    let parent_of: std::collections::HashMap<&str, Option<&str>> =
        units.iter().map(|u| (u.id.as_str(), u.parent.as_deref())).collect();
    let mut total: std::collections::HashMap<String, i64> = units.iter().map(|u| (u.id.clone(), 0)).collect();
    for d in direct {
        let key = crate::server::repo::key_of(&d.unit);
        let mut cur = Some(key.as_str());
        while let Some(u) = cur {
            *total.entry(u.to_owned()).or_default() += d.n;
            cur = parent_of.get(u).copied().flatten();
        }
    }
    let rows: Vec<NewHeadcount> = total
        .into_iter()
        .map(|(u, n)| NewHeadcount {
            id: RecordId::new("unit_headcount", u.as_str()),
            n,
        })
        .collect();
    let written = rows.len();
    for batch in rows.chunks(REBUILD_BATCH) {
        exec(
            db.query("INSERT INTO unit_headcount $rows ON DUPLICATE KEY UPDATE n = $input.n RETURN NONE")
                .bind(("rows", batch.to_vec())),
        )
        .await?;
    }
    Ok(written)
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
        .query(
            "SELECT person AS who, person.name AS person, kind, day, reason,
                [unit, unit.parent, unit.parent.parent, unit.parent.parent.parent, unit.parent.parent.parent.parent]
                    AS units
             FROM hr_event WHERE day >= $from AND day <= $to ORDER BY day DESC",
        )
        .bind(("from", from.to_string()))
        .bind(("to", to.to_string()))
        .await
        .map_err(db_err)?;
    let rows: Vec<R> = res.take(0).map_err(db_err)?;
    Ok(rows
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
        .collect())
}

/// Stores an HR event; a leaver is marked as left on that day.
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
             IF string::starts_with($kind, 'left') { UPDATE $p SET left_on = $day };
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

/// Turns bulk-load mode on or off: while on, the counting events stand aside.
pub async fn set_bulk(db: &Db, on: bool) -> Result<(), AppError> {
    exec(db.query("UPSERT stats_meta:state SET bulk = $on").bind(("on", on))).await
}
