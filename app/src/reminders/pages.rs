//! HR's reminder settings page.

mod settings;

pub use settings::ReminderSettingsPage;
