use crate::reviews::api::review_evidence;
use crate::reviews::evidence::{balance, cited_days, rating_of, rating_warning, recency_warning, spread};
use crate::reviews::model::evidence::{ReviewEvidence, Tone};
use crate::reviews::model::form::ReviewDraft;
use crate::reviews::model::ReviewRef;
use crate::ui::charts::Distribution;
use crate::ui::loading::Loading;
use leptos::prelude::*;

/// Slices of the period in the spread chart.
const SLICES: usize = 6;

/// The evidence beside a review over the whole period, with the two
/// warnings that follow the draft as it changes: a rating that departs
/// from the evidence, and citations bunched at the end of the period.
#[component]
pub fn EvidencePanel(review: ReviewRef, draft: RwSignal<ReviewDraft>, locked: Signal<bool>) -> impl IntoView {
    let evidence = Resource::new(move || review.clone(), review_evidence);
    let open = RwSignal::new(true);
    view! {
        <aside class="evidence-panel card" aria-label="Evidence">
            <div class="evidence-head">
                <h2>"Evidence"</h2>
                <button type="button" class="link" aria-expanded=move || open.get().to_string()
                    on:click=move |_| open.update(|o| *o = !*o)>
                    {move || if open.get() { "Hide evidence" } else { "Show evidence" }}
                </button>
            </div>
            <Show when=move || open.get()>
                <Suspense fallback=|| view! { <Loading text="Gathering the evidence for the whole period…" /> }>
                    {move || Suspend::new(async move {
                        match evidence.await {
                            Err(e) => view! { <p class="form-error" role="alert">{format!("The evidence could not be loaded: {e}")}</p> }.into_any(),
                            Ok(e) => view! { <EvidenceBody evidence=e draft locked /> }.into_any(),
                        }
                    })}
                </Suspense>
            </Show>
        </aside>
    }
}

#[component]
fn EvidenceBody(evidence: ReviewEvidence, draft: RwSignal<ReviewDraft>, locked: Signal<bool>) -> impl IntoView {
    let (from, to) = (evidence.period_from, evidence.period_to);
    let counts = balance(&evidence);
    let bars: Vec<(String, i64)> = spread(from, to, evidence.items.iter().map(|i| i.day), SLICES)
        .into_iter()
        .map(|b| (format!("{} to {}", b.from, b.to), i64::from(b.count)))
        .collect();
    let e = StoredValue::new(evidence.clone());
    let warnings = move || {
        let d = draft.get();
        let mut out = Vec::new();
        if let Some(w) = rating_of(&d).and_then(|r| rating_warning(r, &counts)) {
            out.push(("rating", w));
        }
        let days = e.with_value(|e| cited_days(e, &d.cited));
        if let Some(w) = recency_warning(&days, from, to) {
            out.push(("recency", w));
        }
        out
    };
    let empty = evidence.goals.is_empty() && evidence.items.is_empty();
    let cited_count = move || draft.with(|d| d.cited.len());
    view! {
        <ul class="evidence-warnings" role="status" aria-live="polite">
            {move || warnings().into_iter().map(|(code, w)| view! { <li class="warning" data-warning=code>{w}</li> }).collect_view()}
        </ul>
        {if empty {
            view! {
                <p class="empty">
                    "Nothing is recorded for this period yet: no goals, no feedback you can see, no coaching. "
                    "Rate from what you saw first-hand and give an example in each comment."
                </p>
            }.into_any()
        } else {
            view! {
                <p class="hint evidence-summary">
                    {format!("{} goals ({} at risk or off track), {} praise and {} constructive feedback entries; {} dated items from {} to {}.",
                        counts.goals, counts.goals_behind, counts.positive, counts.constructive, evidence.items.len(), from, to)}
                </p>
                <Distribution label="Evidence over the period".into() bars />
                <p class="hint">{move || format!("You cite {} items. Tick the ones your ratings rest on.", cited_count())}</p>
                <h3>"Goals"</h3>
                {if evidence.goals.is_empty() {
                    view! { <p class="empty">"No goals for this period."</p> }.into_any()
                } else {
                    view! {
                        <ul class="evidence-goals">
                            {evidence.goals.iter().map(|g| view! {
                                <li data-status=g.status.as_str()>
                                    <strong>{g.title.clone()}</strong>
                                    {format!(" — {:.0} %, {}, {} check-ins in the period, ends {}", g.progress * 100.0, g.status.label(), g.checkins, g.period_end)}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <h3>"Over the period"</h3>
                <ol class="evidence-items" reversed>
                    {evidence.items.iter().rev().map(|i| {
                        let id = StoredValue::new(i.id.clone());
                        let tone = match i.tone { Tone::Positive => "positive", Tone::Constructive => "constructive", Tone::Neutral => "neutral" };
                        view! {
                            <li class="evidence-item" data-kind=i.kind.label() data-tone=tone>
                                <label>
                                    <input type="checkbox" prop:disabled=move || locked.get()
                                        prop:checked=move || draft.with(|d| d.cited.contains(&id.get_value()))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            draft.update(|d| {
                                                d.cited.retain(|c| *c != id.get_value());
                                                if on { d.cited.push(id.get_value()); }
                                            });
                                        } />
                                    " Cite"
                                </label>
                                <span class="when">{i.day.to_string()}</span> " " <span class="kind">{i.kind.label()}</span>
                                <div><strong>{i.title.clone()}</strong></div>
                                {(!i.detail.is_empty()).then(|| view! { <p class="detail">{i.detail.clone()}</p> })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
        <p class="hint scope">{evidence.scope.clone()}</p>
    }
}
