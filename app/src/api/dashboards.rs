//! The dashboards feature.
