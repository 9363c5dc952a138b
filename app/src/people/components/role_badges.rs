use crate::people::model::Role;
use leptos::prelude::*;

/// Badges for a person's role and HR flag.
#[component]
pub fn RoleBadges(role: Role, is_hr: bool) -> impl IntoView {
    view! {
        <span class="badges">
            <span class="badge">{role.label()}</span>
            {is_hr.then(|| view! { <span class="badge hr">"HR admin"</span> })}
        </span>
    }
}
