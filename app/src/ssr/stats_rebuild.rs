//! The stats rebuild feature.
