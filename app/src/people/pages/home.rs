use crate::people::api::get_home;
use crate::people::components::person_list::PersonList;
use crate::people::components::role_badges::RoleBadges;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;

/// Your profile at a glance and, for managers, your direct reports: the
/// lower half of the home page.
#[component]
pub fn ProfileCards() -> impl IntoView {
    let home = Resource::new(|| (), |_| get_home());
    view! {
        <Suspense fallback=|| view! { <Loading text="Loading your profile…" /> }>
            {move || Suspend::new(async move {
                match home.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(home) => {
                        let me = home.me;
                        let profile = format!("/people/{}", me.id);
                        let manager = me.manager.clone();
                        view! {
                            <section class="card" aria-labelledby="me-heading">
                                <h2 id="me-heading">"Your profile"</h2>
                                <p>
                                    <a href=profile>{me.name.clone()}</a>
                                    " · " {me.title.clone()} " · " {me.org_unit.name.clone()}
                                </p>
                                <RoleBadges role=me.role is_hr=me.is_hr />
                                <p class="muted">
                                    {match manager {
                                        Some(m) => format!("You report to {}, {}.", m.name, m.title),
                                        None => "You lead the company.".to_owned(),
                                    }}
                                </p>
                            </section>
                            {me.role.manages().then(|| {
                                let size = home.org_size.unwrap_or(0);
                                view! {
                                    <section class="card" aria-labelledby="team-heading">
                                        <h2 id="team-heading">"Your direct reports"</h2>
                                        <p class="muted">
                                            {format!("{} direct, {} in your organisation. ", me.reports.len(), size)}
                                            <a href="/team">"See your whole team"</a>
                                        </p>
                                        <PersonList people=me.reports.clone() empty="No one reports to you yet." />
                                    </section>
                                }
                            })}
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
