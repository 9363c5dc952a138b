use crate::auth::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// The top bar: links for what the viewer's role allows, and sign-out.
/// Hidden on the sign-in page.
#[component]
pub fn Nav() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let on_login = move || location.pathname.get().starts_with("/login");
    view! {
        <header class="topbar">
            <a class="brand" href="/">"Tend"</a>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let viewer = session.viewer.await.ok().flatten();
                    viewer
                        .filter(|_| !on_login())
                        .map(|v| {
                            let profile = format!("/people/{}", v.id);
                            let user = v.id.to_string();
                            view! {
                                <nav aria-label="Main">
                                    <ul>
                                        <li><A href="/" exact=true>"Home"</A></li>
                                        <li><A href="/inbox">"Inbox" <crate::notify::pages::UnreadBadge /></A></li>
                                        <li><A href=profile>"My profile"</A></li>
                                        <li><A href="/goals/mine">"My goals"</A></li>
                                        <li><A href="/goals" exact=true>"Alignment"</A></li>
                                        {v.role.manages().then(|| view! { <li><A href="/dashboard" exact=true>"Dashboard"</A></li> })}
                                        {(v.role == crate::people::model::Role::SkipLevel).then(|| view! { <li><A href="/dashboard/audit">"Quality audit"</A></li> })}
                                        {v.is_hr.then(|| view! { <li><A href="/dashboard/org">"Organisation"</A></li> <li><A href="/reviews/cycles">"Review cycles"</A></li> <li><A href="/reviews/history">"Review history"</A></li> })}
                                        {v.role.manages().then(|| view! { <li><A href="/team">"My team"</A></li> })}
                                        {v.role.manages().then(|| view! { <li><A href="/goals/team">"Team goals"</A></li> })}
                                        <li><A href="/goals/review">"Quarterly review"</A></li>
                                        <li><A href="/reviews" exact=true>"Reviews"</A></li>
                                        <li><A href="/feedback" exact=true>"Feedback"</A></li>
                                        {v.role.manages().then(|| view! { <li><A href="/feedback/team">"Team feedback"</A></li> })}
                                        <li><A href="/one-on-ones" exact=true>"1:1s"</A></li>
                                        <li><A href="/capture">"Capture"</A></li>
                                        {v.is_hr.then(|| view! { <li><A href="/feedback/audit">"Deleted feedback"</A></li> })}
                                        {v.is_hr.then(|| view! { <li><A href="/directory">"People directory"</A></li> <li><A href="/people/import">"Import people"</A></li> <li><A href="/org-units">"Org units"</A></li> <li><A href="/emails">"Emails"</A></li> <li><A href="/settings/reminders">"Reminders"</A></li> })}
                                    </ul>
                                </nav>
                                <div class="who">
                                    <span class="name">{v.name.clone()}</span>
                                    <A href="/settings/notifications">"Notifications"</A>
                                    <A href="/password">"Password"</A>
                                    <ActionForm action=session.logout>
                                        <button type="submit" class="link" on:click=move |ev| confirm_sign_out(&ev, &user)>"Sign out"</button>
                                    </ActionForm>
                                </div>
                            }
                        })
                })}
            </Transition>
        </header>
    }
}

/// Warns before signing out with items that have not reached Tend, and
/// forgets the pages cached for offline use (they were rendered for this
/// person). The items themselves stay, in this person's own outbox.
fn confirm_sign_out(ev: &leptos::ev::MouseEvent, user: &str) {
    #[cfg(feature = "hydrate")]
    {
        let waiting = crate::offline::local_storage()
            .and_then(|s| s.get_item(&crate::offline::pending_key(user)).ok().flatten())
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0);
        if waiting > 0 {
            let msg = format!(
                "{waiting} item(s) you captured have not reached Tend yet. They stay on this device and are sent the next time you sign in here. Sign out anyway?"
            );
            if !window().confirm_with_message(&msg).unwrap_or(false) {
                ev.prevent_default();
                return;
            }
        }
        crate::offline::forget_cached_pages();
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, user);
}
