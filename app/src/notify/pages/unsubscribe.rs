use crate::notify::api::{unsubscribe, Unsubscribe};
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Where an email's "Stop emails about …" link lands. Works without
/// signing in; it asks before stopping, so a mail scanner that opens the
/// link changes nothing.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let stop = ServerAction::<Unsubscribe>::new();
    let check = Resource::new(token, |t| unsubscribe(t, String::new()));
    view! {
        <Title text="Unsubscribe" />
        <section class="card narrow">
            <h1>"Email from Tend"</h1>
            <Suspense fallback=|| view! { <Loading text="Checking the link…" /> }>
                {move || Suspend::new(async move {
                    match check.await {
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                        Ok(u) => {
                            let label = StoredValue::new(u.kind.clone());
                            view! {
                                {move || match stop.value().get() {
                                    Some(Ok(done)) => view! {
                                        <p class="form-ok" role="status">
                                            {format!("Done: Tend no longer emails you about “{}”. It still shows in your inbox.", done.kind)}
                                        </p>
                                    }.into_any(),
                                    Some(Err(e)) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                                    None => ().into_any(),
                                }}
                                <Show when=move || !matches!(stop.value().get(), Some(Ok(_)))>
                                    <ActionForm action=stop>
                                        <input type="hidden" name="token" value=token() />
                                        <input type="hidden" name="confirm" value="yes" />
                                        <p>{format!("Stop emails about “{}”?", label.get_value())}</p>
                                        <button type="submit">"Stop these emails"</button>
                                    </ActionForm>
                                </Show>
                                <p class="hint">"To choose for every kind at once, sign in and open " <a href="/settings/notifications">"Notification settings"</a> "."</p>
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}
