use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;

/// A full-page error: sets the HTTP status when rendered on the server and
/// tells the person what they can do next.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(error.status_code());
    }
    let (heading, hint) = match &error {
        AppError::Forbidden => (
            "403 · Not yours to see",
            "You can see your own profile and everyone who reports to you, directly or through others. HR admins can see everyone.",
        ),
        AppError::NotFound => (
            "404 · Page not found",
            "The link may be old, or the person may have left.",
        ),
        AppError::Unauthorized => ("Signed out", "Your session has ended."),
        _ => ("Something went wrong", "Try again in a moment."),
    };
    let signed_out = matches!(error, AppError::Unauthorized);
    view! {
        <Title text=heading />
        <section class="card error-page" role="alert">
            <h1>{heading}</h1>
            <p class="lead">{error.to_string()}</p>
            <p>{hint}</p>
            <p>
                {if signed_out {
                    view! { <a class="button" href="/login">"Sign in"</a> }.into_any()
                } else {
                    view! { <a class="button" href="/">"Go to your home page"</a> }.into_any()
                }}
            </p>
        </section>
    }
}
