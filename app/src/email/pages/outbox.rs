use crate::email::api::email_queue;
use crate::email::model::{EmailLine, Outbox};
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;

/// HR's view of outgoing mail: where it goes, what is waiting, sent or
/// failed and why. Without SMTP each message opens to its text, so HR can
/// pass on an invitation link by hand during a trial.
#[component]
pub fn EmailsPage() -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    let data = Resource::new(move || refresh.get(), |_| email_queue());
    view! {
        <Title text="Emails" />
        <h1>"Emails"</h1>
        <p>
            <button type="button" class="secondary" on:click=move |_| refresh.update(|n| *n += 1)>
                "Refresh"
            </button>
        </p>
        <Transition fallback=|| view! { <Loading text="Loading emails…" /> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(o) => view! { <Queue o /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Queue(o: Outbox) -> impl IntoView {
    let [waiting, sending, sent, failed] = o.counts;
    let note = if o.folder_only {
        "No SMTP server is set (TEND_SMTP_URL), so messages are written to the outbox folder and shown below. Open one to copy its link."
    } else {
        "Messages are sent by the worker, retried with backoff when the server refuses or cannot be reached."
    };
    let empty = o.lines.is_empty();
    view! {
        <section class="card">
            <p>"Mail goes to " <strong>{o.delivery}</strong> "."</p>
            <p class="hint">{note}</p>
            <p data-testid="email-counts">
                {format!("{waiting} waiting · {sending} sending · {sent} sent · {failed} failed")}
            </p>
        </section>
        <Show when=move || empty>
            <p class="empty">
                "No emails yet. Invitations go out when you add people with “Send an invitation” or import them with “Invite the new people”; password resets when someone asks on the sign-in page."
            </p>
        </Show>
        <ul class="email-list">
            {o.lines.into_iter().map(|l| view! { <Line l /> }).collect_view()}
        </ul>
    }
}

#[component]
fn Line(l: EmailLine) -> impl IntoView {
    let failed = l.status == "Failed";
    let tries = (l.attempts > 1).then(|| format!(" after {} attempts", l.attempts));
    let when = match &l.sent {
        Some(s) => format!("queued {} · sent {s}", l.queued),
        None => format!("queued {}", l.queued),
    };
    view! {
        <li class="card email" class:failed=failed>
            <p>
                <strong>{l.subject}</strong> " to " {l.to} " — " <span class="status">{l.status}</span> {tries}
            </p>
            <p class="hint">{when}</p>
            {l.error.map(|e| view! { <p class="form-error">"Last failure: " {e}</p> })}
            {l.text.map(|t| view! {
                <details>
                    <summary>"Show the message"</summary>
                    <pre class="email-text">{t}</pre>
                </details>
            })}
        </li>
    }
}
