//! The api feature.

pub mod capture;
pub mod dashboards;
pub mod feedback;
pub mod goals;
pub mod one_on_ones;
