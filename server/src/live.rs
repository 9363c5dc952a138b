//! `GET /api/live`: server-sent events telling an open dashboard that
//! figures it may show have changed, so it refetches them.
//!
//! Each event's id is the change feed's versionstamp. A browser that loses
//! the connection reconnects with `Last-Event-ID` (EventSource does this by
//! itself) and is told about everything it missed, read back from the feed.
//! A subscriber that stops reading falls behind the bounded buffer and is
//! dropped; it then reconnects and resumes the same way.
//!
//! A stream lives no longer than its session: it re-checks the session on
//! every event it would send, at once when a session of its person ends in
//! this process (sign-out, or HR recording that they left), and at least
//! every minute; it ends once the person signed out, the session expired,
//! or the person left or is gone. One person
//! holds at most `STREAMS_PER_PERSON` streams in a process.

use crate::middleware::error_response;
use app::auth::service::{cookie, ended_sessions, resolve_session};
use app::dashboards::live;
use app::dashboards::live::{Change, Cursor, Scope};
use app::error::AppError;
use app::server::db::Db;
use app::server::state::AppState;
use app::server::CurrentUser;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use futures::stream::{self, Stream, StreamExt};
use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;
use tokio::sync::broadcast::{error::RecvError, Receiver};

/// Most change sets replayed on resume; beyond that the browser just refetches.
const REPLAY: u32 = 5000;
/// Most live streams one person holds open in this process (tabs, devices).
pub const STREAMS_PER_PERSON: usize = 8;
/// How often a quiet stream checks that its session is still live.
const RECHECK: Duration = Duration::from_secs(60);

/// Open streams per person in this process.
static OPEN: LazyLock<Mutex<HashMap<String, usize>>> = LazyLock::new(Default::default);

/// One of a person's stream slots, given back when the stream ends.
struct Slot(String);

impl Slot {
    fn take(person: &str) -> Option<Slot> {
        let mut open = OPEN.lock().unwrap_or_else(|e| e.into_inner());
        let n = open.entry(person.to_owned()).or_default();
        (*n < STREAMS_PER_PERSON).then(|| {
            *n += 1;
            Slot(person.to_owned())
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = OPEN.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = open.get_mut(&self.0) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.0);
            }
        }
    }
}

/// The session a stream belongs to, checked again while the stream lives.
struct Session {
    db: Db,
    token: String,
    person: String,
    /// Sessions ending in this process, by person.
    ended: Receiver<String>,
    _slot: Slot,
}

impl Session {
    /// Whether the session still stands for the same person.
    async fn live(&self) -> bool {
        matches!(resolve_session(&self.db, &self.token).await, Ok(Some(u)) if u.id.as_str() == self.person)
    }

    /// Waits until a session of this stream's person ends in this process
    /// (or the feed of ended sessions overflowed, so it may have).
    async fn person_ended(&mut self) {
        loop {
            match self.ended.recv().await {
                Ok(p) if p == self.person => return,
                Ok(_) => {}
                Err(RecvError::Lagged(_)) => return,
                Err(RecvError::Closed) => std::future::pending::<()>().await,
            }
        }
    }
}

/// For a stream with a session: until one of its person's sessions ends.
async fn person_ended(session: &mut Option<Session>) {
    match session {
        Some(s) => s.person_ended().await,
        None => std::future::pending().await,
    }
}

fn change_event(versionstamp: u64, people: &[String]) -> Event {
    Event::default()
        .id(versionstamp.to_string())
        .event("change")
        .data(serde_json::json!({ "people": people }).to_string())
}

fn inbox_event(versionstamp: u64) -> Event {
    Event::default().id(versionstamp.to_string()).event("inbox").data("{}")
}

/// The events one change set makes for a subscriber: dashboard figures in
/// scope, and their own inbox (nobody hears of another's).
fn events_for(change: &Change, scope: &Scope, me: Option<&str>) -> Vec<Event> {
    let mut out = Vec::new();
    let people = scope.visible(change);
    if !people.is_empty() {
        out.push(change_event(change.versionstamp, &people));
    }
    if me.is_some_and(|me| change.inbox.iter().any(|p| p == me)) {
        out.push(inbox_event(change.versionstamp));
    }
    out
}

/// What the subscriber missed since `last`: one event naming everyone in
/// scope who changed and one for their inbox, or nothing.
async fn replay(state: &AppState, scope: &Scope, me: &str, last: u64) -> Vec<Event> {
    // An id at the top of the range must not overflow: nothing follows it.
    let (changes, next) = match live::read_changes(&state.db, Cursor(last.saturating_add(1)), REPLAY).await {
        Ok(r) => r,
        // Cannot tell what was missed: have the page refetch everything.
        Err(_) => {
            return vec![
                Event::default().event("change").data(r#"{"people":[]}"#),
                Event::default().event("inbox").data("{}"),
            ]
        }
    };
    let mut people: Vec<String> = changes.iter().flat_map(|c| scope.visible(c)).collect();
    people.sort();
    people.dedup();
    let mine = changes.iter().any(|c| c.inbox.iter().any(|p| p == me));
    let at = next.0.saturating_sub(1).max(last);
    let mut out = Vec::new();
    if !people.is_empty() {
        out.push(change_event(at, &people));
    }
    if mine {
        out.push(inbox_event(at));
    }
    out
}

/// The live stream for the signed-in person.
pub async fn stream(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    headers: HeaderMap,
) -> Response {
    let (Some(Extension(user)), Some(token)) = (user, cookie::read(&headers)) else {
        return error_response(AppError::Unauthorized);
    };
    let Some(slot) = Slot::take(user.id.as_str()) else {
        return error_response(AppError::RateLimited(1));
    };
    let session = Session {
        db: state.db.clone(),
        token,
        person: user.id.as_str().to_owned(),
        ended: ended_sessions(),
        _slot: slot,
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
    let me = user.id.as_str().to_owned();
    let first = match last {
        Some(last) => replay(&state, &scope, &me, last).await,
        None => {
            let ready = Event::default().event("ready").data("{}");
            vec![match state.live.read_to() {
                Some(at) => ready.id(at.to_string()),
                None => ready,
            }]
        }
    };
    let events = stream::iter(first)
        .chain(follow(rx, scope, Some(me), Some(session)))
        .map(Ok::<_, Infallible>);
    let mut res = Sse::new(events)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache, no-store"));
    res.headers_mut()
        .insert("x-accel-buffering", HeaderValue::from_static("no"));
    res
}

/// Whether a stream may go on: its session still stands (always, for a
/// stream without one, as in tests of the filtering alone).
async fn still_live(session: &Option<Session>) -> bool {
    match session {
        Some(s) => s.live().await,
        None => true,
    }
}

/// Live changes in scope (and to `me`'s inbox), until the subscriber falls
/// behind, the process stops, or (with a session) the session ends.
fn follow(
    rx: Receiver<Arc<Change>>,
    scope: Scope,
    me: Option<String>,
    session: Option<Session>,
) -> impl Stream<Item = Event> {
    stream::unfold(
        (rx, scope, me, session),
        |(mut rx, scope, me, mut session)| async move {
            loop {
                let next = tokio::select! {
                    r = tokio::time::timeout(RECHECK, rx.recv()) => r,
                    // A session of this person just ended here: check ours now.
                    () = person_ended(&mut session) => {
                        if !still_live(&session).await {
                            return None;
                        }
                        continue;
                    }
                };
                match next {
                    // Quiet for a while: make sure the session still stands.
                    Err(_) if !still_live(&session).await => return None,
                    Err(_) => {}
                    Ok(Ok(change)) => {
                        let events = events_for(&change, &scope, me.as_deref());
                        if !events.is_empty() {
                            if !still_live(&session).await {
                                return None;
                            }
                            return Some((stream::iter(events), (rx, scope, me, session)));
                        }
                    }
                    // Fell behind: end the stream; the browser resumes from its last id.
                    Ok(Err(RecvError::Lagged(_))) | Ok(Err(RecvError::Closed)) => return None,
                }
            }
        },
    )
    .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::sync::broadcast;

    fn change(v: u64, who: &str) -> Arc<Change> {
        Arc::new(Change {
            versionstamp: v,
            people: vec![who.to_owned()],
            inbox: vec![],
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
        let events: Vec<Event> = follow(rx, Scope::Everyone, None, None).collect().await;
        assert!(events.is_empty());
    }

    #[tokio::test]
    async fn only_changes_in_scope_are_sent() {
        let (tx, rx) = broadcast::channel(8);
        tx.send(change(1, "p9")).unwrap();
        tx.send(change(2, "p1")).unwrap();
        drop(tx);
        let scope = Scope::People(["p1".to_owned()].into_iter().collect());
        let events: Vec<Event> = follow(rx, scope, None, None).collect().await;
        assert_eq!(events.len(), 1);
        assert!(format!("{:?}", events[0]).contains("p1"));
    }

    #[tokio::test]
    async fn an_inbox_change_reaches_only_its_owner() {
        let (tx, rx) = broadcast::channel(8);
        let inbox = |v: u64, who: &str| {
            Arc::new(Change {
                versionstamp: v,
                people: vec![],
                inbox: vec![who.to_owned()],
            })
        };
        tx.send(inbox(1, "p2")).unwrap();
        tx.send(inbox(2, "p1")).unwrap();
        drop(tx);
        // HR sees every dashboard, but not another person's inbox.
        let events: Vec<Event> = follow(rx, Scope::Everyone, Some("p1".into()), None).collect().await;
        assert_eq!(events.len(), 1);
        let e = format!("{:?}", events[0]);
        assert!(e.contains("inbox") && e.contains('2'), "{e}");
    }
}
