//! The home page.

mod home;

pub use home::TodayPage;
