use crate::feedback::api::feedback_deletions;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;

/// HR's audit of deleted feedback. Private entries' text stays withheld.
#[component]
pub fn FeedbackAuditPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| feedback_deletions());
    view! {
        <Title text="Deleted feedback" />
        <h1>"Deleted feedback"</h1>
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="empty card">"No feedback has been deleted."</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="card">
                            {list.into_iter().map(|d| view! {
                                <li>
                                    <p>{format!("{} deleted {} feedback from {} to {} (written {}) on {}", d.deleted_by, d.kind.label().to_lowercase(), d.giver.name, d.recipient.name, d.written_at, d.deleted_at)}</p>
                                    {(!d.reason.is_empty()).then(|| view! { <p class="muted">{format!("Reason: {}", d.reason)}</p> })}
                                    <p class="pre">{d.text.unwrap_or_else(|| "Private entry: the text stays between giver and recipient.".into())}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
