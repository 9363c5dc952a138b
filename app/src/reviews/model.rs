//! Review kinds and results as they travel between browser and server.

pub mod evidence;
pub mod form;
pub mod progress;
pub mod template;

use serde::{Deserialize, Serialize};

/// Who wrote a review about whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ReviewKind {
    /// The ratee about themselves.
    SelfReview,
    /// The ratee's manager.
    Manager,
    /// A colleague nominated as a peer.
    Peer,
    /// A report about their manager.
    Upward,
}

impl ReviewKind {
    pub const ALL: [ReviewKind; 4] = [
        ReviewKind::SelfReview,
        ReviewKind::Manager,
        ReviewKind::Peer,
        ReviewKind::Upward,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewKind::SelfReview => "self",
            ReviewKind::Manager => "manager",
            ReviewKind::Peer => "peer",
            ReviewKind::Upward => "upward",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        ReviewKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Peer and upward answers are shown only aggregated and without names.
    pub fn is_anonymous(self) -> bool {
        matches!(self, ReviewKind::Peer | ReviewKind::Upward)
    }
}

/// What an import did, for the person who ran it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub cycles: usize,
    pub reviews: usize,
    pub ratings: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for k in ReviewKind::ALL {
            assert_eq!(ReviewKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(ReviewKind::parse("Self"), None);
    }
}

/// Which review: the cycle's key, the ratee and the kind (the reviewer is
/// whoever is signed in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRef {
    pub cycle: String,
    pub ratee: String,
    pub kind: ReviewKind,
}
