//! Turns notifications whose email is due into emails on the queue: one
//! message per person per turn, however many are due (a burst of 1,000
//! feedback entries, a morning digest, or everything missed while Tend was
//! down). A burst still arriving is waited for: a person's "at once" batch
//! goes when nothing new has come for `settle` seconds, or once its oldest
//! item has waited `max_hold`.
//!
//! Exactly once: the notifications are stamped with the email's key in the
//! transaction that queues it, and only if none was stamped before, so two
//! processes (or a run that died and a new one) cannot both mail them. The
//! email queue then delivers with its own lease and retries.

use crate::error::AppError;
use crate::notify::digest::{self, Item, Links};
use crate::notify::model::Kind;
use crate::notify::repo::{self, Pending};
use crate::notify::unsubscribe;
use crate::server::db::Db;
use crate::server::repo::{key_of, new_key};
use crate::shared::url::percent_encode;
use surrealdb::types::{Datetime, RecordId};

/// People handled per turn (the rest wait for the next turn).
const PEOPLE_PER_TURN: usize = 2000;

/// How long a burst may keep a person's email waiting.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    /// Send once nothing new arrived for this many seconds.
    pub settle_secs: i64,
    /// Send anyway once the oldest due item waited this long.
    pub max_hold_secs: i64,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            settle_secs: 30,
            max_hold_secs: 600,
        }
    }
}

/// Seconds since the epoch.
fn secs(d: &Datetime) -> i64 {
    d.timestamp()
}

/// Which of a person's pending notifications go now; empty when none, or
/// when a burst is still arriving.
/// `now` is in seconds since the epoch.
pub fn batch(pending: &[Pending], now: i64, t: Timing) -> Vec<&Pending> {
    let Some(oldest_due) = pending.iter().map(|p| secs(&p.mail_due)).filter(|d| *d <= now).min() else {
        return Vec::new();
    };
    let newest_now = pending.iter().filter(|p| p.mail == "now").map(|p| secs(&p.at)).max();
    let arriving = newest_now.is_some_and(|n| now - n < t.settle_secs);
    let held_long = now - oldest_due >= t.max_hold_secs;
    if arriving && !held_long {
        return Vec::new();
    }
    // What is due, plus "at once" items whose gathering window has not ended yet.
    pending
        .iter()
        .filter(|p| secs(&p.mail_due) <= now || p.mail == "now")
        .collect()
}

/// One turn: queues an email for each person with something due; returns
/// how many emails were queued.
pub async fn run_once(db: &Db, public_url: &str, t: Timing) -> Result<usize, AppError> {
    let people = repo::people_due(db, PEOPLE_PER_TURN).await?;
    if people.is_empty() {
        return Ok(0);
    }
    let secret = unsubscribe::secret(db).await?;
    let mut queued = 0;
    for person in people {
        queued += usize::from(mail_person(db, &person, public_url, &secret, t).await?);
    }
    Ok(queued)
}

async fn mail_person(db: &Db, person: &RecordId, base: &str, secret: &[u8], t: Timing) -> Result<bool, AppError> {
    let pending = repo::pending(db, person).await?;
    let chosen = batch(&pending, jiff::Timestamp::now().as_second(), t);
    if chosen.is_empty() {
        return Ok(false);
    }
    let ids: Vec<RecordId> = chosen.iter().map(|p| p.id.clone()).collect();
    let found = repo::people_with_prefs(db, std::slice::from_ref(person)).await?;
    let today = crate::shared::date::Day::today().to_string();
    let Some((who, _)) = found.into_iter().next() else {
        repo::drop_mail(db, ids).await?;
        return Ok(false);
    };
    if who.has_left(&today) {
        repo::drop_mail(db, ids).await?;
        return Ok(false);
    }
    let items: Vec<Item> = chosen
        .iter()
        .filter_map(|p| {
            Some(Item {
                kind: Kind::parse(&p.kind)?,
                text: p.text.clone(),
                link: p.link.clone(),
            })
        })
        .collect();
    let key = key_of(person);
    let unsub = |k: Kind| {
        format!(
            "{base}/unsubscribe?token={}",
            percent_encode(&unsubscribe::token(secret, &key, k), b"")
        )
    };
    let email = digest::message(
        &who.email,
        &who.name,
        &items,
        &Links {
            base,
            unsubscribe: &unsub,
        },
    );
    repo::queue_batch(db, ids, &email, person, &new_key("m")).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(mail: &str, at_secs_ago: i64, due_secs_ago: i64, now: i64) -> Pending {
        let at = |ago: i64| Datetime::from_timestamp(now - ago, 0).unwrap();
        Pending {
            id: RecordId::new("notification", format!("n{at_secs_ago}{mail}")),
            kind: "feedback_received".into(),
            text: "t".into(),
            link: "/".into(),
            mail: mail.into(),
            mail_due: at(due_secs_ago),
            at: at(at_secs_ago),
        }
    }

    #[test]
    fn a_burst_waits_until_it_settles_then_goes_as_one() {
        let now = 1_800_000_000;
        let t = Timing {
            settle_secs: 30,
            max_hold_secs: 600,
        };
        // Due, but the newest arrived 5 s ago: wait.
        let burst = vec![p("now", 120, 60, now), p("now", 5, -55, now)];
        assert!(batch(&burst, now, t).is_empty());
        // Quiet for 40 s: both go, the one not yet due included.
        let settled = vec![p("now", 120, 60, now), p("now", 40, -20, now)];
        assert_eq!(batch(&settled, now, t).len(), 2);
        // A burst that never stops still goes after max_hold.
        let endless = vec![p("now", 700, 640, now), p("now", 1, -59, now)];
        assert_eq!(batch(&endless, now, t).len(), 2);
    }

    #[test]
    fn digest_items_wait_for_their_time_and_nothing_due_sends_nothing() {
        let now = 1_800_000_000;
        let t = Timing::default();
        let later = vec![p("daily", 600, -3600, now)];
        assert!(batch(&later, now, t).is_empty());
        // A due digest takes along an "at once" item, but not a digest item not yet due.
        let mixed = vec![
            p("daily", 9000, 10, now),
            p("now", 100, 40, now),
            p("weekly", 50, -9000, now),
        ];
        let chosen = batch(&mixed, now, t);
        assert_eq!(
            chosen.iter().map(|c| c.mail.as_str()).collect::<Vec<_>>(),
            ["daily", "now"]
        );
    }
}
