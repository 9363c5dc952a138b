//! The perception check and gap as they travel.

use crate::feedback::perception::{Fortnight, GapView};
use crate::people::model::OwnerRef;
use serde::{Deserialize, Serialize};

/// One team's row in a gap table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GapRow {
    /// The team's manager.
    pub manager: OwnerRef,
    pub view: GapView,
}

/// The gap for the last completed fortnight: the viewer's own team, and for
/// leaders the teams of the managers below them with their total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamGap {
    pub fortnight: Fortnight,
    pub label: String,
    pub own: Option<GapView>,
    pub teams: Vec<GapRow>,
    pub total: Option<GapView>,
}

/// What the check asks the viewer this fortnight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckQuestions {
    pub fortnight: Fortnight,
    pub label: String,
    /// For managers: each direct report and what they already said.
    pub reports: Vec<(OwnerRef, Option<bool>)>,
    /// For anyone with a manager: whether they already answered.
    pub has_manager: bool,
    pub answered: bool,
}
