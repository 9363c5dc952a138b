//! Wire types of HR administration.

use serde::{Deserialize, Serialize};

/// One kind of change an import makes: how many, and the first few named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ChangeGroup {
    pub count: u32,
    /// Up to [`ChangeGroup::SHOWN`] lines such as "Dev Roe: manager Vic Poe → Oz Lee".
    pub examples: Vec<String>,
}

impl ChangeGroup {
    /// How many examples a group names.
    pub const SHOWN: usize = 15;
}

/// What a people file would change, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ImportPreview {
    /// People rows in the file.
    pub rows: u32,
    pub new: ChangeGroup,
    pub moved: ChangeGroup,
    pub renamed: ChangeGroup,
    pub leaving: ChangeGroup,
    pub returning: ChangeGroup,
    /// Other fields changed (title, email, time zone, HR, dates, demographics).
    pub updated: ChangeGroup,
    /// Org units the file names that Tend does not have yet, as paths.
    pub new_units: Vec<String>,
    /// Demographic columns in the file that are not imported (HR did not opt in).
    pub ignored_columns: Vec<String>,
    /// Identifies this exact set of changes: applying refuses if the
    /// organisation changed since the preview was read.
    pub fingerprint: String,
    /// Invitations queued when it was applied.
    #[serde(default)]
    pub invited: u32,
}

impl ImportPreview {
    /// Whether applying the file would change nothing.
    pub fn nothing_to_do(&self) -> bool {
        self.new.count
            + self.moved.count
            + self.renamed.count
            + self.leaving.count
            + self.returning.count
            + self.updated.count
            == 0
            && self.new_units.is_empty()
    }
}

/// Choices HR makes for an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ImportOptions {
    /// Import the gender, ethnicity, age band and location columns.
    pub demographics: bool,
    /// The file is the whole organisation: anyone absent leaves.
    pub full: bool,
    /// Mail each new person an invitation to choose a password.
    #[serde(default)]
    pub invite: bool,
}

/// One audited change to a person, as HR reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeLine {
    /// When it was recorded, "2026-12-05 14:05" UTC.
    pub at: String,
    /// The day it counts from.
    pub effective: String,
    /// What changed: manager, org_unit, name, email, title, is_hr, joined, left, …
    pub what: String,
    pub was: Option<String>,
    pub became: Option<String>,
    /// Who made it: a name, or "an import from the command line".
    pub by: String,
    /// "import" or "admin".
    pub source: String,
}

/// A person as HR administers them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonRecord {
    pub id: String,
    pub employee_id: Option<String>,
    pub email: String,
    pub name: String,
    pub title: String,
    /// The org unit's key and its path ("Acme/Engineering").
    pub unit: (String, String),
    pub is_hr: bool,
    pub time_zone: Option<String>,
    pub start_date: Option<String>,
    /// The day they left, if they have.
    pub left_on: Option<String>,
    pub manager: Option<crate::people::model::OwnerRef>,
    /// Newest first.
    pub history: Vec<ChangeLine>,
}

/// HR's form for adding a person (`id` empty) or editing one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PersonForm {
    pub id: Option<String>,
    pub employee_id: String,
    pub email: String,
    pub name: String,
    pub title: String,
    /// The org unit's key.
    pub unit: String,
    pub is_hr: bool,
    pub time_zone: String,
    pub start_date: String,
    /// New people only: who they report to (a person key). Moves go
    /// through `change_manager`, which keeps a dated history.
    pub manager: Option<String>,
    /// New people only: mail them an invitation to choose a password.
    #[serde(default)]
    pub invite: bool,
}

/// An org unit in HR's list, parents before children.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitLine {
    pub id: String,
    pub name: String,
    pub kind: String,
    /// "Acme/Engineering/Platform".
    pub path: String,
    pub depth: u32,
    pub parent: Option<String>,
    /// People in it and every unit below it (leavers excluded).
    pub headcount: u32,
}
