use crate::goals::api::form::{editable_goal, goal_form_options};
use crate::goals::components::form::GoalForm;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A new goal. `?parent=ID` preselects what it aligns to.
#[component]
pub fn NewGoalPage() -> impl IntoView {
    let query = use_query_map();
    let options = Resource::new(|| (), |_| goal_form_options());
    view! {
        <Title text="New goal" />
        <h1>"New goal"</h1>
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                match options.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(options) => {
                        let parent = query.read_untracked().get("parent");
                        view! { <GoalForm options existing=None parent /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// Editing a goal the viewer may change.
#[component]
pub fn EditGoalPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        |id| async move { Ok::<_, crate::AppError>((goal_form_options().await?, editable_goal(id).await?)) },
    );
    view! {
        <Title text="Edit goal" />
        <h1>"Edit goal"</h1>
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok((options, goal)) => view! { <GoalForm options existing=Some(goal) parent=None /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
