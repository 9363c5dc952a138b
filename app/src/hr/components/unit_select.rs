use crate::hr::model::UnitLine;
use leptos::prelude::*;

/// A `<select>` of org units by path, bound to `value` (a unit key).
#[component]
pub fn UnitSelect(
    units: Vec<UnitLine>,
    value: RwSignal<String>,
    id: &'static str,
    #[prop(optional)] placeholder: Option<&'static str>,
) -> impl IntoView {
    view! {
        <select id=id prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
            <option value="">{placeholder.unwrap_or("Choose a unit")}</option>
            {units.into_iter().map(|u| {
                let key = u.id.clone();
                view! { <option value=u.id selected=move || value.with(|v| *v == key)>{u.path}</option> }
            }).collect_view()}
        </select>
    }
}
