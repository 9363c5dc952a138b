use crate::one_on_ones::api::{one_on_ones, start_one_on_one};
use crate::one_on_ones::model::OneOnOneList;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

/// The viewer's 1:1s, and starting one with a direct report.
#[component]
pub fn OneOnOnesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| one_on_ones());
    view! {
        <Title text="1:1s" />
        <h1>"1:1s"</h1>
        <Suspense fallback=|| view! { <Loading text="Loading your 1:1s…" /> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(list) => view! { <List list /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn List(list: OneOnOneList) -> impl IntoView {
    let empty = list.series.is_empty() && list.can_start.is_empty();
    view! {
        {if empty {
            view! { <p class="empty card">"No 1:1s yet. Your manager starts them; you can add topics to the agenda once they do."</p> }.into_any()
        } else {
            view! {
                <ul class="card">
                    {list.series.into_iter().map(|s| view! {
                        <li>
                            <a href=format!("/one-on-ones/{}", s.id)>{format!("{} and {}", s.manager.name, s.report.name)}</a>
                            {format!(" · every {} days · next {}", s.cadence_days, s.next_on.map(|d| d.to_string()).unwrap_or_default())}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {(!list.can_start.is_empty()).then(|| view! { <Start reports=list.can_start /> })}
    }
}

#[component]
fn Start(reports: Vec<crate::people::model::OwnerRef>) -> impl IntoView {
    let report = RwSignal::new(reports.first().map(|r| r.id.to_string()).unwrap_or_default());
    let cadence = RwSignal::new("14".to_string());
    let first = RwSignal::new(String::new());
    let start = Action::new(move |(r, c, f): &(String, u32, String)| start_one_on_one(r.clone(), *c, f.clone()));
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = start.value().get() {
            navigate(&format!("/one-on-ones/{id}"), Default::default());
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        start.dispatch((
            report.get_untracked(),
            cadence.get_untracked().parse().unwrap_or(0),
            first.get_untracked(),
        ));
    };
    view! {
        <form class="card" on:submit=on_submit novalidate>
            <h2>"Start 1:1s with a report"</h2>
            <label for="oo-report">"Report"</label>
            <select id="oo-report" on:change=move |ev| report.set(event_target_value(&ev))>
                {reports.into_iter().map(|r| view! { <option value=r.id.to_string()>{r.name}</option> }).collect_view()}
            </select>
            <label for="oo-cadence">"How often"</label>
            <select id="oo-cadence" on:change=move |ev| cadence.set(event_target_value(&ev))>
                <option value="7">"Weekly"</option>
                <option value="14" selected=true>"Every two weeks"</option>
                <option value="28">"Every four weeks"</option>
            </select>
            <label for="oo-first">"First meeting"</label>
            <input id="oo-first" type="date" prop:value=first on:input=move |ev| first.set(event_target_value(&ev)) />
            {move || start.value().get().and_then(|r| r.err()).map(|e| view! {
                <p class="form-error" role="alert">{e.to_string()}</p>
            })}
            <button type="submit" disabled=move || start.pending().get()>"Start 1:1s"</button>
        </form>
    }
}
