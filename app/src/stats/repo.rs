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
        Self::with_id(counter_id(table, who, at.to_string()), c)
    }

    /// The row `id` holding counters `c`.
    pub fn with_id(id: RecordId, c: &Counters) -> Self {
        NewCounterRow {
            id,
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

/// Turns bulk-load mode on or off: while on, the counting events stand aside.
pub async fn set_bulk(db: &Db, on: bool) -> Result<(), AppError> {
    exec(db.query("UPSERT stats_meta:state SET bulk = $on").bind(("on", on))).await
}
