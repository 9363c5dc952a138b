//! Client-side session state: the signed-in viewer, refreshed whenever a
//! sign-in or sign-out completes.

use crate::auth::api::{current_viewer, Login, Logout};
use crate::error::AppError;
use crate::people::model::Viewer;
use leptos::prelude::*;

/// Sign-in and sign-out actions and the viewer they produce.
#[derive(Clone, Copy)]
pub struct Session {
    pub login: ServerAction<Login>,
    pub logout: ServerAction<Logout>,
    pub viewer: Resource<Result<Option<Viewer>, AppError>>,
}

/// Provides [`Session`] to the whole app.
pub fn provide_session() {
    let login = ServerAction::<Login>::new();
    let logout = ServerAction::<Logout>::new();
    let viewer = Resource::new(
        move || (login.version().get(), logout.version().get()),
        |_| current_viewer(),
    );
    provide_context(Session { login, logout, viewer });
}

/// The session context; panics only if `provide_session` was never called,
/// which is a programming error in `App`.
pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Whether password sign-in is on here (so inviting people to choose a
/// password makes sense). Read it inside a `Suspense`; until the answer
/// comes it says yes, as almost every organisation has passwords.
pub fn use_password_sign_in() -> Signal<bool> {
    let methods = Resource::new(|| (), |_| crate::auth::api::sign_in_methods());
    Signal::derive(move || methods.get().and_then(Result::ok).is_none_or(|m| m.password))
}
