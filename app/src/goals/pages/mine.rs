use crate::error::AppError;
use crate::goals::api::my_goals;
use crate::goals::components::bits::{GoalLine, QuarterPicker};
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The signed-in person's goals for a quarter.
#[component]
pub fn MyGoalsPage() -> impl IntoView {
    let query = use_query_map();
    let goals = Resource::new(move || query.read().get("q").filter(|q| !q.is_empty()), my_goals);
    view! {
        <Title text="My goals" />
        <h1>"My goals"</h1>
        <Suspense fallback=|| view! { <Loading text="Loading your goals…" /> }>
            {move || Suspend::new(async move {
                match goals.await {
                    Err(AppError::Invalid(m)) => view! { <p class="form-error" role="alert">{m}</p> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(list) => {
                        let q = list.quarter;
                        view! {
                            <div class="toolbar">
                                <QuarterPicker action="/goals/mine" quarters=list.quarters current=q />
                                <a class="button" href="/goals/new">"New goal"</a>
                                <a class="button secondary" href=format!("/goals/review?q={q}")>"Quarterly review"</a>
                            </div>
                            {if list.goals.is_empty() {
                                view! {
                                    <p class="empty card">
                                        {format!("You have no goals for {}. ", q.label())}
                                        <a href="/goals/new">"Create one"</a>
                                        " and align it to your team's goals, so people see how your work connects."
                                    </p>
                                }.into_any()
                            } else {
                                view! {
                                    <ul class="goals card">
                                        {list.goals.into_iter().map(|g| view! { <li><GoalLine goal=g /></li> }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
