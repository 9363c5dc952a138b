//! The evidence days feature.
