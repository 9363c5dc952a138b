//! HR administration's pages: the people import, adding and administering
//! a person, and the org units.

mod add_person;
mod history;
mod import;
mod person_admin;
mod preview;
mod units;

pub use add_person::AddPersonPage;
pub use import::ImportPeoplePage;
pub use person_admin::PersonAdminPage;
pub use units::OrgUnitsPage;
