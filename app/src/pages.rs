//! One file per route of this feature.
