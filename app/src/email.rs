//! Outgoing email. Every message is queued in the database first and sent
//! by a worker (`worker`) with retries and backoff, so a crash neither loses
//! nor repeats one. With `TEND_SMTP_URL` set the worker sends over SMTP
//! (`lettre`, TLS or STARTTLS, with auth); without it, messages are written
//! to an outbox folder and HR reads them on the Emails page, so a trial
//! still works. `message` builds the text and HTML bodies with every value
//! escaped; `rules` holds the retry schedule. See docs/email.md.

// Browser and server: pure rules, wire types, server functions, pages.
pub mod api;
pub mod message;
pub mod model;
pub mod pages;
pub mod rules;

// Server only: the queue, the transports and the worker.
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod transport;
#[cfg(feature = "ssr")]
pub mod worker;
