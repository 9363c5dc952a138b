//! The goals feature.
