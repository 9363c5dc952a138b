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
}
