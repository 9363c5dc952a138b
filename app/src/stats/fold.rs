//! Adds the pending counter deltas (migration `0032_stats_folded`) to the
//! dashboard counters, after the writes that made them have committed.
//!
//! Writers only create delta rows of their own, so they never wait for one
//! another on the shared weekly rows of a department; one fold adds many
//! deltas at once, summed per counter row first. Exactly once: a fold deletes
//! the deltas it adds in the same transaction and gives up if any of them is
//! already gone (another process folded it first), and two folds running at
//! the same moment write the same rows, so one of them loses and runs again
//! on what is left.
//!
//! Every `tend serve` runs [`run`]; it is woken by each counted write in its
//! own process ([`crate::server::repo::wake_folder`]) and otherwise polls, so
//! writes made by other processes are folded too. Dashboards are told of a
//! change once it is folded (the fold touches whose figures moved), so a
//! dashboard that refetches on the live event sees the new figures.

use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::{db_err, lost_race};
use crate::stats::counters::{Counters, GoalCounts};
use crate::stats::repo::{NewCounterRow, NewGoalRow};
use std::collections::{HashMap, HashSet};
use std::time::Duration;
use surrealdb::types::{RecordId, SurrealValue};

#[cfg(test)]
mod tests;

/// Deltas added per transaction.
pub const BATCH: usize = 2_000;
/// How often pending deltas are looked for when nothing in this process woke
/// the folder (deltas written by other processes).
pub const POLL: Duration = Duration::from_millis(100);
/// After a wake, how long to let further writes gather into the same fold:
/// under a burst one fold adds many writes instead of one each.
pub const GATHER: Duration = Duration::from_millis(20);

#[derive(Debug, Clone, Default, SurrealValue)]
struct ActivityDelta {
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
}

#[derive(Debug, Clone, Default, SurrealValue)]
struct GoalDelta {
    goals: i64,
    smart: i64,
    done: i64,
    abandoned: i64,
}

#[derive(Debug, Clone, SurrealValue)]
struct Delta {
    id: RecordId,
    keys: Vec<RecordId>,
    n: Option<ActivityDelta>,
    delay: Option<Vec<i64>>,
    goals: Option<GoalDelta>,
    person: RecordId,
}

impl Delta {
    fn counters(&self) -> Option<Counters> {
        let n = self.n.as_ref()?;
        let mut delay = [0; 6];
        for (slot, v) in delay.iter_mut().zip(self.delay.iter().flatten()) {
            *slot = *v;
        }
        Some(Counters {
            fb_given: n.fb_given,
            fb_received: n.fb_received,
            quality_sum: n.quality_sum,
            praise: n.praise,
            constructive: n.constructive,
            constructive_bare: n.constructive_bare,
            checkins: n.checkins,
            coaching: n.coaching,
            one_on_ones: n.one_on_ones,
            talks: n.talks,
            delay,
        })
    }

    fn goal_counts(&self) -> Option<GoalCounts> {
        self.goals.as_ref().map(|g| GoalCounts {
            goals: g.goals,
            smart: g.smart,
            done: g.done,
            abandoned: g.abandoned,
        })
    }
}

/// What a batch of deltas adds, summed per counter row.
#[derive(Default)]
struct Sums {
    activity: HashMap<RecordId, Counters>,
    goals: HashMap<RecordId, GoalCounts>,
    people: HashSet<RecordId>,
}

impl Sums {
    fn of(deltas: &[Delta]) -> Sums {
        let mut s = Sums::default();
        for d in deltas {
            s.people.insert(d.person.clone());
            if let Some(c) = d.counters() {
                for k in &d.keys {
                    s.activity.entry(k.clone()).or_default().add(&c);
                }
            }
            if let Some(g) = d.goal_counts() {
                for k in &d.keys {
                    s.goals.entry(k.clone()).or_default().add(&g);
                }
            }
        }
        s
    }
}

/// Held by a fold and by a rebuild, so in this process a fold never lands
/// between a rebuild's read of the facts and its writing of the counters
/// (the rebuild would overwrite what the fold added).
static TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Stops this process's folds until the guard is dropped.
pub async fn pause() -> tokio::sync::MutexGuard<'static, ()> {
    TURN.lock().await
}

/// One fold's transaction: the deltas are deleted (all of them, or the fold
/// stops), their sums added to each counter row, and whose figures moved is
/// touched so open dashboards refetch.
const ADD: &str = "BEGIN TRANSACTION;
    LET $gone = DELETE $ids RETURN BEFORE;
    IF array::len($gone) != $expected { THROW 'these deltas were folded by another process' };
    FOR $r IN $rows {
        UPSERT $r.id SET fb_given += $r.fb_given, fb_received += $r.fb_received,
            quality_sum += $r.quality_sum, praise += $r.praise, constructive += $r.constructive,
            constructive_bare += $r.constructive_bare, checkins += $r.checkins, coaching += $r.coaching,
            one_on_ones += $r.one_on_ones, talks += $r.talks,
            delay = array::map(delay ?? [0, 0, 0, 0, 0, 0], |$x, $i| $x + $r.delay[$i])
            RETURN NONE;
    };
    FOR $q IN $quarters {
        UPSERT $q.id SET goals += $q.goals, smart += $q.smart, done += $q.done, abandoned += $q.abandoned RETURN NONE;
    };
    FOR $p IN $people { UPSERT touch:[$p] SET at = time::now(), person = $p RETURN NONE; };
    COMMIT TRANSACTION;";

/// What one fold did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folded {
    /// This many deltas were added (0: nothing was pending).
    Added(usize),
    /// Another fold took some of the same deltas first; nothing was added.
    Lost,
}

/// Adds up to `limit` pending deltas to the counters in one transaction.
pub async fn fold_once(db: &Db, limit: usize) -> Result<Folded, AppError> {
    let _turn = TURN.lock().await;
    fold_unguarded(db, limit).await
}

/// One fold without this process's turn: what a fold in another process is.
async fn fold_unguarded(db: &Db, limit: usize) -> Result<Folded, AppError> {
    let deltas = pending(db, limit).await?;
    if deltas.is_empty() {
        return Ok(Folded::Added(0));
    }
    add(db, &deltas).await
}

/// Up to `limit` deltas waiting to be folded, in no particular order (sums
/// do not depend on it).
async fn pending(db: &Db, limit: usize) -> Result<Vec<Delta>, AppError> {
    let mut res = db
        .query("SELECT id, keys, n, delay, goals, person FROM stat_delta LIMIT $limit")
        .bind(("limit", limit as i64))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// Adds `deltas` to the counters and deletes them, in one transaction that
/// adds nothing if any of them is gone already.
async fn add(db: &Db, deltas: &[Delta]) -> Result<Folded, AppError> {
    let sums = Sums::of(deltas);
    // Changes that cancel out (a check-in moves a goal's progress: the goal
    // counts once before and once after) write nothing.
    let rows: Vec<NewCounterRow> = sums
        .activity
        .iter()
        .filter(|(_, c)| !c.is_zero())
        .map(|(id, c)| NewCounterRow::with_id(id.clone(), c))
        .collect();
    let quarters: Vec<NewGoalRow> = sums
        .goals
        .iter()
        .filter(|(_, g)| **g != GoalCounts::default())
        .map(|(id, g)| NewGoalRow {
            id: id.clone(),
            goals: g.goals,
            smart: g.smart,
            done: g.done,
            abandoned: g.abandoned,
        })
        .collect();
    let ids: Vec<RecordId> = deltas.iter().map(|d| d.id.clone()).collect();
    let expected = ids.len() as i64;
    let people: Vec<RecordId> = sums.people.into_iter().collect();
    let answer = db
        .query(ADD)
        .bind(("ids", ids))
        .bind(("expected", expected))
        .bind(("rows", rows))
        .bind(("quarters", quarters))
        .bind(("people", people))
        .await;
    let errors: Vec<surrealdb::Error> = match answer {
        Ok(mut r) => r.take_errors().into_values().collect(),
        Err(e) => vec![e],
    };
    if errors.is_empty() {
        return Ok(Folded::Added(deltas.len()));
    }
    if errors
        .iter()
        .any(|e| lost_race(e) || e.to_string().contains("folded by another process"))
    {
        return Ok(Folded::Lost);
    }
    // Every other statement of a failed transaction says only that; name the one that failed.
    let cause = errors
        .iter()
        .find(|e| !e.to_string().contains("failed transaction"))
        .unwrap_or(&errors[0]);
    Err(AppError::internal(format!("folding the counters: {cause}")))
}

/// Folds until nothing is pending (a rebuild, a test, a shutdown).
pub async fn fold_all(db: &Db) -> Result<usize, AppError> {
    let mut total = 0;
    let mut conflicts = 0;
    loop {
        match fold_once(db, BATCH).await? {
            Folded::Added(0) => return Ok(total),
            Folded::Added(n) => total += n,
            // Another process is folding: what it leaves is read afresh.
            Folded::Lost if conflicts < 50 => {
                conflicts += 1;
                tokio::time::sleep(Duration::from_millis(5 * conflicts)).await;
            }
            Folded::Lost => return Err(AppError::internal("folding kept losing to another process")),
        }
    }
}

/// Folds for as long as the process runs.
pub async fn run(db: Db) {
    loop {
        let woken = tokio::select! {
            _ = crate::server::repo::folder_woken() => true,
            _ = tokio::time::sleep(POLL) => false,
        };
        if woken {
            tokio::time::sleep(GATHER).await;
        }
        if let Err(e) = fold_all(&db).await {
            tracing::warn!(%e, "folding the dashboard counters failed; trying again shortly");
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }
}
