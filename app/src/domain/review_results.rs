//! The review results feature.
