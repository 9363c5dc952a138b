//! Keeps cached progress and status right: after a goal's key results or
//! aligned goals change, recompute it and then each goal it aligns to, up to
//! the top. Each step reads one goal's key results and direct children only.

use crate::error::AppError;
use crate::goals::model::Status;
use crate::goals::repo::detail::KrRow;
use crate::goals::{rollup, status};
use crate::server::db::Db;
use crate::server::repo::{db_err, exec_retrying};
use crate::shared::date::Day;
use surrealdb::types::{RecordId, SurrealValue};

/// Longest alignment chain followed (company > dept > team > person, plus
/// person-to-manager chains, stays far below this).
const MAX_DEPTH: usize = 16;

#[derive(Debug, Clone, SurrealValue)]
struct Meta {
    parent: Option<RecordId>,
    period_start: String,
    period_end: String,
    status: String,
    status_overridden: bool,
    last_confidence: Option<i64>,
}

#[derive(Debug, Clone, SurrealValue)]
struct ChildRow {
    alignment_weight: f64,
    progress: f64,
    status: String,
}

/// What a goal's cached figures depend on.
#[derive(Debug, Clone)]
pub struct Inputs {
    pub key_results: Vec<KrRow>,
    children: Vec<ChildRow>,
    meta: Meta,
}

/// A goal's freshly computed figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    pub own_progress: f64,
    pub progress: f64,
    pub suggested: Status,
    pub reason: String,
    /// The status to store: the suggestion, unless a person set one.
    pub status: Status,
    pub overridden: bool,
}

pub async fn load(db: &Db, goal: &RecordId) -> Result<Option<Inputs>, AppError> {
    let mut res = db
        .query(
            "SELECT id, goal, title, kind, unit, baseline, target, current, done, weight, position
                 FROM key_result WHERE goal = $g ORDER BY position;
             SELECT alignment_weight, progress, status FROM goal WHERE parent = $g;
             SELECT parent, period_start, period_end, status, status_overridden, last_confidence FROM ONLY $g;",
        )
        .bind(("g", goal.clone()))
        .await
        .map_err(db_err)?;
    let key_results: Vec<KrRow> = res.take(0).map_err(db_err)?;
    let children: Vec<ChildRow> = res.take(1).map_err(db_err)?;
    let meta: Option<Meta> = res.take(2).map_err(db_err)?;
    Ok(meta.map(|meta| Inputs {
        key_results,
        children,
        meta,
    }))
}

impl Inputs {
    pub fn parent(&self) -> Option<&RecordId> {
        self.meta.parent.as_ref()
    }

    /// Computes the figures. `confidence` replaces the stored last confidence
    /// (a check-in in progress), and `set_status` is a person's choice.
    pub fn compute(&self, today: Day, confidence: Option<u8>, set_status: Option<Option<Status>>) -> Computed {
        let krs: Vec<(f64, f64)> = self.key_results.iter().map(|k| (k.weight, k.progress())).collect();
        let kids: Vec<(f64, f64)> = self
            .children
            .iter()
            .filter(|c| c.status != Status::Abandoned.as_str())
            .map(|c| (c.alignment_weight, c.progress))
            .collect();
        let own_progress = rollup::weighted_mean(&krs).unwrap_or(0.0);
        let progress = rollup::goal_progress(&krs, &kids);
        let start = Day::parse(&self.meta.period_start).unwrap_or(today);
        let end = Day::parse(&self.meta.period_end).unwrap_or(today);
        let confidence = confidence.or(self.meta.last_confidence.map(|c| c.clamp(1, 10) as u8));
        let s = status::suggest(progress, status::elapsed(start, end, today), confidence);
        let current = Status::parse(&self.meta.status).unwrap_or(Status::OnTrack);
        let (status, overridden) = match set_status {
            Some(Some(chosen)) => (chosen, chosen != s.status),
            Some(None) => (s.status, false),
            None if self.meta.status_overridden => (current, true),
            None => (s.status, false),
        };
        Computed {
            own_progress,
            progress,
            suggested: s.status,
            reason: s.reason,
            status,
            overridden,
        }
    }
}

/// Stores computed figures on a goal.
pub async fn store(db: &Db, goal: &RecordId, c: &Computed) -> Result<(), AppError> {
    exec_retrying(|| {
        db.query(
            "UPDATE $g SET own_progress = $own, progress = $progress, status = $status,
                 status_overridden = $overridden",
        )
        .bind(("g", goal.clone()))
        .bind(("own", c.own_progress))
        .bind(("progress", c.progress))
        .bind(("status", c.status.as_str()))
        .bind(("overridden", c.overridden))
    })
    .await
}

/// Recomputes `from` and every goal above it. Returns how many goals changed.
pub async fn recompute_up(db: &Db, from: Option<RecordId>, today: Day) -> Result<usize, AppError> {
    let mut next = from;
    let mut seen = Vec::new();
    while let Some(goal) = next.take() {
        if seen.contains(&goal) || seen.len() >= MAX_DEPTH {
            // A cycle cannot be created through Tend; stop rather than spin if one appears.
            break;
        }
        let Some(inputs) = load(db, &goal).await? else {
            break;
        };
        let computed = inputs.compute(today, None, None);
        store(db, &goal, &computed).await?;
        next = inputs.parent().cloned();
        seen.push(goal);
    }
    Ok(seen.len())
}
