//! The review progress feature.
