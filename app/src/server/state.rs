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
    /// The identity provider for single sign-on, when one is set up.
    pub sso: Option<Arc<crate::auth::service::oidc::Oidc>>,
    /// Whether email and password sign in (off for SSO-only organisations).
    #[from_ref(skip)]
    pub password_sign_in: bool,
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
            sso: None,
            password_sign_in: true,
        }
    }

    /// The same state sending mail as `mail` says.
    pub fn with_mail(mut self, mail: Arc<crate::email::transport::Mail>) -> Self {
        self.mail = mail;
        self
    }

    /// The same state with single sign-on through `sso`, and password
    /// sign-in on or off (off only makes sense with SSO; `tend serve`
    /// refuses it otherwise).
    pub fn with_sso(mut self, sso: Option<Arc<crate::auth::service::oidc::Oidc>>, password_sign_in: bool) -> Self {
        self.sso = sso;
        self.password_sign_in = password_sign_in;
        self
    }

    /// Refuses anything to do with passwords (signing in with one, choosing,
    /// resetting, inviting people to choose one) when password sign-in is off.
    pub fn passwords_allowed(&self) -> Result<(), crate::error::AppError> {
        if self.password_sign_in {
            return Ok(());
        }
        let how = self.sso.as_ref().map_or("single sign-on", |o| o.label());
        Err(crate::error::AppError::Invalid(format!(
            "Password sign-in is off here: everyone signs in with {how}."
        )))
    }

    /// What the sign-in page offers.
    pub fn sign_in_methods(&self) -> crate::auth::sso::SignInMethods {
        crate::auth::sso::SignInMethods {
            password: self.password_sign_in,
            sso: self.sso.as_ref().map(|o| o.label().to_owned()),
        }
    }
}
