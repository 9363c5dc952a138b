use crate::feedback::api::team_praise;
use crate::feedback::components::card::FeedbackCard;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Public praise for a team (the viewer's own unless `?unit=`).
#[component]
pub fn FeedbackFeedPage() -> impl IntoView {
    let query = use_query_map();
    let feed = Resource::new(move || query.read().get("unit").filter(|u| !u.is_empty()), team_praise);
    view! {
        <Title text="Team praise" />
        <Suspense fallback=|| view! { <Loading text="Loading praise…" /> }>
            {move || Suspend::new(async move {
                match feed.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(f) => view! {
                        <h1>{format!("Praise in {}", f.unit.name)}</h1>
                        {if f.entries.is_empty() {
                            view! { <p class="empty card">"No public praise here yet. Saw someone do something well this week? "
                                <a href="/feedback/new">"Say so"</a> " and choose \u{201c}Public praise\u{201d}."</p> }.into_any()
                        } else {
                            view! { <div class="card">{f.entries.into_iter().map(|e| view! { <FeedbackCard entry=e /> }).collect_view()}</div> }.into_any()
                        }}
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
