//! This feature's presentational pieces.
