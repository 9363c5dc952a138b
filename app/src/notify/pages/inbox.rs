use crate::notify::api::{my_inbox, unread_count, MarkRead};
use crate::notify::model::{Inbox, Notice};
use crate::ui::error_page::ErrorPage;
use crate::ui::live::on_live;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;

/// The inbox: everything Tend told the viewer in the last 90 days, newest
/// first, unread ones marked. It updates live; opening one marks it read.
#[component]
pub fn InboxPage() -> impl IntoView {
    let mark = ServerAction::<MarkRead>::new();
    let live = RwSignal::new(0u32);
    let data = Resource::new(move || (mark.version().get(), live.get()), |_| my_inbox());
    on_live(&["inbox"], move || live.update(|n| *n += 1));
    view! {
        <Title text="Inbox" />
        <h1>"Inbox"</h1>
        <p class="hint">
            "What happened that concerns you. Choose what is also emailed under "
            <a href="/settings/notifications">"Notification settings"</a> "."
        </p>
        <Transition fallback=|| view! { <Loading text="Loading your inbox…" /> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(i) => view! { <List i mark /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn List(i: Inbox, mark: ServerAction<MarkRead>) -> impl IntoView {
    let Inbox { notices, unread, more } = i;
    if notices.is_empty() {
        return view! {
            <p class="empty">
                "Nothing yet. When someone gives you feedback, asks you for some, adds to a 1:1 agenda or assigns you a review, it appears here."
            </p>
        }
        .into_any();
    }
    view! {
        <ActionForm action=mark>
            <input type="hidden" name="id" value="" />
            <p data-testid="inbox-unread">
                {if unread == 0 { "All read.".to_owned() } else { format!("{unread} unread. ") }}
                {(unread > 0).then(|| view! { <button type="submit" class="secondary">"Mark all read"</button> })}
            </p>
        </ActionForm>
        <ul class="inbox">
            {notices.into_iter().map(|n| view! { <Line n mark /> }).collect_view()}
        </ul>
        {more.then(|| view! { <p class="hint">"Older notifications are kept for 90 days; only the newest 100 are listed."</p> })}
    }
    .into_any()
}

#[component]
fn Line(n: Notice, mark: ServerAction<MarkRead>) -> impl IntoView {
    let id = n.id.clone();
    let unread = !n.read;
    view! {
        <li class="card notice" class:unread=unread data-kind=n.kind.code()>
            <a href=n.link on:click=move |_| {
                if unread {
                    mark.dispatch(MarkRead { id: id.clone() });
                }
            }>{n.text}</a>
            <span class="hint">" · " {n.kind.label()} " · " {n.at}</span>
        </li>
    }
}

/// The unread count beside "Inbox" in the navigation. It is fetched in
/// the browser after the page hydrates, and again on each live `inbox`
/// event: no resource and no suspense in the navigation, so the server's
/// HTML and the first browser render are the same on every page (a
/// resource resolving in the navigation beside the page's own would race
/// them and break hydration). The server renders no badge.
#[component]
pub fn UnreadBadge() -> impl IntoView {
    let count = RwSignal::new(0u32);
    let refresh = move || {
        leptos::task::spawn_local(async move {
            if let Ok(n) = unread_count().await {
                count.set(n);
            }
        })
    };
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| refresh());
    on_live(&["inbox"], refresh);
    view! {
        <Show when=move || { count.get() > 0 }>
            <span class="badge" data-testid="unread-badge" aria-label=move || format!("{} unread", count.get())>
                {move || count.get().to_string()}
            </span>
        </Show>
    }
}
