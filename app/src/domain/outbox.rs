//! The outbox feature.
