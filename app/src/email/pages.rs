//! The Emails page (HR): the queue, and in a trial without SMTP, the
//! messages themselves.

mod outbox;

pub use outbox::EmailsPage;
