use crate::feedback::api::new_feedback_context;
use crate::feedback::components::form::FeedbackForm;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Giving feedback: to anyone, answering an ask (`?ask=`), or correcting an
/// earlier entry (`?corrects=`).
#[component]
pub fn NewFeedbackPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.read().get(k).filter(|v| !v.is_empty());
    let start = Resource::new(
        move || (get("to"), get("ask"), get("corrects")),
        |(to, ask, _)| new_feedback_context(to, ask, None),
    );
    view! {
        <Title text="Give feedback" />
        <h1>"Give feedback"</h1>
        <p class="muted">"Write it while it's fresh: what happened, what they did, what it changed, and what to try next."</p>
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                match start.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(s) => view! { <FeedbackForm start=s corrects=get("corrects") /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Editing one's own feedback inside the 24-hour window.
#[component]
pub fn EditFeedbackPage() -> impl IntoView {
    let params = use_params_map();
    let start = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        |id| new_feedback_context(None, None, Some(id)),
    );
    view! {
        <Title text="Edit feedback" />
        <h1>"Edit feedback"</h1>
        <p class="muted">"You can edit for 24 hours after writing. The earlier text is kept in the entry's history."</p>
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                match start.await {
                    Err(crate::error::AppError::Invalid(m)) => view! { <p class="form-error" role="alert">{m}</p> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(s) => view! { <FeedbackForm start=s corrects=None /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
