use crate::reviews::api::{review_results, AcknowledgeResults, ShareResults};
use crate::reviews::model::form::ReviewResults;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A person's results in a cycle: self, manager and the anonymous groups
/// side by side; the manager shares them, the person acknowledges them.
#[component]
pub fn ReviewResultsPage() -> impl IntoView {
    let query = use_query_map();
    let share = ServerAction::<ShareResults>::new();
    let ack = ServerAction::<AcknowledgeResults>::new();
    let key = move || {
        let q = query.read();
        (q.get("cycle").unwrap_or_default(), q.get("ratee").unwrap_or_default())
    };
    let results = Resource::new(
        move || (key(), share.version().get(), ack.version().get()),
        |((c, r), _, _)| review_results(c, r),
    );
    view! {
        <Title text="Review results" />
        <Transition fallback=|| view! { <Loading text="Loading results…" /> }>
            {move || Suspend::new(async move {
                let (cycle, _) = key();
                match results.await {
                    Err(error) => view! { <h1>"Review results"</h1> <ErrorPage error /> }.into_any(),
                    Ok(r) => view! { <Results r cycle share ack /> }.into_any(),
                }
            })}
        </Transition>
        <p><a href="/reviews">"Back to your reviews"</a></p>
    }
}

fn fmt_mean(m: Option<f64>) -> String {
    m.map(|m| format!("{m:.1}")).unwrap_or_else(|| "—".into())
}

#[component]
fn Results(
    r: ReviewResults,
    cycle: String,
    share: ServerAction<ShareResults>,
    ack: ServerAction<AcknowledgeResults>,
) -> impl IntoView {
    let shown: Vec<usize> = r
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.shown)
        .map(|(i, _)| i)
        .collect();
    let header = shown
        .iter()
        .map(|&i| view! { <th>{r.groups[i].label.clone()}</th> })
        .collect_view();
    let rows = r
        .competencies
        .iter()
        .map(|c| {
            let cells = shown
                .iter()
                .map(|&i| view! { <td>{fmt_mean(c.groups[i])}</td> })
                .collect_view();
            view! { <tr><th scope="row">{c.name.clone()}</th>
            <td>{c.self_rating.map(|n| n.to_string()).unwrap_or_else(|| "—".into())}</td>
            <td>{c.manager.map(|n| n.to_string()).unwrap_or_else(|| "—".into())}</td>{cells}</tr> }
        })
        .collect_view();
    let groups = r
        .groups
        .iter()
        .map(|g| {
            if g.shown {
                view! { <section class="card group" data-shown="true">
                    <h3>{format!("{} — {} answers", g.label, g.responses.unwrap_or(0))}</h3>
                    {if g.comments.is_empty() {
                        view! { <p class="muted">"Comments are listed in the smallest group shown."</p> }.into_any()
                    } else {
                        view! { <ul class="comments">{g.comments.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul> }.into_any()
                    }}
                </section> }.into_any()
            } else {
                view! { <section class="card group" data-shown="false">
                    <h3>{g.label.clone()}</h3>
                    <p class="muted">"Not shown: too few answers to keep them anonymous."</p>
                </section> }.into_any()
            }
        })
        .collect_view();
    let ratee = r.ratee.id.as_str().to_owned();
    let c_share = cycle.clone();
    let response = RwSignal::new(r.response.clone());
    let status = match (r.shared_on, r.acknowledged_on) {
        (None, _) => "Not shared with them yet.".to_owned(),
        (Some(s), None) => format!("Shared on {s}; not acknowledged yet."),
        (Some(s), Some(a)) => format!("Shared on {s}; acknowledged on {a}."),
    };
    view! {
        <h1>{format!("{} — {}", r.ratee.name, r.cycle_name)}</h1>
        <p class="sign-off" role="status">{status}</p>
        <table class="results">
            <thead><tr><th>"Competency"</th><th>"Self"</th><th>{format!("Manager ({})", r.manager_name.clone().unwrap_or_else(|| "not submitted".into()))}</th>{header}</tr></thead>
            <tbody>{rows}
                {(r.self_goals.is_some() || r.manager_goals.is_some()).then(|| view! {
                    <tr><th scope="row">"Goal achievement"</th>
                        <td>{r.self_goals.map(|n| n.to_string()).unwrap_or_else(|| "—".into())}</td>
                        <td>{r.manager_goals.map(|n| n.to_string()).unwrap_or_else(|| "—".into())}</td></tr>
                })}
                <tr><th scope="row">"Overall"</th>
                    <td>{r.self_overall.map(|n| n.to_string()).unwrap_or_else(|| "—".into())}</td>
                    <td>{r.manager_overall.map(|n| n.to_string()).unwrap_or_else(|| "—".into())}</td></tr>
            </tbody>
        </table>
        <section class="card">
            <h2>"Manager's comments"</h2>
            {if r.manager_comments.is_empty() && r.manager_answers.is_empty() {
                view! { <p class="muted">"No comments."</p> }.into_any()
            } else {
                view! { <dl>{r.manager_comments.iter().chain(&r.manager_answers).map(|(k, v)| view! { <dt>{k.clone()}</dt><dd>{v.clone()}</dd> }).collect_view()}</dl> }.into_any()
            }}
        </section>
        <h2>"Peers and reports (anonymous)"</h2>
        {if r.anonymous_waiting {
            view! { <p class="hint anonymous-waiting">"Peer and upward answers are shown once writing has closed for everyone reviewing them, so no answer can be told apart by when it came in."</p> }.into_any()
        } else {
            groups.into_any()
        }}
        {r.share_note.clone().map(|n| view! { <p class="hint share-note">{n}</p> })}
        {r.may_share.then(|| view! {
            <button type="button" on:click=move |_| { share.dispatch(ShareResults { cycle: c_share.clone(), ratee: ratee.clone() }); }
                disabled=move || share.pending().get()>"Share results with them"</button>
            {move || share.value().get().and_then(|v| v.err()).map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })}
        })}
        {r.may_acknowledge.then(|| view! {
            <section class="card">
                <h2>"Acknowledge"</h2>
                <label>"Your response (optional) "
                    <textarea rows="4" maxlength="4000" prop:value=response on:input=move |ev| response.set(event_target_value(&ev))></textarea>
                </label>
                <button type="button" disabled=move || ack.pending().get()
                    on:click=move |_| { ack.dispatch(AcknowledgeResults { cycle: cycle.clone(), response: response.get_untracked() }); }>
                    {if r.acknowledged_on.is_some() { "Update my response" } else { "Acknowledge results" }}
                </button>
                {move || ack.value().get().and_then(|v| v.err()).map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })}
            </section>
        })}
    }
}
