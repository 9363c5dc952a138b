use crate::error::AppError;
use crate::goals::api::team_goals;
use crate::goals::components::bits::{percent, GoalLine};
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A manager's direct reports and their current goals: who has none, and
/// whose goals have gone without a check-in for N days.
#[component]
pub fn TeamGoalsPage() -> impl IntoView {
    let query = use_query_map();
    let days = move || query.read().get("days").and_then(|d| d.parse::<u32>().ok());
    let team = Resource::new(days, team_goals);
    view! {
        <Title text="My team's goals" />
        <h1>"My team's goals"</h1>
        <Suspense fallback=|| view! { <Loading text="Loading your team's goals…" /> }>
            {move || Suspend::new(async move {
                let view = match team.await {
                    Ok(v) => v,
                    Err(AppError::Invalid(m)) => return view! { <p class="form-error" role="alert">{m}</p> }.into_any(),
                    Err(error) => return view! { <ErrorPage error /> }.into_any(),
                };
                let stale_days = view.stale_days;
                let needing = view.members.iter().filter(|m| m.no_current || m.stale > 0).count();
                view! {
                    <form method="get" action="/goals/team" class="inline-form">
                        <label for="days">"Flag goals with no check-in for"</label>
                        <select id="days" name="days">
                            {[7u32, 14, 30, 60].into_iter().map(|d| view! {
                                <option value=d.to_string() selected=d == stale_days>{format!("{d} days")}</option>
                            }).collect_view()}
                        </select>
                        <button type="submit">"Update"</button>
                    </form>
                    {if view.members.is_empty() {
                        view! { <p class="empty card">"No one reports to you, so there are no team goals to follow yet."</p> }.into_any()
                    } else {
                        view! {
                            <p class="lead">
                                {if needing == 0 {
                                    "Everyone has current goals with recent check-ins.".to_owned()
                                } else {
                                    format!("{needing} of {} people need attention.", view.members.len())
                                }}
                            </p>
                            <ul class="team-goals">
                                {view.members.into_iter().map(|m| {
                                    let avg = if m.goals.is_empty() { 0.0 } else {
                                        m.goals.iter().map(|g| g.progress).sum::<f64>() / m.goals.len() as f64
                                    };
                                    let flags = (m.no_current, m.stale);
                                    view! {
                                        <li class="card member" data-person=m.person.id.to_string()>
                                            <h2>
                                                <a href=format!("/people/{}", m.person.id)>{m.person.name.clone()}</a>
                                                <span class="muted">{format!(" · {}", m.person.title)}</span>
                                            </h2>
                                            <p class="flags">
                                                {match flags {
                                                    (true, _) => view! { <span class="flag warn">"No current goals"</span> }.into_any(),
                                                    (false, 0) => view! { <span class="flag ok">"Checked in recently"</span> }.into_any(),
                                                    (false, n) => view! {
                                                        <span class="flag warn">{format!("{n} goal(s) without a check-in for {stale_days}+ days")}</span>
                                                    }.into_any(),
                                                }}
                                                <span class="muted">
                                                    {format!(" {} current goal(s), average {}", m.goals.len(), percent(avg))}
                                                    {m.last_checkin.map(|d| format!(" · last check-in {d}"))}
                                                </span>
                                            </p>
                                            {(!m.goals.is_empty()).then(|| view! {
                                                <ul class="goals">
                                                    {m.goals.into_iter().map(|g| view! { <li><GoalLine goal=g /></li> }).collect_view()}
                                                </ul>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                }.into_any()
            })}
        </Suspense>
    }
}
