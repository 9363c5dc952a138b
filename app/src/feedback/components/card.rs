//! One feedback entry, as lists and the entry page show it.

use crate::feedback::model::{FeedbackEntry, FeedbackVisibility};
use leptos::prelude::*;

fn visibility_note(v: FeedbackVisibility) -> &'static str {
    match v {
        FeedbackVisibility::Private => "Private",
        FeedbackVisibility::ManagerLine => "Shared with the manager line",
        FeedbackVisibility::Public => "Public praise",
    }
}

/// The entry's text: Situation–Behaviour–Impact, next step, free text.
#[component]
pub fn FeedbackText(entry: FeedbackEntry) -> impl IntoView {
    let part = |label: &'static str, text: String| {
        (!text.is_empty()).then(|| view! { <p><span class="sbi-label">{label}</span>" "{text}</p> })
    };
    view! {
        <div class="feedback-text">
            {part("Situation:", entry.situation)}
            {part("Behaviour:", entry.behaviour)}
            {part("Impact:", entry.impact)}
            {part("Next step:", entry.suggestion)}
            {part("", entry.body)}
        </div>
    }
}

/// A summary line with the text, linking to the entry.
#[component]
pub fn FeedbackCard(entry: FeedbackEntry, #[prop(optional)] show_ack: bool) -> impl IntoView {
    let href = format!("/feedback/{}", entry.id);
    let delay = entry.delay_days();
    let meta = format!(
        "{} · {} → {} · happened {}{} · {}",
        entry.kind.label(),
        entry.giver.name,
        entry.recipient.name,
        entry.happened_on,
        if delay > 0 {
            format!(", written {delay} day(s) later")
        } else {
            String::new()
        },
        visibility_note(entry.visibility),
    );
    let ack = show_ack.then(|| {
        if entry.acknowledged {
            view! { <span class="chip ok">"Acknowledged"</span> }.into_any()
        } else {
            view! { <span class="chip">"Not acknowledged yet"</span> }.into_any()
        }
    });
    let correction = entry
        .corrects
        .clone()
        .map(|c| view! { <p class="muted">"Corrects " <a href=format!("/feedback/{c}")>"an earlier entry"</a></p> });
    view! {
        <article class="feedback-card" data-kind=entry.kind.as_str()>
            <p class="muted">{meta}</p>
            {correction}
            <FeedbackText entry=entry.clone() />
            {entry.goal.clone().map(|(id, title)| view! { <p class="muted">"About the goal " <a href=format!("/goals/{id}")>{title}</a></p> })}
            {(!entry.skill.is_empty()).then(|| view! { <p class="muted">{format!("Skill: {}", entry.skill)}</p> })}
            <p class="muted">
                <a href=href>"Open"</a>
                {format!(" · quality {}/100", entry.quality)}
                {(entry.edits > 0).then(|| format!(" · edited {} time(s)", entry.edits))}
                " " {ack}
            </p>
        </article>
    }
}
