//! The key-result rows of the goal form: title, kind, unit, starting value,
//! target and weight, each with the error for its position (`kr.N.field`).

use crate::goals::model::{KrDraft, KrKind};
use leptos::prelude::*;

/// The form's key results, each with a stable key for `<For>`.
pub type Krs = RwSignal<Vec<(u32, KrDraft)>>;

fn edit_kr(krs: Krs, key: u32, f: impl FnOnce(&mut KrDraft)) {
    krs.update(|v| {
        if let Some((_, k)) = v.iter_mut().find(|(k, _)| *k == key) {
            f(k)
        }
    });
}

/// An empty metric key result with weight 1.
pub fn blank_kr() -> KrDraft {
    KrDraft {
        id: None,
        title: String::new(),
        kind: KrKind::Metric,
        unit: String::new(),
        baseline: String::new(),
        target: String::new(),
        weight: "1".into(),
    }
}

/// One key result's inputs. Error names use its current position, `kr.N.field`.
#[component]
pub fn KrEditor(
    key: u32,
    initial: KrDraft,
    krs: Krs,
    error_for: impl Fn(&str) -> Option<String> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let index = move || krs.with(|v| v.iter().position(|(k, _)| *k == key).unwrap_or(0));
    let n = move || index() + 1;
    let kind = RwSignal::new(initial.kind);
    let err = move |f: &'static str| move || error_for(&format!("kr.{}.{f}", index()));
    let msg = move |f: &'static str| {
        let e = err(f);
        view! { {move || e().map(|m| view! { <p class="field-error" role="alert">{m}</p> })} }
    };
    let id = move |f: &str| format!("kr-{key}-{f}");
    view! {
        <div class="kr" data-kr=key>
            <div class="row">
                <span class="grow">
                    <label for=id("title")>{move || format!("Key result {}", n())}</label>
                    <input id=id("title") type="text" value=initial.title.clone() prop:value=initial.title.clone()
                        on:input=move |ev| { let v = event_target_value(&ev); edit_kr(krs, key, |k| k.title = v) } />
                    {msg("title")}
                </span>
                <span>
                    <label for=id("kind")>"Kind"</label>
                    <select id=id("kind") on:change=move |ev| {
                        let k = KrKind::parse(&event_target_value(&ev)).unwrap_or(KrKind::Metric);
                        kind.set(k);
                        edit_kr(krs, key, |d| d.kind = k);
                    }>
                        <option value="metric" selected=initial.kind == KrKind::Metric>"Number"</option>
                        <option value="milestone" selected=initial.kind == KrKind::Milestone>"Milestone"</option>
                    </select>
                </span>
            </div>
            <Show when=move || kind.get() == KrKind::Metric>
                <div class="row">
                    <KrText key field="unit" label="Unit" initial=initial.unit.clone() krs
                        set=|k, v| k.unit = v error=err("unit") placeholder="%, days, €…" />
                    <KrText key field="baseline" label="Starting value" initial=initial.baseline.clone() krs
                        set=|k, v| k.baseline = v error=err("baseline") numeric=true />
                    <KrText key field="target" label="Target" initial=initial.target.clone() krs
                        set=|k, v| k.target = v error=err("target") numeric=true />
                </div>
            </Show>
            <div class="row">
                <KrText key field="weight" label="Weight" initial=initial.weight.clone() krs
                    set=|k, v| k.weight = v error=err("weight") numeric=true />
                <button type="button" class="link remove"
                    on:click=move |_| krs.update(|v| v.retain(|(k, _)| *k != key))>
                    {move || format!("Remove key result {}", n())}
                </button>
            </div>
        </div>
    }
}

/// One short text input of a key result, with its error.
#[component]
fn KrText(
    key: u32,
    field: &'static str,
    label: &'static str,
    initial: String,
    krs: Krs,
    set: fn(&mut KrDraft, String),
    error: impl Fn() -> Option<String> + Send + Sync + 'static,
    #[prop(optional)] numeric: bool,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    let id = format!("kr-{key}-{field}");
    view! {
        <span>
            <label for=id.clone()>{label}</label>
            <input id=id type="text" class="short" inputmode=if numeric { "decimal" } else { "text" }
                placeholder=placeholder value=initial.clone() prop:value=initial
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    edit_kr(krs, key, |k| set(k, v))
                } />
            {move || error().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </span>
    }
}
