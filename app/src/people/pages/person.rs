use crate::people::api::get_person;
use crate::people::components::person_list::PersonList;
use crate::people::components::role_badges::RoleBadges;
use crate::people::model::{Demographics, PersonProfile};
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// A person's page: title, org unit, manager and reports. HR admins also see
/// demographic attributes.
#[component]
pub fn PersonPage() -> impl IntoView {
    let params = use_params_map();
    let person = Resource::new(move || params.read().get("id").unwrap_or_default(), get_person);
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                match person.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(p) => view! { <Profile p /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Profile(p: PersonProfile) -> impl IntoView {
    let manager = p.manager.clone().map(|m| {
        if p.manager_reachable {
            view! { <a href=format!("/people/{}", m.id)>{m.name}</a> }.into_any()
        } else {
            view! { <span>{m.name}</span> }.into_any()
        }
    });
    let first = p.name.split(' ').next().unwrap_or_default().to_owned();
    view! {
        <Title text=p.name.clone() />
        <article class="card">
            <h1>{p.name.clone()}</h1>
            <p class="lead">{p.title.clone()}</p>
            <RoleBadges role=p.role is_hr=p.is_hr />
            <dl class="facts">
                <dt>"Email"</dt>
                <dd>{p.email.clone()}</dd>
                <dt>"Org unit"</dt>
                <dd>{p.org_unit.name.clone()} <span class="muted">{format!(" ({})", p.org_unit.kind)}</span></dd>
                <dt>"Manager"</dt>
                <dd>{manager.unwrap_or_else(|| view! { <span>"None — leads the company"</span> }.into_any())}</dd>
            </dl>
            // Demographics come to HR alone, so they also mark HR's view.
            {p.demographics.is_some().then(|| view! {
                <p><a class="button secondary" href=format!("/people/{}/admin", p.id)>"Administer"</a></p>
            })}
            {p.demographics.clone().map(|d| view! { <DemographicsPanel d /> })}
        </article>
        <section class="card" aria-labelledby="reports-heading">
            <h2 id="reports-heading">"Direct reports"</h2>
            <PersonList people=p.reports.clone() empty=format!("{first} has no direct reports.") />
        </section>
    }
}

#[component]
fn DemographicsPanel(d: Demographics) -> impl IntoView {
    let show = |v: Option<String>| v.unwrap_or_else(|| "Not recorded".to_owned());
    view! {
        <section class="sensitive" aria-labelledby="demo-heading">
            <h2 id="demo-heading">"Demographics"</h2>
            <p class="muted">"Visible to HR admins only. Used for bias analytics, never for individual decisions."</p>
            <dl class="facts">
                <dt>"Gender"</dt>
                <dd>{show(d.gender)}</dd>
                <dt>"Ethnicity"</dt>
                <dd>{show(d.ethnicity)}</dd>
                <dt>"Age band"</dt>
                <dd>{show(d.age_band)}</dd>
                <dt>"Location"</dt>
                <dd>{show(d.location)}</dd>
            </dl>
        </section>
    }
}
