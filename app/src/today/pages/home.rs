use crate::today::api::get_today;
use crate::today::model::{Item, ItemKind, TeamItem, Today};
use crate::ui::error_page::ErrorPage;
use crate::ui::live::on_live;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;

/// Home: what needs you today, each item a link to where it is done. It
/// refreshes live when your work, your team's figures or your inbox change.
#[component]
pub fn TodayPage() -> impl IntoView {
    let live = RwSignal::new(0u32);
    let data = Resource::new(move || live.get(), |_| get_today());
    on_live(&["change", "inbox"], move || live.update(|n| *n += 1));
    view! {
        <Title text="Today" />
        <Transition fallback=|| view! { <Loading text="Loading what needs you today…" /> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(t) => view! { <Page t /> }.into_any(),
                }
            })}
        </Transition>
        // Outside the suspense above, so its resource is made in the same
        // order on the server and in the browser.
        <crate::people::pages::home::ProfileCards />
    }
}

#[component]
fn Page(t: Today) -> impl IntoView {
    let Today {
        first_name,
        items,
        team,
        manages,
        profile,
    } = t;
    let count = items.len();
    view! {
        <h1>{format!("Welcome, {first_name}")}</h1>
        <section class="card" aria-labelledby="today-heading">
            <h2 id="today-heading">"What needs you"</h2>
            {if count == 0 {
                view! {
                    <p class="empty" data-testid="all-caught-up">
                        "You're all caught up. Nothing is due: no reviews to write, no feedback asked of you, no check-ins waiting. "
                        "A good moment to " <a href="/feedback/new">"give someone feedback"</a> " or "
                        <a href="/goals/mine">"look at your goals"</a> "."
                    </p>
                }.into_any()
            } else {
                view! {
                    <p class="hint">{if count == 1 { "1 thing".to_owned() } else { format!("{count} things") }} ", most pressing first."</p>
                    <ul class="today" data-testid="today-items">
                        {items.into_iter().map(|i| view! { <Line i /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        {manages.then(|| view! { <Team team /> })}
        <p class="hint">
            <a href=profile>"Your profile page"</a> " · " <a href="/inbox">"Inbox"</a> " · "
            <a href="/settings/notifications">"Notification settings"</a>
        </p>
    }
}

fn kind_label(k: ItemKind) -> &'static str {
    match k {
        ItemKind::Review => "Review",
        ItemKind::ShareResults => "Results",
        ItemKind::FeedbackAsk => "Feedback ask",
        ItemKind::CheckIn => "Check-in",
        ItemKind::OneOnOne => "1:1",
        ItemKind::Action => "Action item",
        ItemKind::Perception => "Feedback check",
        ItemKind::Calibration => "Calibration",
    }
}

#[component]
fn Line(i: Item) -> impl IntoView {
    let due = i.due.clone().map(|d| format!(" · due {d}"));
    let reminded = i.reminded.clone().map(|d| format!(" · reminded on {d}"));
    view! {
        <li class="today-item" class:urgent=i.urgent data-kind=kind_label(i.kind)>
            <span class="tag">{kind_label(i.kind)}</span>
            <a href=i.link>{i.title}</a>
            <span class="hint">" " {i.detail} {due} {reminded}</span>
        </li>
    }
}

#[component]
fn Team(team: Vec<TeamItem>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="team-today-heading">
            <h2 id="team-today-heading">"Your team"</h2>
            {if team.is_empty() {
                view! { <p class="empty">"Nobody on your team needs attention right now. " <a href="/dashboard">"See the dashboard"</a> "."</p> }.into_any()
            } else {
                view! {
                    <ul class="today" data-testid="team-items">
                        {team.into_iter().map(|t| view! {
                            <li>
                                <a href=format!("/people/{}", t.person)>{t.name}</a>
                                <span class="hint">" " {t.reasons.join(" · ")}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                    <p><a href="/dashboard">"The whole dashboard"</a></p>
                }.into_any()
            }}
        </section>
    }
}
