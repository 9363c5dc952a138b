//! A Tend-run cycle as the phase, nomination and results rules read it.
//! Its own file because both the cycle list (`cycles`) and the results
//! reads (`results`) build one.

use crate::reviews::model::ReviewKind;
use crate::reviews::phase::{Phase, Schedule};
use crate::shared::date::Day;
use surrealdb::types::{RecordId, SurrealValue};

/// What the nomination and results rules need to know of a cycle.
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
