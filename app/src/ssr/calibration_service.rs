//! The calibration service feature.
