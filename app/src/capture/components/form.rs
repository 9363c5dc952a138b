//! The capture form: a note, feedback or a check-in, validated as typed
//! and saved to the outbox. Its draft autosaves to this device.

use crate::capture::model::{CaptureContext, CaptureItem, CapturePayload};
use crate::capture::outbox::Entry;
use crate::capture::state::{FormDraft, OutboxView};
use crate::feedback::model::{FeedbackKind, FeedbackVisibility};
use leptos::prelude::*;

/// The form's fields, one signal each.
#[derive(Clone, Copy)]
struct Fields {
    kind: RwSignal<String>,
    person: RwSignal<String>,
    kr: RwSignal<String>,
    value: RwSignal<String>,
    confidence: RwSignal<String>,
    feedback_kind: RwSignal<String>,
    visibility: RwSignal<String>,
    text: RwSignal<String>,
    happened_on: RwSignal<String>,
}

impl Fields {
    fn new(today: &str) -> Self {
        Fields {
            kind: RwSignal::new("note".into()),
            person: RwSignal::new(String::new()),
            kr: RwSignal::new(String::new()),
            value: RwSignal::new(String::new()),
            confidence: RwSignal::new("7".into()),
            feedback_kind: RwSignal::new("praise".into()),
            visibility: RwSignal::new("private".into()),
            text: RwSignal::new(String::new()),
            happened_on: RwSignal::new(today.into()),
        }
    }

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn draft(&self, editing: Option<String>) -> FormDraft {
        FormDraft {
            kind: self.kind.get(),
            person: self.person.get(),
            kr: self.kr.get(),
            value: self.value.get(),
            confidence: self.confidence.get(),
            feedback_kind: self.feedback_kind.get(),
            visibility: self.visibility.get(),
            text: self.text.get(),
            happened_on: self.happened_on.get(),
            editing,
        }
    }

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn restore(&self, d: FormDraft) {
        let set = |s: RwSignal<String>, v: String| {
            if !v.is_empty() {
                s.set(v)
            }
        };
        set(self.kind, d.kind);
        set(self.person, d.person);
        set(self.kr, d.kr);
        set(self.value, d.value);
        set(self.confidence, d.confidence);
        set(self.feedback_kind, d.feedback_kind);
        set(self.visibility, d.visibility);
        set(self.text, d.text);
        set(self.happened_on, d.happened_on);
    }

    fn load(&self, e: &Entry) {
        self.happened_on.set(e.item.happened_on.clone());
        match &e.item.payload {
            CapturePayload::Note { about, text } => {
                self.kind.set("note".into());
                self.person.set(about.clone());
                self.text.set(text.clone());
            }
            CapturePayload::Feedback {
                to,
                feedback_kind,
                visibility,
                text,
            } => {
                self.kind.set("feedback".into());
                self.person.set(to.clone());
                self.feedback_kind.set(feedback_kind.as_str().into());
                self.visibility.set(visibility.as_str().into());
                self.text.set(text.clone());
            }
            CapturePayload::CheckIn {
                goal,
                kr,
                value,
                confidence,
                note,
            } => {
                self.kind.set("checkin".into());
                self.kr.set(format!("{goal}/{kr}"));
                self.value.set(value.clone());
                self.confidence.set(confidence.to_string());
                self.text.set(note.clone());
            }
        }
    }

    fn payload(&self) -> CapturePayload {
        let text = self.text.get_untracked();
        match self.kind.get_untracked().as_str() {
            "feedback" => CapturePayload::Feedback {
                to: self.person.get_untracked(),
                feedback_kind: FeedbackKind::parse(&self.feedback_kind.get_untracked()).unwrap_or(FeedbackKind::Praise),
                visibility: FeedbackVisibility::parse(&self.visibility.get_untracked())
                    .unwrap_or(FeedbackVisibility::Private),
                text,
            },
            "checkin" => {
                let kr = self.kr.get_untracked();
                let (goal, kr) = kr.split_once('/').unwrap_or(("", ""));
                CapturePayload::CheckIn {
                    goal: goal.into(),
                    kr: kr.into(),
                    value: self.value.get_untracked(),
                    confidence: self.confidence.get_untracked().parse().unwrap_or(0),
                    note: text,
                }
            }
            _ => CapturePayload::Note {
                about: self.person.get_untracked(),
                text,
            },
        }
    }
}

#[component]
pub fn CaptureForm(ctx: CaptureContext, view: OutboxView, editing: RwSignal<Option<Entry>>) -> impl IntoView {
    let f = Fields::new(&ctx.today);
    let errors = RwSignal::new(Vec::<crate::error::FieldError>::new());
    let saved = RwSignal::new(None::<String>);
    let restored = RwSignal::new(false);
    let author = ctx.author.clone();
    let today = ctx.today.clone();

    // Restore the draft once the outbox is open, then autosave as the person types.
    #[cfg(feature = "hydrate")]
    {
        Effect::new(move |_| {
            if view.ready.get() && !restored.get_untracked() {
                leptos::task::spawn_local(async move {
                    if let Some(d) = crate::offline::runtime::load_draft().await {
                        if let Ok(d) = serde_json::from_str::<FormDraft>(&d) {
                            f.restore(d);
                        }
                    }
                    restored.set(true);
                });
            }
        });
        let timer = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
        Effect::new(move |_| {
            let draft = f.draft(editing.with(|e| e.as_ref().map(|e| e.item.id.clone())));
            if !restored.get() {
                return;
            }
            let json = serde_json::to_string(&draft).unwrap_or_default();
            timer.set_value(Some(gloo_timers::callback::Timeout::new(300, move || {
                leptos::task::spawn_local(crate::offline::runtime::save_draft(json));
            })));
        });
    }
    Effect::new(move |_| {
        if let Some(e) = editing.get() {
            f.load(&e);
            saved.set(None);
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = now_ms();
        let base = editing.get_untracked();
        let item = CaptureItem {
            id: base.as_ref().map(|e| e.item.id.clone()).unwrap_or_else(new_id),
            author: author.clone(),
            created_at: base.as_ref().map(|e| e.item.created_at).unwrap_or(now),
            edited_at: now,
            happened_on: f.happened_on.get_untracked(),
            payload: f.payload(),
        };
        // The server's "today" from when the page loaded; offline it may be a day old.
        let day = crate::shared::date::Day::parse(&today)
            .map(|d| d.plus_days(1))
            .unwrap_or(crate::shared::date::Day::from_ymd(1970, 1, 1).expect("a real day"));
        if let Err(e) = crate::capture::rules::validate(&item, day, now) {
            errors.set(e);
            saved.set(None);
            return;
        }
        errors.set(Vec::new());
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let took = match base {
                Some(b) => crate::offline::runtime::edit(b, item.payload, item.happened_on)
                    .await
                    .map(|_| 0.0),
                None => crate::offline::runtime::capture(item)
                    .await
                    .ok_or("The outbox is not open yet.".to_string()),
            };
            match took {
                Ok(ms) => {
                    saved.set(Some(format!("Saved on this device ({ms:.1} ms). It syncs on its own.")));
                    f.text.set(String::new());
                    f.value.set(String::new());
                    editing.set(None);
                }
                Err(e) => saved.set(Some(e)),
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = item;
    };
    let msg = move |field: &'static str| {
        move || {
            errors
                .with(|es| es.iter().find(|e| e.field == field).map(|e| e.message.clone()))
                .map(|m| {
                    view! { <p class="field-error" data-field=field>{m}</p> }
                })
        }
    };
    let people = ctx.people.clone();
    let krs = ctx.key_results.clone();
    let is = move |k: &'static str| move || f.kind.get() == k;
    view! {
        <form class="card capture-form" on:submit=submit data-testid="capture-form">
            <h2>{move || if editing.with(Option::is_some) { "Edit item" } else { "New item" }}</h2>
            <label>"What is it?"
                <select name="kind" prop:value=move || f.kind.get() on:change=move |ev| f.kind.set(event_target_value(&ev))>
                    <option value="note">"A private note about someone"</option>
                    <option value="feedback">"Feedback to someone"</option>
                    <option value="checkin">"A key-result check-in"</option>
                </select>
            </label>
            <Show when=move || !is("checkin")()>
                <label>"Who"
                    <select name="person" prop:value=move || f.person.get() on:change=move |ev| f.person.set(event_target_value(&ev))>
                        <option value="">"Choose a person…"</option>
                        {people.iter().map(|p| view! { <option value=p.id.clone()>{format!("{} ({})", p.name, p.relation)}</option> }).collect_view()}
                    </select>
                </label>
                {msg("subject")}
            </Show>
            <Show when=is("feedback")>
                <label>"Kind"
                    <select name="feedback_kind" prop:value=move || f.feedback_kind.get() on:change=move |ev| f.feedback_kind.set(event_target_value(&ev))>
                        <option value="praise">"Praise"</option>
                        <option value="constructive">"Constructive"</option>
                        <option value="coaching">"Coaching"</option>
                    </select>
                </label>
                <label>"Who can read it"
                    <select name="visibility" prop:value=move || f.visibility.get() on:change=move |ev| f.visibility.set(event_target_value(&ev))>
                        <option value="private">"Only them and me"</option>
                        <option value="manager_line">"Also their manager line"</option>
                    </select>
                </label>
            </Show>
            <Show when=is("checkin")>
                {if krs.is_empty() {
                    view! { <p class="empty">"You have no running goals with key results. Create a goal first, then check in here."</p> }.into_any()
                } else {
                    let krs = krs.clone();
                    view! {
                        <label>"Key result"
                            <select name="kr" prop:value=move || f.kr.get() on:change=move |ev| f.kr.set(event_target_value(&ev))>
                                <option value="">"Choose a key result…"</option>
                                {krs.iter().map(|k| view! {
                                    <option value=format!("{}/{}", k.goal, k.kr)>{format!("{} — {} (now {} {})", k.goal_title, k.title, k.current, k.unit)}</option>
                                }).collect_view()}
                            </select>
                        </label>
                    }.into_any()
                }}
                {msg("subject")}
                <label>"New value (a number; for a milestone, done or not done)"<input name="value" prop:value=move || f.value.get() on:input=move |ev| f.value.set(event_target_value(&ev)) /></label>
                {msg("value")}
                <label>"Confidence (1–10)"<input name="confidence" type="number" min="1" max="10" prop:value=move || f.confidence.get() on:input=move |ev| f.confidence.set(event_target_value(&ev)) /></label>
                {msg("confidence")}
            </Show>
            <label>{move || if is("checkin")() { "Note (optional)" } else { "What happened" }}
                <textarea name="text" rows="5" prop:value=move || f.text.get() on:input=move |ev| f.text.set(event_target_value(&ev))></textarea>
            </label>
            {msg("text")}
            <label>"When did it happen?"<input name="happened_on" type="date" prop:value=move || f.happened_on.get() on:input=move |ev| f.happened_on.set(event_target_value(&ev)) /></label>
            {msg("happened_on")}
            {msg("id")}
            {msg("edited_at")}
            <p>
                <button type="submit" disabled=move || !view.ready.get()>{move || if editing.with(Option::is_some) { "Save changes" } else { "Save" }}</button>
                {move || editing.with(Option::is_some).then(|| view! { <button type="button" class="link" on:click=move |_| { editing.set(None); f.text.set(String::new()); }>"Cancel edit"</button> })}
            </p>
            <p class="saved" data-testid="saved" aria-live="polite" data-save-ms=move || view.last_save_ms.get().map(|m| format!("{m:.3}"))>{move || saved.get()}</p>
            <p class="hint">{move || restored.get().then_some("Drafts are kept on this device as you type.")}</p>
        </form>
    }
}

fn now_ms() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        crate::offline::now_ms()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0
    }
}

fn new_id() -> String {
    #[cfg(feature = "hydrate")]
    {
        crate::offline::new_id()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}
