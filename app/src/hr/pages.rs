//! HR administration's pages.

mod import;
mod preview;

pub use import::ImportPeoplePage;
