//! Bias flags as the browser and the command line receive them. Who sees
//! which flag is decided on the server (`bias::service`).

use crate::bias::analysis::tuning::ThresholdInput;
use crate::people::model::OwnerRef;
use serde::{Deserialize, Serialize};

/// Whose flags a report holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BiasScope {
    /// HR: every rater's flags and the group gaps.
    Everyone,
    /// A skip-level leader: raters in their part of the organisation.
    Subtree,
    /// Anyone else: their own patterns, as private coaching.
    Own,
}

/// One flag. `rater` is set for rater flags, `group` for group gaps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BiasFlag {
    /// "leniency", "severity", "central tendency", "halo", "recency",
    /// "affinity" or "group gap".
    pub kind: String,
    pub rater: Option<OwnerRef>,
    /// "Engineering: gender F".
    pub group: Option<String>,
    /// The org unit a group gap is within (its name).
    pub unit: Option<String>,
    pub effect: f64,
    pub p_value: f64,
    pub n: u32,
    pub min_n: u32,
    /// One sentence with the numbers; for `BiasScope::Own`, addressed to
    /// the rater.
    pub explanation: String,
}

/// A cycle's bias analysis, cut to what the viewer may see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BiasReport {
    pub cycle: String,
    pub scope: BiasScope,
    /// Set when the cycle as a whole has too little data to analyse; then
    /// `flags` is empty.
    pub not_enough_data: Option<String>,
    /// Raters whose ratings were analysed, within the viewer's scope.
    pub raters: u32,
    pub flags: Vec<BiasFlag>,
}

/// The detectors' thresholds as HR's tuning form shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BiasThresholds {
    pub current: ThresholdInput,
    pub defaults: ThresholdInput,
    /// Who tuned them and when ("Name, YYYY-MM-DD HH:MM" UTC); `None` while
    /// the defaults apply.
    pub changed: Option<String>,
}
