use crate::error::AppError;
use crate::goals::api::{goal_tree, search_goals};
use crate::goals::components::bits::{GoalLine, QuarterPicker};
use crate::goals::components::tree_item::GoalTreeItem;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The alignment tree from the company down, for one quarter, with search by
/// title or owner. Search is a GET form, so results have a URL.
#[component]
pub fn GoalTreePage() -> impl IntoView {
    let query = use_query_map();
    let quarter = move || query.read().get("q").filter(|q| !q.is_empty());
    let needle = move || query.read().get("find").unwrap_or_default();
    let tree = Resource::new(quarter, goal_tree);
    let found = Resource::new(
        move || (needle(), quarter()),
        |(n, q)| async move {
            if n.trim().is_empty() {
                Ok(None)
            } else {
                search_goals(n, q).await.map(Some)
            }
        },
    );
    view! {
        <Title text="Alignment" />
        <h1>"How goals align"</h1>
        <Suspense fallback=|| view! { <Loading text="Loading the alignment tree…" /> }>
            {move || Suspend::new(async move {
                let tree = match tree.await {
                    Ok(t) => t,
                    Err(AppError::Invalid(m)) => return view! { <p class="form-error" role="alert">{m}</p> }.into_any(),
                    Err(error) => return view! { <ErrorPage error /> }.into_any(),
                };
                let results = found.await;
                let q = tree.quarter;
                view! {
                    <div class="toolbar">
                        <QuarterPicker action="/goals" quarters=tree.quarters.clone() current=q />
                        <form method="get" action="/goals" class="inline-form" role="search">
                            <input type="hidden" name="q" value=q.to_string() />
                            <label for="find">"Find a goal"</label>
                            <input id="find" name="find" type="search" value=needle() maxlength="100"
                                placeholder="Title or owner's name" />
                            <button type="submit">"Search"</button>
                        </form>
                        <a class="button secondary" href="/goals/new">"New goal"</a>
                    </div>
                    {match results {
                        Ok(Some(list)) => view! {
                            <section class="card" aria-labelledby="results-heading">
                                <h2 id="results-heading">{format!("Goals matching “{}” in {}", needle(), q.label())}</h2>
                                {if list.is_empty() {
                                    view! { <p class="empty">"No goals match. Try part of a title or a person's name."</p> }.into_any()
                                } else {
                                    view! { <ul class="goals">{list.into_iter().map(|g| view! { <li><GoalLine goal=g /></li> }).collect_view()}</ul> }.into_any()
                                }}
                                <p><a href=format!("/goals?q={q}")>"Back to the whole tree"</a></p>
                            </section>
                        }.into_any(),
                        Err(AppError::Invalid(m)) => view! { <p class="form-error" role="alert">{m}</p> }.into_any(),
                        _ => {
                            if tree.roots.is_empty() {
                                view! {
                                    <p class="empty card">
                                        {format!("No company goals for {} yet. ", q.label())}
                                        "Company goals come first; HR or the CEO can "
                                        <a href="/goals/new">"create one"</a> "."
                                    </p>
                                }.into_any()
                            } else {
                                view! {
                                    <ul class="tree root card">
                                        {tree.roots.into_iter().map(|n| view! { <GoalTreeItem goal=n.goal preloaded=n.children /> }).collect_view()}
                                    </ul>
                                }.into_any()
                            }
                        }
                    }}
                }.into_any()
            })}
        </Suspense>
    }
}
