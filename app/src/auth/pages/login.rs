use crate::auth::api::sign_in_methods;
use crate::auth::session::use_session;
use crate::auth::sso::{Refusal, SignInMethods};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Sign-in page: email and password, and "Sign in with …" when single
/// sign-on is set up (either may be the only way). Works without
/// JavaScript: the form posts straight to the server function, and the
/// single sign-on button is a plain link.
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
    // A failed no-JavaScript post comes back here with ?error=<status>, and
    // a refused single sign-on with ?sso=<reason>.
    let returned_error = move || {
        let q = query.read();
        if let Some(r) = q.get("sso").and_then(|c| Refusal::from_code(&c)) {
            return Some(r.message().to_owned());
        }
        q.get("error").map(|code| match code.as_str() {
            "401" => AppError::BadCredentials.to_string(),
            "429" => "Too many sign-in attempts. Please wait a few minutes and try again.".to_owned(),
            _ => "Check your email and password and try again.".to_owned(),
        })
    };
    let error = move || match session.login.value().get() {
        Some(Err(e)) => Some(e.to_string()),
        _ => returned_error(),
    };
    // Blocking: the page is sent once this is known, so the form is in the
    // first HTML and signing in still works without JavaScript.
    let methods = Resource::new_blocking(|| (), |_| sign_in_methods());
    let sso_href = move || {
        let n = next();
        if n.is_empty() {
            "/auth/oidc/start".to_owned()
        } else {
            format!("/auth/oidc/start?next={}", crate::shared::url::percent_encode(&n, b"/"))
        }
    };
    view! {
        <Title text="Sign in" />
        <section class="card narrow">
            <h1>"Sign in to Tend"</h1>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || methods.get().map(|m| {
                    let m: SignInMethods = m.unwrap_or(SignInMethods { password: true, sso: None });
                    let password = m.password;
                    view! {
                        {m.sso.map(|label| view! {
                            // rel=external: a full page load, not the client router.
                            <a class="button sso" href=sso_href rel="external">{format!("Sign in with {label}")}</a>
                            {password.then(|| view! { <p class="muted or">"or with your email and password"</p> })}
                        })}
                        {(!password).then(|| error().map(|msg| view! { <p class="form-error" role="alert">{msg}</p> }))}
                        {password.then(|| view! {
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
                        })}
                    }
                })}
            </Suspense>
        </section>
    }
}
