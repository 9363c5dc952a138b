use crate::people::model::PersonSummary;
use leptos::prelude::*;

/// A list of people linking to their pages, or `empty` when there is no one.
#[component]
pub fn PersonList(people: Vec<PersonSummary>, #[prop(into)] empty: String) -> impl IntoView {
    if people.is_empty() {
        return view! { <p class="empty">{empty}</p> }.into_any();
    }
    view! {
        <ul class="people">
            {people
                .into_iter()
                .map(|p| {
                    let href = format!("/people/{}", p.id);
                    let reports = match p.direct_reports {
                        0 => String::new(),
                        1 => "1 report".to_owned(),
                        n => format!("{n} reports"),
                    };
                    view! {
                        <li>
                            <a href=href>{p.name}</a>
                            <span class="muted">{p.title}</span>
                            <span class="count">{reports}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
