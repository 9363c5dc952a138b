//! The one on ones feature.
