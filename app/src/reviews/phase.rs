//! A cycle's phases — nomination, writing, calibration, sharing, closed —
//! and what each allows. A phase follows from the cycle's dates, and HR may
//! move a cycle on sooner: the later of the two counts, so a cycle never
//! goes back by itself. Pure, so the cycle table and the server agree.

use crate::shared::date::Day;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Phase {
    /// Ratees propose peers and managers approve them; reviews may be written.
    Nomination,
    /// Reviews are written and submitted.
    Writing,
    /// Ratings are calibrated (next issue); results wait.
    Calibration,
    /// Managers share results and ratees sign them off.
    Sharing,
    /// Nothing changes any more.
    Closed,
}

impl Phase {
    pub fn label(self) -> &'static str {
        match self {
            Phase::Nomination => "Peer nomination",
            Phase::Writing => "Writing",
            Phase::Calibration => "Calibration",
            Phase::Sharing => "Sharing results",
            Phase::Closed => "Closed",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Nomination => "nomination",
            Phase::Writing => "writing",
            Phase::Calibration => "calibration",
            Phase::Sharing => "sharing",
            Phase::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Phase> {
        [
            Phase::Nomination,
            Phase::Writing,
            Phase::Calibration,
            Phase::Sharing,
            Phase::Closed,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
    }
}

/// The dates and choices that shape a cycle's phases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    /// Whether the cycle has peer reviews (and so a nomination phase).
    pub peers: bool,
    /// Last day of nomination.
    pub nominate_due: Day,
    /// Last day of writing.
    pub write_due: Day,
    /// Whether results wait for calibration, which only HR ends.
    pub calibration: bool,
    /// Last day of sharing, if the cycle closes by date.
    pub share_due: Option<Day>,
}

impl Schedule {
    /// The phase the dates alone give.
    pub fn by_date(&self, today: Day) -> Phase {
        if self.peers && today <= self.nominate_due {
            Phase::Nomination
        } else if today <= self.write_due {
            Phase::Writing
        } else if self.calibration {
            Phase::Calibration
        } else {
            self.after_calibration(today)
        }
    }

    /// The phase now: the dates' or HR's, whichever is further on. A
    /// calibration holds the cycle until HR ends it; then the dates go on.
    pub fn current(&self, advanced: Option<Phase>, today: Day) -> Phase {
        let dated = self.by_date(today);
        match advanced {
            Some(a) if dated == Phase::Calibration && a > Phase::Calibration => a.max(self.after_calibration(today)),
            Some(a) => a.max(dated),
            None => dated,
        }
    }

    fn after_calibration(&self, today: Day) -> Phase {
        if self.share_due.is_some_and(|d| today > d) {
            Phase::Closed
        } else {
            Phase::Sharing
        }
    }

    /// The phase HR's "move on" leads to, skipping the ones the cycle lacks.
    pub fn next(&self, phase: Phase) -> Option<Phase> {
        let order = [
            Phase::Nomination,
            Phase::Writing,
            Phase::Calibration,
            Phase::Sharing,
            Phase::Closed,
        ];
        order
            .into_iter()
            .filter(|p| *p > phase)
            .find(|p| *p != Phase::Calibration || self.calibration)
    }
}

/// Peers may be proposed and approved only during nomination.
pub fn check_nominate(phase: Phase) -> Result<(), String> {
    match phase {
        Phase::Nomination => Ok(()),
        p => Err(format!(
            "Peer nomination is over (the cycle is in {}), so peers can no longer be chosen.",
            p.label().to_lowercase()
        )),
    }
}

/// Reviews may be written until writing ends, or later with an extension
/// (`extended`: the review's own deadline is after the cycle's), but never
/// once the cycle is closed.
pub fn check_write(phase: Phase, extended: bool) -> Result<(), String> {
    match phase {
        Phase::Nomination | Phase::Writing => Ok(()),
        Phase::Closed => Err("This cycle is closed; reviews can no longer change.".into()),
        _ if extended => Ok(()),
        p => Err(format!(
            "Writing is over (the cycle is in {}). Your draft is kept; ask HR for an extension under “Need more time?” below.",
            p.label().to_lowercase()
        )),
    }
}

/// Results may be shared only in the sharing phase: before it, anonymous
/// answers may still come in (and are not released), and calibration may
/// still move the manager's rating; after it, the cycle is closed.
pub fn check_share(phase: Phase) -> Result<(), String> {
    match phase {
        Phase::Sharing => Ok(()),
        Phase::Calibration => Err("Results wait for calibration to finish; HR moves the cycle on when it has.".into()),
        Phase::Closed => Err("This cycle is closed; results can no longer be shared.".into()),
        p => Err(format!(
            "Results are shared once writing is over (the cycle is in {}); HR moves the cycle on to sharing.",
            p.label().to_lowercase()
        )),
    }
}

#[cfg(test)]
mod tests;
