//! The dashboard service feature.
