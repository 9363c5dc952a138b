//! Calibration of one cycle: the bias flags the viewer may see, each
//! manager's rating distribution with their flags beside it, the 9-box
//! grid, and every person's manager rating beside the calibrated one, with
//! a form to adjust a rating with a reason. No demographic data here.

use crate::bias::model::{BiasFlag, BiasReport, BiasScope};
use crate::calibration::api::{calibration_view, AdjustRating};
use crate::calibration::model::{CalibrationRow, CalibrationView, ManagerDistribution};
use crate::calibration::rules::{nine_box, performance_band};
use crate::shared::url::percent_encode;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CalibrationPage() -> impl IntoView {
    let query = use_query_map();
    let cycle = Memo::new(move |_| query.read().get("cycle").unwrap_or_default());
    let unit = Memo::new(move |_| query.read().get("unit").unwrap_or_default());
    let adjust = ServerAction::<AdjustRating>::new();
    let data = Resource::new(
        move || (cycle.get(), unit.get(), adjust.version().get()),
        |(c, u, _)| calibration_view(c, u),
    );
    view! {
        <Title text="Calibration" />
        <Transition fallback=|| view! { <Loading text="Loading the calibration…" /> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(v) => view! { <Calibration v adjust /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Calibration(v: CalibrationView, adjust: ServerAction<AdjustRating>) -> impl IntoView {
    let chosen = v.unit.as_ref().map(|u| u.id.clone()).unwrap_or_default();
    let mut export = format!("/reviews/calibration.csv?cycle={}", percent_encode(&v.cycle, b""));
    if !chosen.is_empty() {
        export.push_str(&format!("&unit={}", percent_encode(&chosen, b"")));
    }
    let empty = v.rows.is_empty() && v.unlisted == 0;
    let title = match &v.unit {
        Some(u) => format!("Calibration — {} — {}", v.cycle_name, u.name),
        None => format!("Calibration — {}", v.cycle_name),
    };
    view! {
        <h1>{title}</h1>
        <p class="muted">"Flags are decision support for this conversation: they never change a rating. Every adjustment keeps the manager's rating beside it."</p>
        <form method="get" action="/reviews/calibration" class="toolbar unit-filter">
            <input type="hidden" name="cycle" value=v.cycle.clone() />
            <label>"Org unit "
                <select name="unit">
                    <option value="" selected=chosen.is_empty()>"Everyone you calibrate"</option>
                    {v.units.iter().map(|u| view! {
                        <option value=u.id.clone() selected=u.id == chosen>{format!("{} ({})", u.name, u.kind)}</option>
                    }).collect_view()}
                </select>
            </label>
            <button type="submit">"Show"</button>
        </form>
        <Flags bias=v.bias.clone() in_unit=v.unit.is_some() />
        {(v.bias.scope == BiasScope::Everyone).then(|| view! {
            <p class="hint"><a href="/reviews/bias-thresholds">"Tune the detectors' minimums and significance levels"</a></p>
        })}
        {if empty {
            view! { <p class="empty">"No submitted manager reviews in this cycle yet. Calibration opens once managers submit theirs."</p> }.into_any()
        } else {
            view! {
                <Distributions managers=v.managers.clone() flags=v.bias.flags.clone() />
                <NineBox rows=v.rows.clone() />
                <People rows=v.rows.clone() unlisted=v.unlisted cycle=v.cycle.clone() adjust />
                <p><a href=export rel="external" download="">"Download the calibration (CSV, original and calibrated ratings)"</a></p>
            }.into_any()
        }}
    }
}

fn subject(f: &BiasFlag) -> String {
    f.rater
        .as_ref()
        .map(|o| o.name.clone())
        .or_else(|| f.group.clone())
        .unwrap_or_default()
}

#[component]
fn Flags(bias: BiasReport, in_unit: bool) -> impl IntoView {
    let body = if let Some(why) = bias.not_enough_data {
        view! { <p class="empty">{why}</p> }.into_any()
    } else if bias.flags.is_empty() && in_unit {
        view! { <p class="empty">"No rater of the people in this unit stands out, and no group gap was found in it."</p> }.into_any()
    } else if bias.flags.is_empty() {
        view! { <p class="empty">{format!("No rater stands out among the {} whose ratings you may see.", bias.raters)}</p> }.into_any()
    } else {
        view! {
            <ul class="flags">{bias.flags.into_iter().map(|f| view! {
                <li class="flag">
                    <span class="chip">{f.kind.clone()}</span> " " <strong>{subject(&f)}</strong>
                    <p>{f.explanation.clone()}</p>
                </li>
            }).collect_view()}</ul>
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="flags-h">
            <h2 id="flags-h">"Bias flags"</h2>
            {body}
        </section>
    }
}

#[component]
fn Distributions(managers: Vec<ManagerDistribution>, flags: Vec<BiasFlag>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="dist-h">
            <h2 id="dist-h">"Ratings by manager"</h2>
            <table class="calibration-managers">
                <thead><tr><th>"Manager"</th><th>"1"</th><th>"2"</th><th>"3"</th><th>"4"</th><th>"5"</th><th>"Flags"</th></tr></thead>
                <tbody>{managers.into_iter().map(|m| {
                    let theirs: Vec<String> = flags.iter()
                        .filter(|f| f.rater.as_ref().is_some_and(|o| o.id == m.manager.id))
                        .map(|f| f.kind.clone())
                        .collect();
                    view! {
                        <tr>
                            <td>{m.manager.name.clone()}</td>
                            {m.counts.iter().map(|c| view! { <td>{*c}</td> }).collect_view()}
                            <td>{theirs.into_iter().map(|k| view! { <span class="chip warn">{k}</span> " " }).collect_view()}</td>
                        </tr>
                    }
                }).collect_view()}</tbody>
            </table>
        </section>
    }
}

/// Performance across (low, middle, high), potential up (high first).
#[component]
fn NineBox(rows: Vec<CalibrationRow>) -> impl IntoView {
    let mut cells: [[Vec<String>; 3]; 3] = Default::default();
    for r in &rows {
        if let (Some(rating), Some(p)) = (r.calibrated.or(r.original), r.potential) {
            cells[usize::from(3 - p.clamp(1, 3))][performance_band(rating)].push(r.ratee.name.clone());
        }
    }
    let placed: usize = cells.iter().flatten().map(Vec::len).sum();
    view! {
        <section class="card" aria-labelledby="grid-h">
            <h2 id="grid-h">"9-box: performance × potential"</h2>
            {(placed == 0).then(|| view! { <p class="empty">"Nobody is on the grid yet: give someone a potential below to place them."</p> })}
            <table class="nine-box">
                <thead><tr><th>"Potential ↓ / performance →"</th><th>"Low (1–2)"</th><th>"Middle (3)"</th><th>"High (4–5)"</th></tr></thead>
                <tbody>{cells.into_iter().enumerate().map(|(row, cols)| {
                    let potential = 3 - row as u8;
                    view! {
                        <tr>
                            <th>{["High", "Medium", "Low"][row]}</th>
                            {cols.into_iter().enumerate().map(|(col, names)| view! {
                                <td>
                                    <span class="muted">{nine_box([1, 3, 5][col], potential)}</span>
                                    <ul>{names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                                </td>
                            }).collect_view()}
                        </tr>
                    }
                }).collect_view()}</tbody>
            </table>
        </section>
    }
}

#[component]
fn People(
    rows: Vec<CalibrationRow>,
    unlisted: u32,
    cycle: String,
    adjust: ServerAction<AdjustRating>,
) -> impl IntoView {
    let options = rows.clone();
    let result = move || match adjust.value().get() {
        Some(Ok(())) => Some(
            view! { <p class="ok" role="status">"Calibration saved. The manager's rating is kept beside it."</p> }
                .into_any(),
        ),
        Some(Err(e)) => Some(view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any()),
        None => None,
    };
    let n = |x: Option<u8>| x.map(|x| x.to_string()).unwrap_or_else(|| "—".into());
    view! {
        <section class="card" aria-labelledby="people-h">
            <h2 id="people-h">"People"</h2>
            {(unlisted > 0).then(|| view! {
                <p class="hint unlisted">{format!("{unlisted} more people are counted above but not listed here: choose an org unit at the top to list them and adjust their ratings. The download has everyone.")}</p>
            })}
            <h3>"Adjust a rating"</h3>
            <ActionForm action=adjust attr:class="stack" attr:novalidate="true">
                <input type="hidden" name="cycle" value=cycle />
                <label>"Person "
                    <select name="ratee">
                        {options.into_iter().map(|r| view! {
                            <option value=r.ratee.id.to_string()>{format!("{} (manager rating {})", r.ratee.name, n(r.original))}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>"Calibrated rating "
                    <select name="rating">
                        <option value="">"Choose…"</option>
                        {(1..=5).map(|i| view! { <option value=i.to_string()>{i}</option> }).collect_view()}
                    </select>
                </label>
                <label>"Potential "
                    <select name="potential">
                        <option value="">"Not set"</option>
                        <option value="1">"1 — low"</option>
                        <option value="2">"2 — medium"</option>
                        <option value="3">"3 — high"</option>
                    </select>
                </label>
                <label>"Reason " <textarea name="reason" rows="2" maxlength="1000"></textarea></label>
                <button type="submit" disabled=move || adjust.pending().get()>
                    {move || if adjust.pending().get() { "Saving…" } else { "Save calibration" }}
                </button>
            </ActionForm>
            {result}
            <table class="calibration-people">
                <thead><tr><th>"Person"</th><th>"Manager"</th><th>"Manager rating"</th><th>"Calibrated"</th><th>"Potential"</th><th>"Why, who, when"</th></tr></thead>
                <tbody>{rows.into_iter().map(|r| view! {
                    <tr>
                        <td>{r.ratee.name.clone()}</td>
                        <td>{r.manager.name.clone()}</td>
                        <td>{n(r.original)}</td>
                        <td>{n(r.calibrated)}</td>
                        <td>{n(r.potential)}</td>
                        <td>{r.by.clone().map(|by| format!("{} — {by}, {}", r.reason, r.at.clone().unwrap_or_default()))}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
        </section>
    }
}
