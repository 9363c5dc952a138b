//! Small pieces every goal view uses: progress bar, status chip, a goal's
//! list line, and the quarter picker.

use crate::goals::model::{GoalSummary, Status, Visibility};
use crate::shared::date::Quarter;
use leptos::prelude::*;

/// "62%".
pub fn percent(p: f64) -> String {
    format!("{}%", (p.clamp(0.0, 1.0) * 100.0).round() as i64)
}

/// A labelled progress bar.
#[component]
pub fn ProgressBar(progress: f64) -> impl IntoView {
    let pct = percent(progress);
    view! {
        <span class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100"
            aria-valuenow=(progress.clamp(0.0, 1.0) * 100.0).round() as i64 aria-label=format!("Progress {pct}")>
            <span class="bar"><span class="fill" style=format!("width:{pct}")></span></span>
            <span class="pct">{pct.clone()}</span>
        </span>
    }
}

/// A goal's status as a coloured chip.
#[component]
pub fn StatusChip(status: Status) -> impl IntoView {
    view! { <span class=format!("status {}", status.as_str())>{status.label()}</span> }
}

/// One goal in a list: title link, owner, level and unit, period, progress, status.
#[component]
pub fn GoalLine(goal: GoalSummary) -> impl IntoView {
    let href = format!("/goals/{}", goal.id);
    let private = goal.visibility == Visibility::Chain;
    view! {
        <div class="goal-line" data-goal=goal.id.to_string()>
            <a class="goal-title" href=href>{goal.title.clone()}</a>
            <span class="muted meta">
                {format!("{} · {} · {}", goal.level.label(), goal.owner.name, goal.period)}
                {private.then(|| view! { <span class="badge private">"Reporting line only"</span> })}
            </span>
            <ProgressBar progress=goal.progress />
            <StatusChip status=goal.status />
        </div>
    }
}

/// A plain GET form choosing a quarter, so it works without JavaScript and
/// the choice lives in the URL.
#[component]
pub fn QuarterPicker(action: &'static str, quarters: Vec<Quarter>, current: Quarter) -> impl IntoView {
    view! {
        <form method="get" action=action class="inline-form">
            <label for="quarter">"Quarter"</label>
            <select id="quarter" name="q">
                {quarters
                    .into_iter()
                    .map(|q| view! { <option value=q.to_string() selected=q == current>{q.label()}</option> })
                    .collect_view()}
            </select>
            <button type="submit">"Show"</button>
        </form>
    }
}
