//! Telling people what needs them: the inbox (every event that concerns a
//! person, read and unread, kept 90 days), email per kind at once or in a
//! daily or weekly digest with quiet hours in the person's time zone,
//! one-click unsubscribe by a signed token, and the mailer that turns due
//! notifications into exactly one email each. Features call
//! `service::tell`; reminders and the home page live in their own
//! features (`reminders`, `today`). See docs/notifications.md.

// Browser and server: wire types, pure rules, the email's text, server functions, pages.
pub mod api;
pub mod digest;
pub mod model;
pub mod pages;
pub mod rules;

// Server only.
#[cfg(feature = "ssr")]
pub mod mailer;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod timing;
#[cfg(feature = "ssr")]
pub mod unsubscribe;
