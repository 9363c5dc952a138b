//! The reminder scan and HR's settings.

use crate::error::AppError;
use crate::feedback::perception::Fortnight;
use crate::notify::model::Kind;
use crate::notify::service::{emit, Note};
use crate::reminders::model::Rules;
use crate::reminders::repo;
use crate::reminders::rules::{self, Occasion, Who};
use crate::reviews::model::ReviewKind;
use crate::server::authz::ensure_hr;
use crate::server::db::Db;
use crate::server::repo::{key_of, person_rid, short_time};
use crate::server::CurrentUser;
use crate::shared::date::Day;
use surrealdb::types::RecordId;

/// Notifications written per database round trip.
const CHUNK: usize = 500;

/// HR's reminder settings (defaults until saved).
pub async fn rules(db: &Db) -> Result<Rules, AppError> {
    repo::rules(db).await
}

/// The settings, for HR's page.
pub async fn settings(db: &Db, user: &CurrentUser) -> Result<Rules, AppError> {
    ensure_hr(user)?;
    repo::rules(db).await
}

/// HR saves the settings.
pub async fn save(db: &Db, user: &CurrentUser, r: Rules) -> Result<(), AppError> {
    ensure_hr(user)?;
    rules::validate(&r)?;
    repo::save_rules(db, r, &person_rid(&user.id)).await
}

/// What one scan found and told.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Scan {
    pub reminders: usize,
    pub escalations: usize,
}

fn day_of(at: &surrealdb::types::Datetime) -> Option<Day> {
    Day::parse(short_time(at).get(..10)?)
}

fn what(kind: ReviewKind, ratee: &str) -> String {
    match kind {
        ReviewKind::SelfReview => "your self-review".into(),
        ReviewKind::Manager => format!("your review of {ratee}"),
        ReviewKind::Peer => format!("a peer review of {ratee}"),
        ReviewKind::Upward => format!("an upward review of {ratee}"),
    }
}

/// Turns occasions into notes for the owner, their manager or HR.
fn notes_for(
    out: &mut Vec<Note>,
    occasions: Vec<Occasion>,
    owner: &RecordId,
    manager: Option<&RecordId>,
    hr: &[RecordId],
) {
    for o in occasions {
        let to: Vec<RecordId> = match o.who {
            Who::Owner => vec![owner.clone()],
            Who::Manager => manager.cloned().into_iter().collect(),
            Who::Hr => hr.to_vec(),
        };
        for t in to {
            out.push(Note {
                to: t,
                kind: if o.escalation { Kind::Escalation } else { Kind::Reminder },
                occasion: o.key.clone(),
                text: o.text.clone(),
                link: o.link.clone(),
                subject: o.subject.clone(),
            });
        }
    }
}

/// Finds every occasion due on `today` and tells each once.
pub async fn scan(db: &Db, today: Day) -> Result<Scan, AppError> {
    let r = repo::rules(db).await?;
    let horizon = today.plus_days(r.review_first.max(r.review_second) as i32);
    let tomorrow = today.plus_days(1);
    let f = repo::facts(
        db,
        &today.to_string(),
        &horizon.to_string(),
        &tomorrow.to_string(),
        r.ask_days,
    )
    .await?;
    let mut notes = Vec::new();
    for g in &f.goals {
        let since = g
            .last_checkin
            .as_deref()
            .and_then(Day::parse)
            .or_else(|| day_of(&g.created_at));
        let Some(since) = since else { continue };
        let occ = rules::checkin(&r, &key_of(&g.id), &g.title, &g.owner_name, since, today);
        notes_for(&mut notes, occ, &g.owner, g.manager.as_ref(), &f.hr);
    }
    for v in &f.reviews {
        let (Some(kind), Some(due)) = (ReviewKind::parse(&v.kind), Day::parse(&v.due)) else {
            continue;
        };
        let (cycle, ratee) = (key_of(&v.cycle), key_of(&v.ratee));
        let name = format!("{cycle}/{ratee}/{}/{}", kind.as_str(), key_of(&v.reviewer));
        let link = format!("/reviews/write?cycle={cycle}&ratee={ratee}&kind={}", kind.as_str());
        // Anonymous reviews name their ratee to nobody but the writer.
        let theirs = match kind {
            ReviewKind::SelfReview => "their self-review".to_owned(),
            ReviewKind::Manager => format!("their review of {}", v.ratee_name),
            ReviewKind::Peer => "a peer review".to_owned(),
            ReviewKind::Upward => "an upward review".to_owned(),
        };
        let occ = rules::review(
            &r,
            &name,
            &link,
            &v.reviewer_name,
            &what(kind, &v.ratee_name),
            &theirs,
            due,
            today,
        );
        notes_for(&mut notes, occ, &v.reviewer, v.manager.as_ref(), &f.hr);
    }
    for a in &f.asks {
        let Some(on) = day_of(&a.created_at) else { continue };
        if let Some(o) = rules::ask(&r, &key_of(&a.id), &a.requester_name, &a.topic, on, today) {
            notes_for(&mut notes, vec![o], &a.asked, None, &f.hr);
        }
    }
    for m in &f.meetings {
        let series = key_of(&m.series);
        for (me, other) in [(&m.manager, &m.report_name), (&m.report, &m.manager_name)] {
            if let Some(o) = rules::one_on_one(&r, &series, other, tomorrow, m.open_items == 0, today) {
                notes_for(&mut notes, vec![o], me, None, &f.hr);
            }
        }
    }
    let fortnight = Fortnight::of(today);
    if let Some(o) = rules::perception(&r, &fortnight.label(), fortnight.start(), today) {
        for p in &f.in_chart {
            notes_for(&mut notes, vec![o.clone()], p, None, &f.hr);
        }
    }
    let scan = Scan {
        reminders: notes.iter().filter(|n| n.kind == Kind::Reminder).count(),
        escalations: notes.iter().filter(|n| n.kind == Kind::Escalation).count(),
    };
    let mut rest = notes;
    while !rest.is_empty() {
        let tail = rest.split_off(rest.len().min(CHUNK));
        emit(db, rest).await?;
        rest = tail;
    }
    Ok(scan)
}

#[cfg(test)]
mod tests;
