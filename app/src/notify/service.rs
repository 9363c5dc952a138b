//! Making notifications, reading the inbox, and email preferences.
//!
//! Features tell people things through [`tell`]: it fixes each
//! notification's email time from the recipient's preferences and time
//! zone, and writes it once per occasion. A feature's write has already
//! happened when it tells, so a failure to notify is logged, never turned
//! into a failed request.

use crate::error::AppError;
use crate::notify::model::{Delivery, Inbox, Kind, Notice, Prefs, PrefsDraft, Unsubscribed};
use crate::notify::repo::{self, KindPref, NewRow, PrefRow};
use crate::notify::rules::parse_prefs;
use crate::notify::{timing, unsubscribe};
use crate::server::db::Db;
use crate::server::repo::{key_of, person_rid, short_time};
use crate::server::CurrentUser;
use crate::shared::date::Day;
use std::sync::atomic::{AtomicI64, Ordering};
use surrealdb::types::{Datetime, RecordId};

/// Seconds an "at once" notification waits for others to join its email.
static GATHER_SECS: AtomicI64 = AtomicI64::new(60);
/// Notifications the inbox lists.
const SHOWN: usize = 100;
/// How long notifications are kept.
pub const KEEP_DAYS: u64 = 90;

/// Sets the gathering window (from `TEND_NOTIFY_GATHER_SECS`; tests use 0).
pub fn set_gather_secs(secs: i64) {
    GATHER_SECS.store(secs.clamp(0, 3600), Ordering::Relaxed);
}

/// One thing to tell one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub to: RecordId,
    pub kind: Kind,
    /// Names the occasion; the same occasion is told once.
    pub occasion: String,
    /// Plain text; escaped wherever it is shown.
    pub text: String,
    /// A path inside Tend.
    pub link: String,
    /// What it is about, for "reminded on …" ('goal:g4').
    pub subject: String,
}

/// The stored key of a person's notification of an occasion.
pub fn note_key(person: &RecordId, occasion: &str) -> String {
    use sha2::{Digest, Sha256};
    let h = Sha256::digest(format!("{}\0{occasion}", key_of(person)).as_bytes());
    format!("n{}", &hex::encode(h)[..24])
}

fn prefs_of(row: &PrefRow, time_zone: Option<&str>) -> Prefs {
    let mut p = Prefs::default();
    for k in &row.kinds {
        if let (Some(kind), Some(d)) = (Kind::parse(&k.kind), Delivery::parse(&k.delivery)) {
            if let Some(slot) = p.kinds.iter_mut().find(|(x, _)| *x == kind) {
                slot.1 = d;
            }
        }
    }
    p.quiet = match (row.quiet_from, row.quiet_to) {
        (Some(a), Some(b)) if (0..24).contains(&a) && (0..24).contains(&b) => Some((a as u8, b as u8)),
        _ => None,
    };
    p.time_zone = time_zone.filter(|t| !t.is_empty()).unwrap_or("UTC").to_owned();
    p
}

/// The stored form of every kind's delivery.
fn kind_prefs(kinds: &[(Kind, Delivery)]) -> Vec<KindPref> {
    kinds
        .iter()
        .map(|(k, d)| KindPref {
            kind: k.code().to_owned(),
            delivery: d.code().to_owned(),
        })
        .collect()
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

/// Writes notifications (idempotent per person and occasion). Nobody who
/// has left is told anything.
pub async fn emit(db: &Db, notes: Vec<Note>) -> Result<(), AppError> {
    if notes.is_empty() {
        return Ok(());
    }
    let mut people: Vec<RecordId> = notes.iter().map(|n| n.to.clone()).collect();
    people.sort_by_key(key_of);
    people.dedup();
    let found = repo::people_with_prefs(db, &people).await?;
    let today = Day::today().to_string();
    let now = jiff::Timestamp::now();
    let gather = GATHER_SECS.load(Ordering::Relaxed);
    let rows = notes
        .into_iter()
        .filter_map(|n| {
            let (person, pref) = found.iter().find(|(p, _)| p.id == n.to)?;
            if person.has_left(&today) {
                return None;
            }
            let prefs = prefs_of(pref, person.time_zone.as_deref());
            let delivery = prefs.delivery(n.kind);
            let tz = timing::zone(person.time_zone.as_deref());
            let due = timing::mail_due(now, delivery, gather, prefs.quiet, &tz)
                .and_then(|t| Datetime::from_timestamp(t.as_second(), t.subsec_nanosecond() as u32));
            Some(NewRow {
                id: repo::notification_rid(&note_key(&n.to, &n.occasion)),
                person: n.to,
                kind: n.kind.code().to_owned(),
                text: clip(&n.text, 300),
                link: if n.link.starts_with('/') {
                    clip(&n.link, 300)
                } else {
                    "/".into()
                },
                subject: clip(&n.subject, 120),
                mail: delivery.code().to_owned(),
                mail_due: due,
            })
        })
        .collect();
    repo::insert(db, rows).await
}

/// [`emit`] for features whose own write already happened: a failure is logged.
pub async fn tell(db: &Db, notes: Vec<Note>) {
    if let Err(e) = emit(db, notes).await {
        tracing::warn!(%e, "notifications could not be written");
    }
}

/// The signed-in person's inbox.
pub async fn inbox(db: &Db, user: &CurrentUser) -> Result<Inbox, AppError> {
    let (rows, unread) = repo::inbox(db, &person_rid(&user.id), SHOWN + 1).await?;
    let more = rows.len() > SHOWN;
    let notices = rows
        .into_iter()
        .take(SHOWN)
        .filter_map(|r| {
            Some(Notice {
                id: key_of(&r.id),
                kind: Kind::parse(&r.kind)?,
                text: r.text,
                link: r.link,
                at: short_time(&r.at),
                read: r.read_at.is_some(),
            })
        })
        .collect();
    Ok(Inbox { notices, unread, more })
}

/// How many of the signed-in person's notifications are unread.
pub async fn unread(db: &Db, user: &CurrentUser) -> Result<u32, AppError> {
    repo::unread(db, &person_rid(&user.id)).await
}

/// Marks one of the signed-in person's notifications read (or all, with None).
pub async fn mark_read(db: &Db, user: &CurrentUser, id: Option<String>) -> Result<(), AppError> {
    let one = match id {
        None => None,
        Some(k) if k.len() == 25 && k.starts_with('n') && k[1..].chars().all(|c| c.is_ascii_hexdigit()) => {
            Some(repo::notification_rid(&k))
        }
        Some(_) => return Err(AppError::NotFound),
    };
    repo::mark_read(db, &person_rid(&user.id), one).await
}

/// The signed-in person's email choices, defaults filled in.
pub async fn prefs(db: &Db, user: &CurrentUser) -> Result<Prefs, AppError> {
    let me = person_rid(&user.id);
    let found = repo::people_with_prefs(db, std::slice::from_ref(&me)).await?;
    let (person, row) = found.into_iter().next().ok_or(AppError::NotFound)?;
    Ok(prefs_of(&row, person.time_zone.as_deref()))
}

/// Saves the signed-in person's email choices.
pub async fn save_prefs(db: &Db, user: &CurrentUser, draft: &PrefsDraft) -> Result<(), AppError> {
    let valid = parse_prefs(draft)?;
    let mut p = prefs(db, user).await?;
    for (kind, delivery) in &valid.kinds {
        if let Some(slot) = p.kinds.iter_mut().find(|(k, _)| k == kind) {
            slot.1 = *delivery;
        }
    }
    let kinds = kind_prefs(&p.kinds);
    repo::save_prefs(db, &person_rid(&user.id), kinds, valid.quiet).await
}

/// Follows an unsubscribe link: checks it, and when `confirm`, that kind is
/// no longer emailed to its person and what was waiting to be emailed of it
/// is not sent.
pub async fn unsubscribe(db: &Db, token: &str, confirm: bool) -> Result<Unsubscribed, AppError> {
    let secret = unsubscribe::secret(db).await?;
    let invalid = || {
        AppError::Invalid(
            "This unsubscribe link is not valid. Open Tend and choose what it emails you under Notifications.".into(),
        )
    };
    let (person, kind) = unsubscribe::verify(&secret, token).ok_or_else(invalid)?;
    let pid = crate::shared::ids::PersonId::parse(&person)
        .map(|p| person_rid(&p))
        .ok_or_else(invalid)?;
    let found = repo::people_with_prefs(db, std::slice::from_ref(&pid)).await?;
    let (p, row) = found.into_iter().next().ok_or_else(invalid)?;
    if !confirm {
        return Ok(Unsubscribed {
            kind: kind.label().to_owned(),
            done: false,
        });
    }
    let mut current = prefs_of(&row, p.time_zone.as_deref());
    if let Some(slot) = current.kinds.iter_mut().find(|(k, _)| *k == kind) {
        slot.1 = Delivery::Off;
    }
    let (kinds, quiet) = (kind_prefs(&current.kinds), current.quiet);
    repo::save_prefs(db, &pid, kinds, quiet).await?;
    repo::stop_mail(db, &pid, kind.code()).await?;
    Ok(Unsubscribed {
        kind: kind.label().to_owned(),
        done: true,
    })
}

#[cfg(test)]
mod tests;
