//! One node of the alignment tree. Children already loaded (the first two
//! levels) render at once; deeper ones load when the node is expanded, so a
//! 10,000-person organisation never ships its whole tree.

use crate::goals::api::goal_children;
use crate::goals::components::bits::GoalLine;
use crate::goals::model::GoalSummary;
use leptos::prelude::*;

/// A goal, a toggle if anything aligns to it, and its children when open.
#[component]
pub fn GoalTreeItem(goal: GoalSummary, #[prop(optional)] preloaded: Option<Vec<GoalSummary>>) -> impl IntoView {
    let has_children = goal.has_children || preloaded.as_ref().is_some_and(|c| !c.is_empty());
    let open = RwSignal::new(false);
    let children = RwSignal::new(preloaded);
    let id = goal.id.to_string();
    let load = Action::new(move |id: &String| {
        let id = id.clone();
        async move { goal_children(id).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(kids)) = load.value().get() {
            children.set(Some(kids));
        }
    });
    let toggle = move |_| {
        let now = !open.get_untracked();
        open.set(now);
        if now && children.with_untracked(Option::is_none) && !load.pending().get_untracked() {
            load.dispatch(id.clone());
        }
    };
    let label = format!("Show goals aligned to {}", goal.title);
    view! {
        <li class="tree-node">
            <div class="tree-row">
                {if has_children {
                    view! {
                        <button type="button" class="toggle" aria-expanded=move || open.get().to_string()
                            aria-label=label on:click=toggle>
                            {move || if open.get() { "▾" } else { "▸" }}
                        </button>
                    }.into_any()
                } else {
                    view! { <span class="toggle-space" aria-hidden="true"></span> }.into_any()
                }}
                <GoalLine goal />
            </div>
            <Show when=move || open.get()>
                {move || match (children.get(), load.value().get()) {
                    (Some(kids), _) if kids.is_empty() => {
                        view! { <p class="empty nested">"No aligned goals you can see."</p> }.into_any()
                    }
                    (Some(kids), _) => view! {
                        <ul class="tree">
                            {kids.into_iter().map(|g| view! { <GoalTreeItem goal=g /> }).collect_view()}
                        </ul>
                    }.into_any(),
                    (None, Some(Err(e))) => view! { <p class="form-error nested" role="alert">{e.to_string()}</p> }.into_any(),
                    (None, _) => view! { <p class="loading nested" aria-busy="true">"Loading aligned goals…"</p> }.into_any(),
                }}
            </Show>
        </li>
    }
}
