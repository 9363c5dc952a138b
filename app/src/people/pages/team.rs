use crate::people::api::get_team;
use crate::people::components::person_list::PersonList;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;

/// A manager's team two levels deep: direct reports, then each report's team.
#[component]
pub fn TeamPage() -> impl IntoView {
    let team = Resource::new(|| (), |_| get_team());
    view! {
        <Title text="My team" />
        <h1>"My team"</h1>
        <Suspense fallback=|| view! { <Loading text="Loading your team…" /> }>
            {move || Suspend::new(async move {
                match team.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(groups) => {
                        groups
                            .into_iter()
                            .enumerate()
                            .map(|(i, g)| {
                                let heading = if i == 0 {
                                    "Your direct reports".to_owned()
                                } else {
                                    format!("{}'s team", g.manager.name)
                                };
                                view! {
                                    <section class="card">
                                        <h2>{heading}</h2>
                                        <PersonList
                                            people=g.members
                                            empty="No one reports to you yet. When someone does, they appear here."
                                        />
                                    </section>
                                }
                            })
                            .collect_view()
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
