//! People as the UI sees them.

use crate::shared::ids::PersonId;
use serde::{Deserialize, Serialize};

/// What a person may do in Tend, derived from the org chart and the HR flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// Has no reports.
    Employee,
    /// Has direct reports.
    Manager,
    /// Has reports who themselves have reports.
    SkipLevel,
}

impl Role {
    /// Derives the role from how many direct reports a person has and how many
    /// of those are managers themselves.
    pub fn from_counts(direct_reports: u32, reports_who_manage: u32) -> Self {
        if reports_who_manage > 0 {
            Role::SkipLevel
        } else if direct_reports > 0 {
            Role::Manager
        } else {
            Role::Employee
        }
    }

    /// A short label for badges.
    pub fn label(self) -> &'static str {
        match self {
            Role::Employee => "Employee",
            Role::Manager => "Manager",
            Role::SkipLevel => "Skip-level leader",
        }
    }

    /// True for anyone with at least one report.
    pub fn manages(self) -> bool {
        !matches!(self, Role::Employee)
    }
}

/// The signed-in person, as the navigation needs them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Viewer {
    pub id: PersonId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub is_hr: bool,
}

/// An org unit reference: id and display name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgUnitRef {
    pub id: String,
    pub name: String,
    pub kind: String,
}

/// One line about a person, for lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub id: PersonId,
    pub name: String,
    pub title: String,
    pub direct_reports: u32,
}

/// Optional demographic attributes. Only HR admins ever receive these.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Demographics {
    pub gender: Option<String>,
    pub ethnicity: Option<String>,
    pub age_band: Option<String>,
    pub location: Option<String>,
}

/// Everything the person page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonProfile {
    pub id: PersonId,
    pub name: String,
    pub email: String,
    pub title: String,
    pub role: Role,
    pub is_hr: bool,
    pub org_unit: OrgUnitRef,
    pub manager: Option<PersonSummary>,
    /// Whether the viewer may open the manager's page (decided by `server::authz`).
    pub manager_reachable: bool,
    pub reports: Vec<PersonSummary>,
    /// `Some` only when the viewer is an HR admin.
    pub demographics: Option<Demographics>,
}

#[cfg(test)]
mod tests {
    use super::Role;

    #[test]
    fn role_follows_the_org_chart() {
        assert_eq!(Role::from_counts(0, 0), Role::Employee);
        assert_eq!(Role::from_counts(4, 0), Role::Manager);
        assert_eq!(Role::from_counts(4, 1), Role::SkipLevel);
        assert!(Role::SkipLevel.manages());
        assert!(!Role::Employee.manages());
    }
}

/// What the home page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Home {
    pub me: PersonProfile,
    /// Everyone below the viewer, at any depth; `None` for people without reports.
    pub org_size: Option<u32>,
}

/// A manager and their direct reports, for the team view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamGroup {
    pub manager: PersonSummary,
    pub members: Vec<PersonSummary>,
}

/// A person, named: who owns a goal, gave feedback, is in a 1:1 or wrote a review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnerRef {
    pub id: PersonId,
    pub name: String,
}
