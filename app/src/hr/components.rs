//! HR administration's pieces.

pub mod person_fields;
pub mod unit_select;
