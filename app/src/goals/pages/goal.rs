use crate::error::AppError;
use crate::goals::api::get_goal;
use crate::goals::api::updates::{check_in, set_goal_status};
use crate::goals::components::bits::{percent, GoalLine, ProgressBar, StatusChip};
use crate::goals::components::progress_chart::ProgressChart;
use crate::goals::model::{CheckInDraft, GoalDetail, KeyResult, KrKind, KrUpdate, Status};
use crate::goals::rules::format_number;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// A goal's page: key results, alignment, check-in form and history, a
/// progress chart and the audit trail.
#[component]
pub fn GoalPage() -> impl IntoView {
    let params = use_params_map();
    let changed = RwSignal::new(0u32);
    let goal = Resource::new(
        move || (params.read().get("id").unwrap_or_default(), changed.get()),
        |(id, _)| get_goal(id),
    );
    view! {
        <Suspense fallback=|| view! { <Loading text="Loading the goal…" /> }>
            {move || Suspend::new(async move {
                match goal.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(g) => view! { <Goal g changed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Goal(g: GoalDetail, changed: RwSignal<u32>) -> impl IntoView {
    let s = g.goal.clone();
    let id = s.id.to_string();
    let closed = g.review.is_some() || s.status == Status::Abandoned;
    view! {
        <Title text=s.title.clone() />
        <article class="card goal-head">
            <p class="muted">{format!("{} goal · {} · {}", s.level.label(), s.unit_name, s.period)}</p>
            <h1 id="goal-title">{s.title.clone()}</h1>
            {(!g.description.is_empty()).then(|| view! { <p class="lead">{g.description.clone()}</p> })}
            <div class="goal-status">
                <ProgressBar progress=s.progress />
                <StatusChip status=s.status />
                <span class="muted suggestion">
                    {if g.status_overridden {
                        format!("Set by hand. Suggested: {}. {}", g.suggested.label(), g.suggestion_reason)
                    } else {
                        g.suggestion_reason.clone()
                    }}
                </span>
            </div>
            <dl class="facts">
                <dt>"Owner"</dt>
                <dd><a href=format!("/people/{}", s.owner.id)>{s.owner.name.clone()}</a></dd>
                <dt>"Due"</dt>
                <dd>{s.due.map(|d| d.to_string()).unwrap_or_else(|| "No due date".into())}</dd>
                <dt>"Aligns to"</dt>
                <dd>{match g.parent.clone() {
                    Some(p) => view! { <a href=format!("/goals/{}", p.id)>{p.title}</a> " " <span class="muted">{percent(p.progress)}</span> }.into_any(),
                    None => view! { <span>"Nothing"</span> }.into_any(),
                }}</dd>
                <dt>"Own key results"</dt>
                <dd>
                    {if g.children.is_empty() {
                        percent(g.own_progress)
                    } else {
                        format!("{} (half its progress comes from the goals aligned to it)", percent(g.own_progress))
                    }}
                </dd>
                {g.predecessor.clone().map(|p| view! {
                    <dt>"Carried over from"</dt>
                    <dd><a href=format!("/goals/{}", p.id)>{format!("{} ({})", p.title, p.period)}</a></dd>
                })}
                {g.successor.clone().map(|p| view! {
                    <dt>"Carried over to"</dt>
                    <dd><a href=format!("/goals/{}", p.id) class="successor">{format!("{} ({})", p.title, p.period)}</a></dd>
                })}
            </dl>
            {g.review.clone().map(|r| view! {
                <section class="review-note">
                    <h2>"Quarterly review"</h2>
                    <p>{format!("{} by {} on {}", outcome_label(&r.outcome), r.by, r.at)}</p>
                    <blockquote>{r.reflection}</blockquote>
                </section>
            })}
            {(!g.hints.is_empty()).then(|| view! {
                <section class="smart saved">
                    <h2>"To make it SMART"</h2>
                    <ul>{g.hints.iter().map(|h| view! { <li>{h.clone()}</li> }).collect_view()}</ul>
                </section>
            })}
            <p class="toolbar">
                {g.can_edit.then(|| view! { <a class="button secondary" href=format!("/goals/{id}/edit")>"Edit goal"</a> })}
                <a class="button secondary" href=format!("/goals/new?parent={id}")>"Align a new goal to this"</a>
            </p>
        </article>

        <section class="card" aria-labelledby="krs-heading">
            <h2 id="krs-heading">"Key results"</h2>
            {if g.key_results.is_empty() {
                view! { <p class="empty">"No key results: progress comes only from the goals aligned to this one."</p> }.into_any()
            } else {
                view! { <ul class="krs-list">{g.key_results.iter().cloned().map(|k| view! { <KrLine k /> }).collect_view()}</ul> }.into_any()
            }}
        </section>

        {(g.can_edit && !closed).then(|| view! { <CheckInForm g=g.clone() changed /> })}
        {g.can_edit.then(|| view! { <StatusForm id=id.clone() status=s.status suggested=g.suggested changed /> })}

        <section class="card" aria-labelledby="history-heading">
            <h2 id="history-heading">"Progress over time"</h2>
            <ProgressChart start=g.period_start end=g.period_end checkins=g.checkins.clone() />
            {if g.checkins.is_empty() {
                view! { <p class="empty">"No check-ins yet. Owners check in from this page."</p> }.into_any()
            } else {
                view! {
                    <ol class="checkins" reversed>
                        {g.checkins.clone().into_iter().rev().map(|c| view! {
                            <li>
                                <strong>{c.day.to_string()}</strong>
                                {format!(" · {} · {} · confidence {}/10", c.author, percent(c.progress), c.confidence)}
                                " " <StatusChip status=c.status />
                                {(!c.note.is_empty()).then(|| view! { <p>{c.note.clone()}</p> })}
                                {(!c.changes.is_empty()).then(|| view! {
                                    <p class="muted">{c.changes.iter().map(|ch| format!("{}: {} → {}", ch.title, format_number(ch.from), format_number(ch.to))).collect::<Vec<_>>().join("; ")}</p>
                                })}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>

        {(!g.children.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="children-heading">
                <h2 id="children-heading">"Aligned goals"</h2>
                <ul class="goals">{g.children.iter().cloned().map(|c| view! { <li><GoalLine goal=c /></li> }).collect_view()}</ul>
            </section>
        })}

        <section class="card" aria-labelledby="audit-heading">
            <h2 id="audit-heading">"Change history"</h2>
            {g.history.is_empty().then(|| view! {
                <p class="empty">"No changes recorded yet. Edits, check-ins and status changes appear here with who made them."</p>
            })}
            <table class="history">
                <thead><tr><th scope="col">"When (UTC)"</th><th scope="col">"Who"</th><th scope="col">"What"</th><th scope="col">"From"</th><th scope="col">"To"</th></tr></thead>
                <tbody>
                    {g.history.iter().cloned().map(|e| view! {
                        <tr>
                            <td>{e.at}</td><td>{e.actor}</td><td>{e.field}</td>
                            <td>{e.from.unwrap_or_default()}</td><td>{e.to.unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

fn outcome_label(o: &str) -> &'static str {
    match o {
        "closed" => "Closed",
        "carried_over" => "Carried over",
        "rescoped" => "Rescoped",
        _ => "Reviewed",
    }
}

#[component]
fn KrLine(k: KeyResult) -> impl IntoView {
    let detail = match k.kind {
        KrKind::Metric => format!(
            "{} → {} {} · now {} · weight {}",
            format_number(k.baseline),
            format_number(k.target),
            k.unit,
            format_number(k.current),
            format_number(k.weight)
        ),
        KrKind::Milestone => format!(
            "Milestone · {} · weight {}",
            if k.done { "done" } else { "not done" },
            format_number(k.weight)
        ),
    };
    view! {
        <li class="kr-line">
            <span class="kr-title">{k.title.clone()}</span>
            <span class="muted">{detail}</span>
            <ProgressBar progress=k.progress />
        </li>
    }
}

#[component]
fn CheckInForm(g: GoalDetail, changed: RwSignal<u32>) -> impl IntoView {
    let id = g.goal.id.to_string();
    let values: Vec<(KeyResult, RwSignal<String>, RwSignal<bool>)> = g
        .key_results
        .iter()
        .map(|k| {
            (
                k.clone(),
                RwSignal::new(format_number(k.current)),
                RwSignal::new(k.done),
            )
        })
        .collect();
    let values = StoredValue::new(values);
    let note = RwSignal::new(String::new());
    let confidence = RwSignal::new(7u8);
    let status = RwSignal::new(String::new());
    let save = Action::new(move |(id, d): &(String, CheckInDraft)| {
        let (id, d) = (id.clone(), d.clone());
        async move { check_in(id, d).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            changed.update(|n| *n += 1);
        }
    });
    let suggested = g.suggested;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let updates = values.with_value(|v| {
            v.iter()
                .map(|(k, value, done)| KrUpdate {
                    kr: k.id.clone(),
                    value: value.get_untracked(),
                    done: done.get_untracked(),
                })
                .collect()
        });
        let draft = CheckInDraft {
            updates,
            note: note.get_untracked(),
            confidence: confidence.get_untracked(),
            status: Status::parse(&status.get_untracked()),
        };
        save.dispatch((id.clone(), draft));
    };
    let error_for = move |field: String| {
        save.value().with(|v| match v {
            Some(Err(e)) => e.field_message(&field),
            _ => None,
        })
    };
    view! {
        <form class="card checkin-form" on:submit=on_submit aria-labelledby="checkin-heading">
            <h2 id="checkin-heading">"Check in"</h2>
            {values.with_value(|v| v.iter().map(|(k, value, done)| {
                let (value, done) = (*value, *done);
                let input_id = format!("ci-{}", k.id);
                let field = format!("value.{}", k.id);
                match k.kind {
                    KrKind::Metric => view! {
                        <label for=input_id.clone()>{format!("{} ({})", k.title, if k.unit.is_empty() { "value".into() } else { k.unit.clone() })}</label>
                        <input id=input_id type="text" inputmode="decimal" class="short"
                            value=value.get_untracked() prop:value=value
                            on:input=move |ev| value.set(event_target_value(&ev)) />
                        {move || error_for(field.clone()).map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                    }.into_any(),
                    KrKind::Milestone => {
                        let for_id = input_id.clone();
                        view! {
                        <label class="inline" for=for_id>
                            <input id=input_id type="checkbox" prop:checked=done
                                on:change=move |ev| done.set(event_target_checked(&ev)) />
                            {format!(" {} is done", k.title)}
                        </label>
                    }.into_any()
                    }
                }
            }).collect_view())}
            <label for="ci-note">"What happened (optional)"</label>
            <textarea id="ci-note" rows="2" maxlength="1000" prop:value=note on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            <label for="ci-confidence">"Confidence you'll get there (1–10)"</label>
            <select id="ci-confidence" on:change=move |ev| confidence.set(event_target_value(&ev).parse().unwrap_or(7))>
                {(1u8..=10).map(|n| view! { <option value=n.to_string() selected=n == 7>{n.to_string()}</option> }).collect_view()}
            </select>
            {move || error_for("confidence".into()).map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <label for="ci-status">"Status"</label>
            <select id="ci-status" on:change=move |ev| status.set(event_target_value(&ev))>
                <option value="" selected=true>{format!("Use the suggestion (now {})", suggested.label())}</option>
                {Status::ALL.into_iter().map(|s| view! { <option value=s.as_str()>{s.label()}</option> }).collect_view()}
            </select>
            {move || save.value().get().and_then(|r| r.err()).filter(|e| !matches!(e, AppError::InvalidFields(_)))
                .map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })}
            <button type="submit" disabled=move || save.pending().get()>
                {move || if save.pending().get() { "Saving…" } else { "Save check-in" }}
            </button>
        </form>
    }
}

#[component]
fn StatusForm(id: String, status: Status, suggested: Status, changed: RwSignal<u32>) -> impl IntoView {
    let choice = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let save = Action::new(move |(id, s, n): &(String, Option<Status>, String)| {
        let (id, s, n) = (id.clone(), *s, n.clone());
        async move { set_goal_status(id, s, n).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            changed.update(|n| *n += 1);
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch((id.clone(), Status::parse(&choice.get_untracked()), note.get_untracked()));
    };
    view! {
        <details class="card">
            <summary>{format!("Change status (now {})", status.label())}</summary>
            <form on:submit=on_submit>
                <label for="st-status">"New status"</label>
                <select id="st-status" on:change=move |ev| choice.set(event_target_value(&ev))>
                    <option value="">{format!("Follow the suggestion ({})", suggested.label())}</option>
                    {Status::ALL.into_iter().map(|s| view! { <option value=s.as_str()>{s.label()}</option> }).collect_view()}
                </select>
                <label for="st-note">"Why (kept in the history)"</label>
                <input id="st-note" type="text" maxlength="1000" prop:value=note on:input=move |ev| note.set(event_target_value(&ev)) />
                {move || save.value().get().and_then(|r| r.err()).map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })}
                <button type="submit" disabled=move || save.pending().get()>"Set status"</button>
            </form>
        </details>
    }
}
