//! The bias feature.
