//! Choosing a colleague by name: type two letters, pick from the matches.

use crate::feedback::api::find_colleagues;
use crate::people::model::OwnerRef;
use leptos::prelude::*;

/// Sets `chosen` to the picked colleague. `label` names the field.
#[component]
pub fn ColleaguePicker(chosen: RwSignal<Option<OwnerRef>>, id: &'static str, label: &'static str) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let matches = Resource::new(
        move || query.get(),
        |q| async move {
            if q.trim().chars().count() < 2 {
                Ok(Vec::new())
            } else {
                find_colleagues(q).await
            }
        },
    );
    view! {
        <label for=id>{label}</label>
        {move || match chosen.get() {
            Some(p) => view! {
                <p class="chosen">
                    <strong>{p.name.clone()}</strong>
                    " "
                    <button type="button" class="link" on:click=move |_| chosen.set(None)>"Change"</button>
                </p>
            }.into_any(),
            None => view! {
                <input id=id type="search" autocomplete="off" placeholder="Type a name"
                    prop:value=query on:input=move |ev| query.set(event_target_value(&ev)) />
                <Transition fallback=|| ()>
                    {move || matches.get().map(|r| match r {
                        Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                        Ok(list) if list.is_empty() && query.with(|q| q.trim().chars().count() >= 2) => {
                            view! { <p class="muted">"Nobody by that name."</p> }.into_any()
                        }
                        Ok(list) => view! {
                            <ul class="picks">
                                {list.into_iter().map(|p| {
                                    let pick = OwnerRef { id: p.id.clone(), name: p.name.clone() };
                                    view! {
                                        <li>
                                            <button type="button" class="link"
                                                on:click=move |_| { chosen.set(Some(pick.clone())); query.set(String::new()); }>
                                                {format!("{} — {}", p.name, p.title)}
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    })}
                </Transition>
            }.into_any(),
        }}
    }
}
