//! One file per route.

mod directory;
mod home;
mod login;
mod person;
mod team;

pub use directory::DirectoryPage;
pub use home::HomePage;
pub use login::LoginPage;
pub use person::PersonPage;
pub use team::TeamPage;
