use crate::people::components::colleague_picker::ColleaguePicker;
use crate::people::model::OwnerRef;
use crate::reviews::api::{peer_nominations, ApprovePeers, ProposePeers};
use crate::reviews::model::form::Nomination;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Choosing peer reviewers: the ratee proposes, their manager approves the
/// final list (adding or removing anyone).
#[component]
pub fn ReviewPeersPage() -> impl IntoView {
    let query = use_query_map();
    let key = move || {
        let q = query.read();
        (q.get("cycle").unwrap_or_default(), q.get("ratee").unwrap_or_default())
    };
    let list = Resource::new(key, |(c, r)| peer_nominations(c, r));
    view! {
        <Title text="Peer reviewers" />
        <h1>"Peer reviewers"</h1>
        <Suspense fallback=|| view! { <Loading text="Loading nominations…" /> }>
            {move || Suspend::new(async move {
                let (cycle, ratee) = key();
                match list.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok((is_ratee, noms)) => view! { <PeerEditor cycle ratee is_ratee noms /> }.into_any(),
                }
            })}
        </Suspense>
        <p><a href="/reviews">"Back to your reviews"</a></p>
    }
}

#[component]
fn PeerEditor(cycle: String, ratee: String, is_ratee: bool, noms: Vec<Nomination>) -> impl IntoView {
    let chosen = RwSignal::new(
        noms.iter()
            .map(|n| {
                (
                    OwnerRef {
                        id: n.peer.id.clone(),
                        name: n.peer.name.clone(),
                    },
                    n.approved,
                )
            })
            .collect::<Vec<_>>(),
    );
    let picked = RwSignal::new(None::<OwnerRef>);
    Effect::new(move |_| {
        if let Some(p) = picked.get() {
            chosen.update(|c| {
                if !c.iter().any(|(x, _)| x.id == p.id) {
                    c.push((p, false));
                }
            });
            picked.set(None);
        }
    });
    let propose = ServerAction::<ProposePeers>::new();
    let approve = ServerAction::<ApprovePeers>::new();
    let ids = move || chosen.with(|c| c.iter().map(|(p, _)| p.id.as_str().to_owned()).collect::<Vec<_>>());
    let (c1, c2, r2) = (cycle.clone(), cycle, ratee);
    let send = move |_| {
        if is_ratee {
            propose.dispatch(ProposePeers {
                cycle: c1.clone(),
                peers: ids(),
            });
        } else {
            approve.dispatch(ApprovePeers {
                cycle: c2.clone(),
                ratee: r2.clone(),
                peers: ids(),
            });
        }
    };
    let result = move || {
        let v = if is_ratee {
            propose.value().get()
        } else {
            approve.value().get()
        };
        match v {
            Some(Ok(())) if is_ratee => Some(
                view! { <p class="form-ok" role="status">"Proposed. Your manager approves the final list."</p> }
                    .into_any(),
            ),
            Some(Ok(())) => {
                chosen.update(|c| c.iter_mut().for_each(|(_, a)| *a = true));
                Some(
                    view! { <p class="form-ok" role="status">"Approved. Each peer now has a review to write."</p> }
                        .into_any(),
                )
            }
            Some(Err(e)) => Some(view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any()),
            None => None,
        }
    };
    let pending = move || propose.pending().get() || approve.pending().get();
    view! {
        <p class="hint">{if is_ratee {
            "Propose colleagues who saw your work this period. Their answers reach you only as group averages and unnamed comments, and only once at least three have answered."
        } else {
            "Approve, remove or add peers for your report. Each approved peer gets a review to write; nobody is asked to write more than five."
        }}</p>
        {move || if chosen.with(Vec::is_empty) {
            view! { <p class="empty">"No peers yet. Add colleagues below."</p> }.into_any()
        } else {
            view! { <ul class="peers">{chosen.get().into_iter().map(|(p, approved)| {
                let id = p.id.clone();
                view! { <li>{p.name.clone()} {approved.then_some(" (approved)")} " "
                    <button type="button" class="link" on:click=move |_| chosen.update(|c| c.retain(|(x, _)| x.id != id))>"Remove"</button></li> }
            }).collect_view()}</ul> }.into_any()
        }}
        <ColleaguePicker chosen=picked id="peer-picker" label="Add a peer" />
        <button type="button" on:click=send disabled=pending>
            {move || match (pending(), is_ratee) {
                (true, _) => "Saving…",
                (false, true) => "Propose these peers",
                (false, false) => "Approve these peers",
            }}
        </button>
        {result}
    }
}
