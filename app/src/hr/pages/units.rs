use crate::hr::api::admin::{org_units, ChangeUnit};
use crate::hr::components::unit_select::UnitSelect;
use crate::hr::model::UnitLine;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;

/// HR's org units: the tree with headcounts, and one form to create,
/// rename, move or merge a unit.
#[component]
pub fn OrgUnitsPage() -> impl IntoView {
    let change = ServerAction::<ChangeUnit>::new();
    let units = Resource::new(move || change.version().get(), |_| org_units());
    // The form's choices live here, above the list that re-reads after
    // every change, so a refused change keeps what was chosen.
    let form = UnitForm {
        action: RwSignal::new("create".to_owned()),
        unit: RwSignal::new(String::new()),
        target: RwSignal::new(String::new()),
        name: RwSignal::new(String::new()),
    };
    view! {
        <Title text="Org units" />
        <h1>"Org units"</h1>
        <Transition fallback=|| view! { <Loading text="Loading units…" /> }>
            {move || Suspend::new(async move {
                match units.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(list) => view! { <Units list change form /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[derive(Clone, Copy)]
struct UnitForm {
    action: RwSignal<String>,
    unit: RwSignal<String>,
    target: RwSignal<String>,
    name: RwSignal<String>,
}

#[component]
fn Units(list: Vec<UnitLine>, change: ServerAction<ChangeUnit>, form: UnitForm) -> impl IntoView {
    let UnitForm {
        action,
        unit,
        target,
        name,
    } = form;
    let needs_name = move || action.with(|a| a == "create" || a == "rename");
    let unit_label = move || match action.get().as_str() {
        "create" => "Under",
        "rename" => "Unit to rename",
        "move" => "Unit to move",
        _ => "Unit to merge away",
    };
    let result = move || {
        match change.value().get() {
        Some(Ok(())) => Some(view! { <p class="form-ok" role="status">"Done. The list above shows the change."</p> }.into_any()),
        Some(Err(e)) => Some(view! { <p class="form-error" role="alert">{e.field_message("name").or_else(|| e.field_message("parent")).or_else(|| e.field_message("into")).or_else(|| e.field_message("unit")).unwrap_or_else(|| e.to_string())}</p> }.into_any()),
        None => None,
    }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        change.dispatch(ChangeUnit {
            action: action.get_untracked(),
            unit: unit.get_untracked(),
            name: name.get_untracked(),
            target: target.get_untracked(),
        });
    };
    let rows = list.clone();
    view! {
        <section class="card">
            <div class="table-scroll">
                <table class="units">
                    <thead><tr><th>"Unit"</th><th>"Kind"</th><th>"People"</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|u| view! {
                            <tr>
                                <td style=format!("padding-left: {}rem", 0.5 + u.depth as f32 * 1.25)>{u.name}</td>
                                <td>{u.kind}</td>
                                <td>{u.headcount}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <form class="card stack" on:submit=on_submit novalidate>
            <h2>"Change the units"</h2>
            <label for="unit-action">"Change"</label>
            <select id="unit-action" prop:value=move || action.get() on:change=move |ev| action.set(event_target_value(&ev))>
                <option value="create">"Create a unit"</option>
                <option value="rename">"Rename a unit"</option>
                <option value="move">"Move a unit (with everything below it)"</option>
                <option value="merge">"Merge a unit into another"</option>
            </select>
            <label for="unit-pick">{unit_label}</label>
            <UnitSelect units=list.clone() value=unit id="unit-pick" />
            <Show when=needs_name>
                <label for="unit-name">"Name"</label>
                <input id="unit-name" maxlength="120" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            </Show>
            <Show when=move || !needs_name()>
                <label for="unit-target">{move || if action.with(|a| a == "move") { "New place: under" } else { "Merge into" }}</label>
                <UnitSelect units=list.clone() value=target id="unit-target" />
            </Show>
            <p class="hint">"Moving or merging recounts headcounts and dashboard figures. A merge moves the unit's people, sub-units, goals and review records into the other unit, and is kept in the audit."</p>
            <button type="submit" disabled=move || change.pending().get()>
                {move || if change.pending().get() { "Applying…" } else { "Apply" }}
            </button>
            {result}
        </form>
    }
}
