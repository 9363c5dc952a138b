use crate::reviews::api::{
    cycle_overview, team_reviews, DeclineExtension, ExtendMissing, ExtendReview, GrantExtension, ReopenReview,
};
use crate::reviews::model::progress::{AnonymousTally, ExtensionAsk, KindCount, ProgressRow, ReviewLine};
use crate::reviews::model::ReviewKind;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A review named for someone other than its writer.
fn review_label(kind: ReviewKind, ratee: &str) -> String {
    match kind {
        ReviewKind::SelfReview => format!("Self review of {ratee}"),
        other => crate::reviews::pages::list::kind_label(other, ratee),
    }
}

fn counts(kinds: &[KindCount]) -> String {
    kinds
        .iter()
        .map(|k| format!("{} {}/{}", k.kind.as_str(), k.submitted, k.expected))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// What a list shows: all of it, the first of many, or nothing found.
fn shown(what: &str, rows: usize, matched: u32, find: &str) -> String {
    let matched = matched as usize;
    match (matched, find.is_empty()) {
        (0, true) => "This cycle has no reviews yet.".to_owned(),
        (0, false) => format!("No {what} match “{find}”."),
        (m, _) if rows < m => {
            format!("The {rows} {what} with most reviews missing; there are more. Find the others by name above.")
        }
        (m, true) => format!("All {m} {what}, most reviews missing first."),
        (m, false) => format!("{m} {what} match “{find}”, most reviews missing first."),
    }
}

type Answer = MappedSignal<Option<Result<(), crate::error::AppError>>>;

/// A line with two decisions: the page reloads after either succeeds, and
/// the first failure shows under the line.
fn decisions(a: Answer, b: Answer, changed: RwSignal<u32>) -> impl Fn() -> Option<String> + Clone + 'static {
    Effect::new(move |_| {
        if matches!(a.get(), Some(Ok(()))) || matches!(b.get(), Some(Ok(()))) {
            changed.update(|n| *n += 1);
        }
    });
    move || {
        [a.get(), b.get()].into_iter().find_map(|v| match v {
            Some(Err(e)) => Some(e.to_string()),
            _ => None,
        })
    }
}

/// One cycle's progress for HR: open extension requests, progress by org
/// unit, and by manager with each team's missing reviews one click away.
#[component]
pub fn ReviewProgressPage() -> impl IntoView {
    let query = use_query_map();
    let cycle = move || query.read().get("cycle").unwrap_or_default();
    let find = move || query.read().get("find").unwrap_or_default();
    // Any decision taken on the page reloads the counts and requests.
    let changed = RwSignal::new(0u32);
    // Which managers' lists are open; kept here so a reload of the counts keeps them open.
    let opened = RwSignal::new(Vec::<String>::new());
    let overview = Resource::new(
        move || (cycle(), find(), changed.get()),
        |(c, f, _)| cycle_overview(c, Some(f)),
    );
    view! {
        <Title text="Review progress" />
        <Transition fallback=|| view! { <Loading text="Counting the cycle's reviews…" /> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(o) => {
                        let key = StoredValue::new(o.key.clone());
                        view! {
                            <h1>{format!("Progress: {}", o.name)}</h1>
                            <p class="hint">{format!("Reviews due {}. Counts are submitted / expected per kind.", o.write_due)}</p>
                            <p class="cycle-totals">{if o.totals.is_empty() {
                                "No reviews in this cycle yet.".to_owned()
                            } else {
                                format!("Whole cycle: {}", counts(&o.totals))
                            }}</p>
                            <section class="card requests">
                                <h2>"Requests for more time"</h2>
                                {if o.requests.is_empty() {
                                    view! { <p class="empty">"No open requests. Reviewers ask from their review when they need more time."</p> }.into_any()
                                } else {
                                    view! { <ul class="requests">{o.requests.into_iter().map(|l| view! { <RequestLine line=l changed /> }).collect_view()}</ul> }.into_any()
                                }}
                            </section>
                            <form method="get" action="/reviews/cycles/progress" class="toolbar" role="search">
                                <input type="hidden" name="cycle" value=o.key.clone() />
                                <label>"Find a unit or manager " <input type="search" name="find" value=o.find.clone() maxlength="100" /></label>
                                <button type="submit">"Find"</button>
                                {(!o.find.is_empty()).then(|| view! { " " <a href=format!("/reviews/cycles/progress?cycle={}", o.key)>"Show all"</a> })}
                            </form>
                            <section class="card">
                                <h2>"By org unit"</h2>
                                <p class="hint shown-units">{shown("units", o.units.len(), o.units_matched, &o.find)}</p>
                                {if o.units.is_empty() {
                                    ().into_any()
                                } else {
                                    view! {
                                        <table class="by-unit"><thead><tr><th>"Unit"</th><th>"Submitted"</th><th>"Missing"</th></tr></thead>
                                        <tbody>{o.units.iter().map(|u| view! {
                                            <tr data-unit=u.key.clone()><td>{u.label.clone()}</td><td>{counts(&u.kinds)}</td><td class="missing">{u.missing()}</td></tr>
                                        }).collect_view()}</tbody></table>
                                    }.into_any()
                                }}
                            </section>
                            <section class="card">
                                <h2>"By manager"</h2>
                                <p class="hint shown-managers">{shown("managers", o.managers.len(), o.managers_matched, &o.find)}</p>
                                <table class="by-manager"><thead><tr><th>"Manager"</th><th>"Submitted"</th><th>"Missing"</th><th></th></tr></thead>
                                <tbody>{o.managers.into_iter().map(|m| view! { <ManagerRow cycle=key.get_value() row=m changed opened /> }).collect_view()}</tbody></table>
                            </section>
                            <p><a href="/reviews/cycles">"Back to review cycles"</a></p>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn RequestLine(line: ExtensionAsk, changed: RwSignal<u32>) -> impl IntoView {
    let grant = ServerAction::<GrantExtension>::new();
    let decline = ServerAction::<DeclineExtension>::new();
    let error = decisions(grant.value(), decline.value(), changed);
    let what = review_label(line.review.kind, &line.ratee_name);
    // The writer of a peer or upward review stays unnamed, even to HR.
    let who = line
        .reviewer
        .as_ref()
        .map(|r| r.name.clone())
        .unwrap_or_else(|| "A writer (anonymous)".to_owned());
    let handle = StoredValue::new(line.handle.clone());
    view! {
        <li data-request=line.handle.clone()>
            <strong>{who}</strong>
            {format!(" asks until {} (due {}) for “{}”: ", line.request.until, line.due, what)}
            <q>{line.request.reason.clone()}</q>
            " "
            <button type="button" disabled=move || grant.pending().get() on:click=move |_| {
                grant.dispatch(GrantExtension { request: handle.get_value() });
            }>"Grant"</button>
            " "
            <button type="button" class="secondary" disabled=move || decline.pending().get() on:click=move |_| {
                decline.dispatch(DeclineExtension { request: handle.get_value() });
            }>"Decline"</button>
            {move || error().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        </li>
    }
}

#[component]
fn ManagerRow(cycle: String, row: ProgressRow, changed: RwSignal<u32>, opened: RwSignal<Vec<String>>) -> impl IntoView {
    let key = StoredValue::new(row.key.clone());
    let open = Signal::derive(move || opened.with(|o| o.contains(&key.get_value())));
    let toggle = move |_| {
        opened.update(|o| {
            let k = key.get_value();
            if o.contains(&k) {
                o.retain(|x| *x != k);
            } else {
                o.push(k);
            }
        })
    };
    let manager = row.key.clone();
    let lines = Resource::new(
        move || (open.get(), changed.get()),
        move |(open, _)| {
            let (cycle, manager) = (cycle.clone(), manager.clone());
            async move {
                if open {
                    team_reviews(cycle, manager).await.map(Some)
                } else {
                    Ok(None)
                }
            }
        },
    );
    let missing = row.missing();
    view! {
        <tr data-manager=row.key.clone()>
            <td>{row.label.clone()}</td>
            <td>{counts(&row.kinds)}</td>
            <td class="missing">{missing}</td>
            <td>
                <button type="button" class="link" aria-expanded=move || open.get().to_string() on:click=toggle>
                    {move || if open.get() { "Hide" } else { "Who is missing what" }}
                </button>
            </td>
        </tr>
        <Show when=move || open.get()>
            <tr class="team-lines"><td colspan="4">
                <Transition fallback=|| view! { <Loading text="Loading the team's reviews…" /> }>
                    {move || Suspend::new(async move {
                        match lines.await {
                            Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                            Ok(None) => ().into_any(),
                            Ok(Some(list)) => view! {
                                <ul class="team-reviews">
                                    {list.named.into_iter().map(|l| view! { <TeamLine line=l changed /> }).collect_view()}
                                    {list.anonymous.into_iter().map(|t| view! { <AnonymousLine tally=t changed /> }).collect_view()}
                                </ul>
                            }.into_any(),
                        }
                    })}
                </Transition>
            </td></tr>
        </Show>
    }
}

#[component]
fn TeamLine(line: ReviewLine, changed: RwSignal<u32>) -> impl IntoView {
    let extend = ServerAction::<ExtendReview>::new();
    let reopen = ServerAction::<ReopenReview>::new();
    let error = decisions(extend.value(), reopen.value(), changed);
    let what = review_label(line.review.kind, &line.ratee_name);
    let l = StoredValue::new(line.clone());
    let input = RwSignal::new(String::new());
    let submitted = line.submitted_on.is_some();
    let status = match line.submitted_on {
        Some(d) => format!("submitted {d}"),
        None => format!("missing, due {}", line.due),
    };
    view! {
        <li class=if submitted { "submitted" } else { "missing" } data-kind=line.review.kind.as_str()>
            <strong>{line.reviewer.name.clone()}</strong> {format!(" — {what}: {status}")}
            {line.request.as_ref().map(|r| view! { <span class="badge">{format!(" asked until {}", r.until)}</span> })}
            " "
            {if submitted {
                view! {
                    <input aria-label=format!("Why reopen {}'s review", line.reviewer.name) placeholder="Why reopen it" maxlength="500"
                        prop:value=move || input.get() on:input=move |ev| input.set(event_target_value(&ev)) />
                    <button type="button" disabled=move || reopen.pending().get() on:click=move |_| {
                        let l = l.get_value();
                        reopen.dispatch(ReopenReview { review: l.review, reviewer: l.reviewer.id.as_str().to_owned(), reason: input.get_untracked() });
                    }>"Reopen"</button>
                }.into_any()
            } else {
                view! {
                    <input type="date" aria-label=format!("New deadline for {}", line.reviewer.name)
                        prop:value=move || input.get() on:input=move |ev| input.set(event_target_value(&ev)) />
                    <button type="button" disabled=move || extend.pending().get() on:click=move |_| {
                        let l = l.get_value();
                        extend.dispatch(ExtendReview { review: l.review, reviewer: l.reviewer.id.as_str().to_owned(), until: input.get_untracked() });
                    }>"Extend"</button>
                }.into_any()
            }}
            {move || error().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        </li>
    }
}

/// A ratee's peer or upward reviews: counts only, and one way to give the
/// missing ones more time together (issue 22: nobody sees who wrote one).
#[component]
fn AnonymousLine(tally: AnonymousTally, changed: RwSignal<u32>) -> impl IntoView {
    let extend = ServerAction::<ExtendMissing>::new();
    Effect::new(move |_| {
        if matches!(extend.value().get(), Some(Ok(_))) {
            changed.update(|n| *n += 1);
        }
    });
    let what = match tally.review.kind {
        ReviewKind::Upward => format!("Upward reviews of {}", tally.ratee_name),
        _ => format!("Peer reviews of {}", tally.ratee_name),
    };
    let missing = tally.expected.saturating_sub(tally.submitted);
    let review = StoredValue::new(tally.review.clone());
    let input = RwSignal::new(String::new());
    view! {
        <li class=if missing == 0 { "submitted" } else { "missing" } data-kind=tally.review.kind.as_str()>
            <strong>{what.clone()}</strong>
            {format!(": {} of {} submitted (writers are not shown)", tally.submitted, tally.expected)}
            {(missing > 0).then(|| view! {
                " "
                <input type="date" aria-label=format!("New deadline for the missing {}", what.to_lowercase())
                    prop:value=move || input.get() on:input=move |ev| input.set(event_target_value(&ev)) />
                <button type="button" disabled=move || extend.pending().get() on:click=move |_| {
                    extend.dispatch(ExtendMissing { review: review.get_value(), until: input.get_untracked() });
                }>"Extend the missing ones"</button>
            })}
            {move || extend.value().get().and_then(|v| v.err()).map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })}
        </li>
    }
}
