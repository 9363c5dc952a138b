//! The capture feature.
