//! HR tunes the bias detectors: each one's minimum data and significance
//! level, the smallest offset worth a flag and the 4/5ths ratio. One set
//! for every cycle; the defaults are a click away.

use crate::bias::analysis::tuning::{ThresholdInput, ALPHA, FOUR_FIFTHS, GROUP_MIN_N, MIN_OFFSET, RATER_MIN_N};
use crate::bias::api::{bias_thresholds, TuneBiasThresholds};
use crate::bias::model::BiasThresholds;
use crate::error::AppError;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn BiasThresholdsPage() -> impl IntoView {
    let tune = ServerAction::<TuneBiasThresholds>::new();
    let data = Resource::new(|| (), |_| bias_thresholds());
    // Read again only after a save that took, so a rejected form keeps what was typed.
    Effect::new(move |_| {
        if matches!(tune.value().get(), Some(Ok(()))) {
            data.refetch();
        }
    });
    view! {
        <Title text="Bias detector thresholds" />
        <h1>"Bias detector thresholds"</h1>
        <p class="hint">"These apply to every cycle's bias flags, in calibration, for skip-level leaders and in each rater's own coaching. Below a detector's minimum Tend says \"not enough data\", never a flag. Flags never change a rating."</p>
        <Transition fallback=|| view! { <Loading text="Loading the thresholds…" /> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(t) => view! { <Tuning t tune /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// One detector's row of the form: its minimum and its significance level.
struct Detector {
    name: &'static str,
    what: &'static str,
    min_field: &'static str,
    min: String,
    alpha_field: &'static str,
    alpha: String,
    counts: &'static str,
    bounds: (usize, usize),
}

fn detectors(i: &ThresholdInput) -> [Detector; 6] {
    let d = |name, what, min_field, min: &String, alpha_field, alpha: &String, counts, bounds| Detector {
        name,
        what,
        min_field,
        min: min.clone(),
        alpha_field,
        alpha: alpha.clone(),
        counts,
        bounds,
    };
    [
        d(
            "Leniency and severity",
            "A rater's offset from other raters of the same people and their evidence.",
            "leniency_min_n",
            &i.leniency_min_n,
            "leniency_alpha",
            &i.leniency_alpha,
            "ratings",
            RATER_MIN_N,
        ),
        d(
            "Central tendency",
            "A rater's spread against the spread of the same people's references.",
            "central_min_n",
            &i.central_min_n,
            "central_alpha",
            &i.central_alpha,
            "ratings",
            RATER_MIN_N,
        ),
        d(
            "Halo",
            "How often a rater gives every competency the same rating.",
            "halo_min_n",
            &i.halo_min_n,
            "halo_alpha",
            &i.halo_alpha,
            "reviews",
            RATER_MIN_N,
        ),
        d(
            "Recency",
            "Ratings that follow the last quarter's evidence over the whole period's.",
            "recency_min_n",
            &i.recency_min_n,
            "recency_alpha",
            &i.recency_alpha,
            "ratings",
            RATER_MIN_N,
        ),
        d(
            "Affinity",
            "A rater's offset for people who share an attribute with them.",
            "affinity_min_n",
            &i.affinity_min_n,
            "affinity_alpha",
            &i.affinity_alpha,
            "ratings on each side",
            RATER_MIN_N,
        ),
        d(
            "Group gaps",
            "Top and low rating rates per group within a unit, by the 4/5ths rule.",
            "group_gap_min_n",
            &i.group_gap_min_n,
            "group_gap_alpha",
            &i.group_gap_alpha,
            "people in each group",
            GROUP_MIN_N,
        ),
    ]
}

#[component]
fn Tuning(t: BiasThresholds, tune: ServerAction<TuneBiasThresholds>) -> impl IntoView {
    let failed = move || tune.value().get().and_then(Result::err);
    let says = move |field: &'static str| move || failed().and_then(|e| e.field_message(field));
    let result = move || match tune.value().get() {
        Some(Ok(())) => Some(
            view! { <p class="ok" role="status">"Thresholds saved. Every cycle's flags now use them."</p> }.into_any(),
        ),
        Some(Err(AppError::InvalidFields(errs))) => Some(
            view! {
                <div class="form-error" role="alert">
                    <p>"Nothing was saved. Fix these first:"</p>
                    <ul>{errs.into_iter().map(|e| view! { <li>{e.message}</li> }).collect_view()}</ul>
                </div>
            }
            .into_any(),
        ),
        Some(Err(e)) => Some(view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any()),
        None => None,
    };
    let changed = match &t.changed {
        Some(c) => format!("Tuned by {c} (UTC)."),
        None => "The documented defaults apply.".to_owned(),
    };
    let hidden: Vec<(&'static str, String)> = t
        .defaults
        .fields()
        .into_iter()
        .map(|(f, v)| (f, v.to_owned()))
        .collect();
    view! {
        <p class="muted thresholds-changed">{changed}</p>
        {result}
        <ActionForm action=tune attr:class="stack thresholds" attr:novalidate="true">
            {detectors(&t.current).into_iter().zip(detectors(&t.defaults)).map(|(d, def)| view! {
                <fieldset>
                    <legend>{d.name}</legend>
                    <p class="hint">{d.what}</p>
                    <label>{format!("Minimum {} ", d.counts)}
                        <input type="number" name=format!("input[{}]", d.min_field) value=d.min
                            min=d.bounds.0 max=d.bounds.1 step="1" inputmode="numeric" />
                    </label>
                    <span class="hint">{format!(" {}–{}, default {}", d.bounds.0, d.bounds.1, def.min)}</span>
                    <p class="field-error">{says(d.min_field)}</p>
                    <label>"Significance level "
                        <input type="text" name=format!("input[{}]", d.alpha_field) value=d.alpha inputmode="decimal" />
                    </label>
                    <span class="hint">{format!(" flag when p is below this; {}–{}, default {}", ALPHA.0, ALPHA.1, def.alpha)}</span>
                    <p class="field-error">{says(d.alpha_field)}</p>
                </fieldset>
            }).collect_view()}
            <fieldset>
                <legend>"Sizes"</legend>
                <label>"Smallest offset worth a flag (rating points) "
                    <input type="text" name="input[min_offset]" value=t.current.min_offset.clone() inputmode="decimal" />
                </label>
                <span class="hint">{format!(" leniency, severity and affinity; {}–{}, default {}", MIN_OFFSET.0, MIN_OFFSET.1, t.defaults.min_offset)}</span>
                <p class="field-error">{says("min_offset")}</p>
                <label>"4/5ths ratio "
                    <input type="text" name="input[four_fifths]" value=t.current.four_fifths.clone() inputmode="decimal" />
                </label>
                <span class="hint">{format!(" a group's rate below this share of the best group's is a gap; {}–{}, default {}", FOUR_FIFTHS.0, FOUR_FIFTHS.1, t.defaults.four_fifths)}</span>
                <p class="field-error">{says("four_fifths")}</p>
            </fieldset>
            <button type="submit" disabled=move || tune.pending().get()>
                {move || if tune.pending().get() { "Saving…" } else { "Save thresholds" }}
            </button>
        </ActionForm>
        <ActionForm action=tune attr:class="inline-form">
            {hidden.into_iter().map(|(f, v)| view! { <input type="hidden" name=format!("input[{f}]") value=v /> }).collect_view()}
            <button type="submit" class="secondary" disabled=move || tune.pending().get()>"Restore the defaults"</button>
        </ActionForm>
    }
}
