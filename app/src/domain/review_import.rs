//! The review import feature.
