//! The reminder rules HR tunes. A threshold of 0 turns its rule off.

use serde::{Deserialize, Serialize};

/// Every rule's thresholds, in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    /// A goal with no check-in for this long: remind its owner...
    pub checkin_first: u32,
    /// ...again at this many days...
    pub checkin_second: u32,
    /// ...and tell their manager at this many.
    pub checkin_escalate: u32,
    /// A review due within this many days: remind its writer...
    pub review_first: u32,
    /// ...and again within this many.
    pub review_second: u32,
    /// A review overdue by this many days goes to HR (at once overdue, to the manager).
    pub review_hr_after: u32,
    /// An ask unanswered for this many days: remind whoever was asked.
    pub ask_days: u32,
    /// Remind both people of a 1:1 tomorrow whose agenda is empty.
    pub one_on_one_agenda: bool,
    /// Tell everyone when the fortnightly feedback check opens.
    pub perception_opens: bool,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            checkin_first: 7,
            checkin_second: 14,
            checkin_escalate: 28,
            review_first: 3,
            review_second: 1,
            review_hr_after: 7,
            ask_days: 5,
            one_on_one_agenda: true,
            perception_opens: true,
        }
    }
}
