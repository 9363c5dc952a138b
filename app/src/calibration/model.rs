//! The calibration view of one cycle: each person's manager rating beside
//! the calibrated one, each manager's rating distribution with the bias
//! flags beside them, and the 9-box grid. No demographic data.

use crate::bias::model::BiasReport;
use crate::people::model::{OrgUnitRef, OwnerRef};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationRow {
    pub ratee: OwnerRef,
    /// Who wrote the manager review.
    pub manager: OwnerRef,
    /// The manager review's rating, 1–5.
    pub original: Option<u8>,
    /// The calibrated rating and potential (1–3), once someone adjusted them.
    pub calibrated: Option<u8>,
    pub potential: Option<u8>,
    pub reason: String,
    pub by: Option<String>,
    /// "YYYY-MM-DD HH:MM" UTC.
    pub at: Option<String>,
}

/// One manager's ratings, as counts of 1 to 5.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManagerDistribution {
    pub manager: OwnerRef,
    pub counts: [u32; 5],
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationView {
    pub cycle: String,
    pub cycle_name: String,
    /// The org unit the view is cut to, if any: people in it or below it.
    pub unit: Option<OrgUnitRef>,
    /// The units the viewer can cut to: those holding someone they calibrate,
    /// widest first.
    pub units: Vec<OrgUnitRef>,
    pub rows: Vec<CalibrationRow>,
    /// People left out of `rows` because the whole organisation is too many
    /// to list (the distributions still count them): cut to a unit to see them.
    pub unlisted: u32,
    pub managers: Vec<ManagerDistribution>,
    /// The bias flags the viewer may see for this cycle.
    pub bias: BiasReport,
}
