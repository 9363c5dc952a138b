//! The seed feature.
