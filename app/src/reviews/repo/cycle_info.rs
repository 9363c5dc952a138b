//! A cycle's record: as it is written (`NewCycle`, by a cycle start or an
//! import) and as the phase, nomination and results rules read it
//! (`CycleInfo`). Its own file because `cycles`, `results` and the import
//! in `repo` all use it.

use crate::reviews::model::ReviewKind;
use crate::reviews::phase::{Phase, Schedule};
use crate::shared::date::Day;
use surrealdb::types::{RecordId, SurrealValue};

/// What the nomination and results rules need to know of a cycle.
/// A `review_cycle` record to create. An imported cycle leaves the fields
/// of a cycle run in Tend empty; the schema's defaults fill them.
#[derive(SurrealValue)]
pub struct NewCycle {
    pub id: RecordId,
    pub name: String,
    pub period_from: String,
    pub period_to: String,
    pub kinds: Vec<String>,
    pub source: String,
    pub template: Option<RecordId>,
    pub write_due: Option<String>,
    pub unit: Option<RecordId>,
    pub anonymity: Option<i64>,
    pub nominate_due: Option<String>,
    pub share_due: Option<String>,
    pub calibration: Option<bool>,
}

#[derive(SurrealValue)]
pub struct CycleInfo {
    pub name: String,
    pub kinds: Vec<String>,
    pub write_due: Option<String>,
    pub anonymity: Option<i64>,
    pub template: Option<RecordId>,
    pub nominate_due: Option<String>,
    pub share_due: Option<String>,
    pub calibration: bool,
    pub advanced_to: Option<String>,
}

impl CycleInfo {
    /// The cycle's phases; `None` for a cycle without a deadline (imported).
    pub fn schedule(&self) -> Option<Schedule> {
        let write_due = Day::parse(self.write_due.as_deref()?)?;
        Some(Schedule {
            peers: self.has(ReviewKind::Peer),
            nominate_due: self.nominate_due.as_deref().and_then(Day::parse).unwrap_or(write_due),
            write_due,
            calibration: self.calibration,
            share_due: self.share_due.as_deref().and_then(Day::parse),
        })
    }

    /// The phase the cycle is in today.
    pub fn phase(&self, today: Day) -> Phase {
        match self.schedule() {
            Some(s) => s.current(self.advanced_to.as_deref().and_then(Phase::parse), today),
            None => Phase::Closed,
        }
    }

    pub fn has(&self, kind: ReviewKind) -> bool {
        self.kinds.iter().any(|k| k == kind.as_str())
    }
}
