//! Shared application state handed to every route and server function.

use super::db::Db;
use crate::auth::service::limiter::LoginLimiter;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// Everything a request may need. Cheap to clone: all fields are handles.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub limiter: Arc<LoginLimiter>,
    /// Mark session cookies `Secure`; on when Tend is served over https.
    pub secure_cookies: bool,
    /// This process's reader of the dashboard change feed.
    pub live: Arc<crate::dashboards::live::LiveHub>,
    /// How mail is sent, and the address links in it start with.
    pub mail: Arc<crate::email::transport::Mail>,
}

impl AppState {
    /// State with a fresh login limiter; mail goes to the default outbox
    /// folder until [`AppState::with_mail`] says otherwise.
    pub fn new(leptos_options: LeptosOptions, db: Db, secure_cookies: bool) -> Self {
        AppState {
            leptos_options,
            db,
            limiter: Arc::new(LoginLimiter::default()),
            secure_cookies,
            live: Arc::default(),
            mail: Arc::new(crate::email::transport::Mail::folder(
                "data/outbox".into(),
                "http://127.0.0.1:3000",
            )),
        }
    }

    /// The same state sending mail as `mail` says.
    pub fn with_mail(mut self, mail: Arc<crate::email::transport::Mail>) -> Self {
        self.mail = mail;
        self
    }
}
