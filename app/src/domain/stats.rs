//! The stats feature.
