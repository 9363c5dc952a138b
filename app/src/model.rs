//! The model feature.
