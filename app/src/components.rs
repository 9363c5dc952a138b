//! Presentational pieces shared by pages.

mod error_page;
mod nav;
mod person_list;
mod role_badges;

pub use error_page::ErrorPage;
pub use nav::Nav;
pub use person_list::PersonList;
pub use role_badges::RoleBadges;
