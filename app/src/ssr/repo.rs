//! The repo feature.

pub mod evidence_days;
