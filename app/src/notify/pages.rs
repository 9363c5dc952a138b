//! The inbox, the email preferences page and the unsubscribe page.

mod inbox;
mod prefs;
mod unsubscribe;

pub use inbox::{InboxPage, UnreadBadge};
pub use prefs::NotificationPrefsPage;
pub use unsubscribe::UnsubscribePage;
