//! The review results service feature.
