//! A review template as HR edits it: saving makes a new version; versions
//! already written never change, so running cycles keep theirs.

use serde::{Deserialize, Serialize};

/// One competency in the editor. `key` ties ratings across versions: kept
/// from the version it came from, empty for a new competency (made from the name).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetencyDraft {
    pub key: String,
    pub name: String,
    /// What ratings 1 to 5 look like for an individual contributor.
    pub anchors: Vec<String>,
    /// The same for someone who manages people; all empty means "as above".
    pub manager_anchors: Vec<String>,
}

/// A template version as HR edits it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateDraft {
    pub name: String,
    pub competencies: Vec<CompetencyDraft>,
    pub questions: Vec<String>,
    pub overall: bool,
    pub goals: bool,
}
