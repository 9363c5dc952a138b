//! Live dashboard updates that work across Tend processes.
//!
//! Every fold of the dashboard counters (`stats::fold`) touches
//! `touch:[person]` for whose figures moved, as do action-item writes
//! (migration `0007_stats`), and the `touch` table has a change feed. Each
//! process polls that feed (`SHOW CHANGES`), so a write made by any process
//! sharing the database reaches the browsers connected to every process —
//! LIVE SELECT would only tell the node that made the write.
//!
//! The versionstamp of each change set is the event id sent to browsers, so a
//! browser that reconnects with `Last-Event-ID` is told about whatever it
//! missed, read back from the same feed.

use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::{db_err, key_of};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use surrealdb::types::{RecordId, SurrealValue};
use tokio::sync::broadcast;

/// How often each process reads the change feed.
pub const POLL: Duration = Duration::from_millis(100);
/// Change sets a subscriber may fall behind by before it is dropped (it then
/// reconnects and resumes from its last event id).
pub const BUFFER: usize = 256;

/// People whose dashboard figures (or inbox) changed in one database transaction.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Change {
    pub versionstamp: u64,
    /// Person keys (`p42`) whose dashboard figures changed.
    pub people: Vec<String>,
    /// Person keys whose notifications changed (told only to themselves).
    pub inbox: Vec<String>,
}

#[derive(SurrealValue)]
struct Touched {
    person: RecordId,
    inbox: Option<bool>,
}

#[derive(SurrealValue)]
struct Mutation {
    update: Option<Touched>,
}

#[derive(SurrealValue)]
struct ChangeSet {
    versionstamp: i64,
    changes: Vec<Mutation>,
}

/// Where the next read of the feed starts: everything from this versionstamp on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor(pub u64);

/// Change sets from the cursor on (at most `limit`), oldest first, and the
/// cursor for the next read.
pub async fn read_changes(db: &Db, from: Cursor, limit: u32) -> Result<(Vec<Change>, Cursor), AppError> {
    // SHOW takes literals only. Both numbers are integers, never request
    // text, so writing them into the statement is safe.
    let sql = format!("SHOW CHANGES FOR TABLE touch SINCE {} LIMIT {limit}", from.0);
    let mut res = db.query(sql).await.map_err(db_err)?;
    let sets: Vec<ChangeSet> = res.take(0).map_err(db_err)?;
    let next = sets
        .last()
        .map(|s| Cursor(s.versionstamp.max(0) as u64 + 1))
        .unwrap_or(from);
    let changes = sets
        .into_iter()
        .map(|s| {
            let (mut inbox, mut people) = (Vec::new(), Vec::new());
            for t in s.changes.into_iter().filter_map(|m| m.update) {
                let list = if t.inbox == Some(true) { &mut inbox } else { &mut people };
                list.push(key_of(&t.person));
            }
            for list in [&mut people, &mut inbox] {
                list.sort();
                list.dedup();
            }
            Change {
                versionstamp: s.versionstamp.max(0) as u64,
                people,
                inbox,
            }
        })
        .filter(|c| !c.people.is_empty() || !c.inbox.is_empty())
        .collect();
    Ok((changes, next))
}

/// The versionstamp of the first change at or after `at`, if any.
async fn first_from(db: &Db, at: u64) -> Result<Option<u64>, AppError> {
    // SHOW takes literals only; `at` is an integer we computed.
    let sql = format!("SHOW CHANGES FOR TABLE touch SINCE {at} LIMIT 1");
    let mut res = db.query(sql).await.map_err(db_err)?;
    let sets: Vec<ChangeSet> = res.take(0).map_err(db_err)?;
    Ok(sets.first().map(|s| s.versionstamp.max(0) as u64))
}

/// A cursor past everything in the feed now. Versionstamps are made by the
/// storage engine (and are not the same clock on every engine), so the last
/// one is searched for: doubling steps past the first change, then halving,
/// each probe a one-change read. Paging through a day of changes instead
/// took long enough at 10,000 people for a write to slip in before the
/// reader had its start.
pub async fn now_cursor(db: &Db) -> Result<Cursor, AppError> {
    let Some(first) = first_from(db, 0).await? else {
        return Ok(Cursor(0));
    };
    // `low` has a change at or after it; `high` has none.
    let mut low = first;
    let mut step = 1u64;
    let mut high = loop {
        let probe = low.saturating_add(step).min(i64::MAX as u64);
        match first_from(db, probe).await? {
            Some(v) => {
                low = v;
                step = step.saturating_mul(2);
                if probe == i64::MAX as u64 {
                    return Ok(Cursor(v + 1));
                }
            }
            None => break probe,
        }
    };
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        match first_from(db, mid).await? {
            Some(v) => low = v.max(mid),
            None => high = mid,
        }
    }
    // A change at `low`, none at or after `high = low + 1`.
    Ok(Cursor(high))
}

/// One process's reader of the change feed, shared by all its subscribers.
pub struct LiveHub {
    tx: broadcast::Sender<Arc<Change>>,
    started: AtomicBool,
    /// The feed position read up to (0 until the first read).
    read_to: Arc<AtomicU64>,
}

impl Default for LiveHub {
    fn default() -> Self {
        LiveHub {
            tx: broadcast::channel(BUFFER).0,
            started: AtomicBool::new(false),
            read_to: Arc::default(),
        }
    }
}

impl LiveHub {
    /// A receiver of every change from now on. Starts the poller on first use.
    pub fn subscribe(&self, db: &Db) -> broadcast::Receiver<Arc<Change>> {
        let rx = self.tx.subscribe();
        if !self.started.swap(true, Ordering::SeqCst) {
            tokio::spawn(poll(db.clone(), self.tx.downgrade(), self.read_to.clone()));
        }
        rx
    }

    pub fn subscribers(&self) -> usize {
        self.tx.receiver_count()
    }

    /// The versionstamp every change up to which has been handed out, if known.
    pub fn read_to(&self) -> Option<u64> {
        match self.read_to.load(Ordering::SeqCst) {
            0 => None,
            n => Some(n - 1),
        }
    }
}

async fn poll(db: Db, tx: broadcast::WeakSender<Arc<Change>>, read_to: Arc<AtomicU64>) {
    let mut cursor: Option<Cursor> = None;
    loop {
        let Some(tx) = tx.upgrade() else { return };
        if cursor.is_none() {
            cursor = now_cursor(&db)
                .await
                .map_err(|e| tracing::warn!("starting the change feed reader failed: {e}"))
                .ok();
        }
        if let Some(from) = cursor {
            match read_changes(&db, from, 1000).await {
                Ok((changes, next)) => {
                    for c in changes {
                        // No receivers is fine: nobody is watching.
                        let _ = tx.send(Arc::new(c));
                    }
                    cursor = Some(next);
                    read_to.store(next.0.max(1), Ordering::SeqCst);
                }
                Err(e) => tracing::warn!("reading the change feed failed: {e}"),
            }
        }
        drop(tx);
        tokio::time::sleep(POLL).await;
    }
}

/// Whose changes a subscriber may hear about: what their dashboards show.
#[derive(Debug, Clone, PartialEq)]
pub enum Scope {
    /// HR admins see every dashboard.
    Everyone,
    /// Themselves and everyone below them (person keys).
    People(std::collections::HashSet<String>),
}

impl Scope {
    /// The people of a change this subscriber may hear about.
    pub fn visible(&self, change: &Change) -> Vec<String> {
        match self {
            Scope::Everyone => change.people.clone(),
            Scope::People(set) => change.people.iter().filter(|p| set.contains(*p)).cloned().collect(),
        }
    }
}

/// The scope of a signed-in person, read once when they subscribe.
pub async fn scope_of(db: &Db, user: &crate::server::CurrentUser) -> Result<Scope, AppError> {
    if user.is_hr {
        return Ok(Scope::Everyone);
    }
    let mut set: std::collections::HashSet<String> = crate::people::repo::subtree_ids(db, &user.id)
        .await?
        .iter()
        .map(key_of)
        .collect();
    set.insert(user.id.to_string());
    Ok(Scope::People(set))
}
