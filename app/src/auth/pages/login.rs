use crate::auth::session::use_session;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Sign-in form. Works without JavaScript: the form posts straight to the
/// server function, which redirects on success.
#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    // Nobody is signed in here: whatever was cached for offline use belongs
    // to the last person and must not reach the next.
    #[cfg(feature = "hydrate")]
    Effect::new(crate::offline::forget_cached_pages);
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let pending = session.login.pending();
    // A failed no-JavaScript post comes back here with ?error=<status>.
    let returned_error = move || {
        query.read().get("error").map(|code| match code.as_str() {
            "401" => AppError::BadCredentials.to_string(),
            "429" => "Too many sign-in attempts. Please wait a few minutes and try again.".to_owned(),
            _ => "Check your email and password and try again.".to_owned(),
        })
    };
    let error = move || match session.login.value().get() {
        Some(Err(e)) => Some(e.to_string()),
        _ => returned_error(),
    };
    view! {
        <Title text="Sign in" />
        <section class="card narrow">
            <h1>"Sign in to Tend"</h1>
            <ActionForm action=session.login attr:novalidate="true">
                <input type="hidden" name="next" value=next />
                <label for="email">"Work email"</label>
                <input id="email" name="email" type="email" autocomplete="username" required=true maxlength="254" />
                <label for="password">"Password"</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required=true maxlength="256" />
                {move || error().map(|msg| view! { <p class="form-error" role="alert">{msg}</p> })}
                <button type="submit" disabled=pending aria-busy=move || pending.get().to_string()>
                    {move || if pending.get() { "Signing in…" } else { "Sign in" }}
                </button>
            </ActionForm>
            <p><a href="/forgot">"Forgot your password?"</a></p>
        </section>
    }
}
