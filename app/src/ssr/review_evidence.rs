//! The review evidence feature.
