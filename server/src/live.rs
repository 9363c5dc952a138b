//! `GET /api/live`: server-sent events telling an open dashboard that
//! figures it may show have changed, so it refetches them.
//!
//! Each event's id is the change feed's versionstamp. A browser that loses
//! the connection reconnects with `Last-Event-ID` (EventSource does this by
//! itself) and is told about everything it missed, read back from the feed.
//! A subscriber that stops reading falls behind the bounded buffer and is
//! dropped; it then reconnects and resumes the same way.

use crate::middleware::error_response;
use app::dashboards::live;
use app::dashboards::live::{Change, Cursor, Scope};
use app::error::AppError;
use app::server::state::AppState;
use app::server::CurrentUser;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use futures::stream::{self, Stream, StreamExt};
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::{error::RecvError, Receiver};

/// Most change sets replayed on resume; beyond that the browser just refetches.
const REPLAY: u32 = 5000;

fn change_event(versionstamp: u64, people: &[String]) -> Event {
    Event::default()
        .id(versionstamp.to_string())
        .event("change")
        .data(serde_json::json!({ "people": people }).to_string())
}

/// What the subscriber missed since `last`: one event naming everyone in
/// scope who changed, or nothing.
async fn replay(state: &AppState, scope: &Scope, last: u64) -> Option<Event> {
    let (changes, next) = match live::read_changes(&state.db, Cursor(last + 1), REPLAY).await {
        Ok(r) => r,
        // Cannot tell what was missed: have the page refetch everything.
        Err(_) => return Some(Event::default().event("change").data(r#"{"people":[]}"#)),
    };
    let mut people: Vec<String> = changes.iter().flat_map(|c| scope.visible(c)).collect();
    people.sort();
    people.dedup();
    (!people.is_empty()).then(|| change_event(next.0.saturating_sub(1).max(last), &people))
}

/// The live stream for the signed-in person.
pub async fn stream(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    headers: HeaderMap,
) -> Response {
    let Some(Extension(user)) = user else {
        return error_response(AppError::Unauthorized);
    };
    let scope = match live::scope_of(&state.db, &user).await {
        Ok(s) => s,
        Err(e) => return error_response(e),
    };
    // Subscribe before reading what was missed, so nothing falls between.
    let rx = state.live.subscribe(&state.db);
    // The process's first subscriber starts the feed reader: say "ready" only
    // once it has its start position, or a write made right after "ready"
    // could fall before that position and never be sent.
    for _ in 0..250 {
        if state.live.read_to().is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let last = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let first = match last {
        Some(last) => replay(&state, &scope, last).await,
        None => {
            let ready = Event::default().event("ready").data("{}");
            Some(match state.live.read_to() {
                Some(at) => ready.id(at.to_string()),
                None => ready,
            })
        }
    };
    let events = stream::iter(first).chain(follow(rx, scope)).map(Ok::<_, Infallible>);
    let mut res = Sse::new(events)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache, no-store"));
    res.headers_mut()
        .insert("x-accel-buffering", HeaderValue::from_static("no"));
    res
}

/// Live changes in scope, until the subscriber falls behind or the process stops.
fn follow(rx: Receiver<Arc<Change>>, scope: Scope) -> impl Stream<Item = Event> {
    stream::unfold((rx, scope), |(mut rx, scope)| async move {
        loop {
            match rx.recv().await {
                Ok(change) => {
                    let people = scope.visible(&change);
                    if !people.is_empty() {
                        return Some((change_event(change.versionstamp, &people), (rx, scope)));
                    }
                }
                // Fell behind: end the stream; the browser resumes from its last id.
                Err(RecvError::Lagged(_)) | Err(RecvError::Closed) => return None,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::sync::broadcast;

    fn change(v: u64, who: &str) -> Arc<Change> {
        Arc::new(Change {
            versionstamp: v,
            people: vec![who.to_owned()],
        })
    }

    #[tokio::test]
    async fn a_subscriber_that_falls_behind_is_dropped_not_buffered() {
        let (tx, rx) = broadcast::channel(2);
        for v in 1..=5 {
            tx.send(change(v, "p1")).unwrap();
        }
        assert_eq!(tx.len(), 2, "memory stays bounded by the channel size");
        // The reader lagged, so its stream ends (the browser reconnects with
        // its last id and the feed replays the rest).
        let events: Vec<Event> = follow(rx, Scope::Everyone).collect().await;
        assert!(events.is_empty());
    }

    #[tokio::test]
    async fn only_changes_in_scope_are_sent() {
        let (tx, rx) = broadcast::channel(8);
        tx.send(change(1, "p9")).unwrap();
        tx.send(change(2, "p1")).unwrap();
        drop(tx);
        let scope = Scope::People(["p1".to_owned()].into_iter().collect());
        let events: Vec<Event> = follow(rx, scope).collect().await;
        assert_eq!(events.len(), 1);
        assert!(format!("{:?}", events[0]).contains("p1"));
    }
}
