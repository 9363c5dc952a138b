//! Feedback use cases: give (or answer an ask, or correct), edit inside the
//! window, delete softly, acknowledge and rate, and the lists. Server
//! functions call these after authentication; each checks its own rules.

pub mod form;
pub use form::{goal_options, start};

use crate::error::AppError;
use crate::feedback::access::{can_read, may_read, relation, Relation};
use crate::feedback::model::{
    AskDraft, DeletedFeedback, FeedbackDraft, FeedbackEntry, FeedbackView, MyFeedback, PastVersion, PraiseFeed,
};
use crate::feedback::repo::{asks as feedback_asks, FeedbackRow, FeedbackText, NewFeedback};
use crate::feedback::rules::ValidFeedback;
use crate::feedback::{quality as feedback_quality, repo as feedback, rules as feedback_rules};
use crate::goals::repo as goals;
use crate::people::repo as people;
use crate::people::repo::org_chart;
use crate::server::db::Db;
use crate::server::repo::{key_of, person_rid};
use crate::server::CurrentUser;
use crate::shared::date::Day;
use crate::shared::ids::PersonId;
use surrealdb::types::RecordId;

/// How many entries a list shows.
pub const LIST_LIMIT: u32 = 30;

pub fn feedback_rid(key: &str) -> Option<RecordId> {
    feedback_rules::valid_key(key).then(|| RecordId::new("feedback", key))
}

fn ask_rid(key: &str) -> RecordId {
    RecordId::new("feedback_ask", key)
}

/// Loads an entry the viewer may read; 404 for unknown, deleted or unreadable
/// entries alike, so ids cannot be probed.
async fn readable(db: &Db, user: &CurrentUser, id: &str) -> Result<FeedbackRow, AppError> {
    readable_as(db, user, id).await.map(|(row, _)| row)
}

/// The same, with how the viewer stands to the entry.
async fn readable_as(db: &Db, user: &CurrentUser, id: &str) -> Result<(FeedbackRow, Relation), AppError> {
    let rid = feedback_rid(id).ok_or(AppError::NotFound)?;
    let row = feedback::get(db, &rid).await?.ok_or(AppError::NotFound)?;
    let rel = relation(db, user, &row).await?;
    if !row.deleted && may_read(row.visibility(), rel) {
        Ok((row, rel))
    } else {
        Err(AppError::NotFound)
    }
}

/// The stored text of a validated draft, trimmed and scored.
fn text_of(d: &FeedbackDraft, v: &ValidFeedback, goal: Option<RecordId>) -> FeedbackText {
    let s = feedback_quality::score(d.kind, &d.main_text(), &d.suggestion);
    FeedbackText {
        kind: d.kind.as_str().into(),
        visibility: d.visibility.as_str().into(),
        situation: d.situation.trim().into(),
        behaviour: d.behaviour.trim().into(),
        impact: d.impact.trim().into(),
        suggestion: d.suggestion.trim().into(),
        body: d.body.trim().into(),
        happened_on: v.happened_on.to_string(),
        goal,
        skill: d.skill.trim().into(),
        quality: i64::from(s.score),
        hints: s.codes().into_iter().map(String::from).collect(),
    }
}

/// An entry as `user` sees it. The goal it names is left out unless the
/// viewer may see that goal too: a goal shown only up its owner's reporting
/// line must not reach, say, the public praise feed (issue 22).
async fn shown(db: &Db, user: &CurrentUser, row: FeedbackRow) -> Result<FeedbackEntry, AppError> {
    Ok(all_shown(db, user, vec![row]).await?.remove(0))
}

/// [`shown`] for a list: each named goal is looked up once, however many
/// entries name it.
async fn all_shown(db: &Db, user: &CurrentUser, rows: Vec<FeedbackRow>) -> Result<Vec<FeedbackEntry>, AppError> {
    // Keyed by the goal's key: `RecordId` is not a sound map key (clippy).
    let mut visible: std::collections::HashMap<String, bool> = std::collections::HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let goal = row.goal.clone();
        let mut entry = row.entry(&user.id);
        if let Some(goal) = goal {
            let seen = match visible.get(&key_of(&goal)) {
                Some(v) => *v,
                None => {
                    let v = match goals::row(db, &goal).await? {
                        Some(g) => crate::goals::access::can_view(db, user, &g).await?,
                        None => false,
                    };
                    visible.insert(key_of(&goal), v);
                    v
                }
            };
            if !seen {
                entry.goal = None;
            }
        }
        out.push(entry);
    }
    Ok(out)
}

/// Checks the draft's links against the database; field errors for bad ones.
async fn check_links(db: &Db, user: &CurrentUser, v: &ValidFeedback) -> Result<Option<RecordId>, AppError> {
    if !people::exists(db, &v.recipient).await? {
        return Err(AppError::field("recipient", "We couldn't find that person."));
    }
    let goal = match &v.goal {
        None => None,
        Some(g) => {
            let row = goals::row(db, &crate::server::repo::goal_rid(g)).await?;
            match row {
                Some(r) if crate::goals::access::can_view(db, user, &r).await? => Some(r.id),
                _ => return Err(AppError::field("goal", "That goal doesn't exist.")),
            }
        }
    };
    if let Some(a) = &v.ask {
        let ask = feedback_asks::get(db, &ask_rid(a)).await?;
        let ok = ask.as_ref().is_some_and(|a| {
            key_of(&a.asked) == user.id.as_str() && key_of(&a.requester) == v.recipient.as_str() && a.answer.is_none()
        });
        if !ok {
            return Err(AppError::field(
                "ask",
                "That ask was already answered, or wasn't for you.",
            ));
        }
    }
    if let Some(c) = &v.corrects {
        let original = match feedback_rid(c) {
            Some(rid) => feedback::get(db, &rid).await?,
            None => None,
        };
        let ok = original.as_ref().is_some_and(|o| {
            o.giver_id().as_ref() == Some(&user.id) && o.recipient_id().as_ref() == Some(&v.recipient) && !o.deleted
        });
        if !ok {
            return Err(AppError::field(
                "corrects",
                "You can only correct your own feedback to the same person.",
            ));
        }
    }
    Ok(goal)
}

/// Gives feedback; returns the new entry's id.
pub async fn give(db: &Db, user: &CurrentUser, d: FeedbackDraft, today: Day) -> Result<String, AppError> {
    give_keyed(db, user, d, today, crate::server::repo::new_key("f")).await
}

/// Gives feedback under a chosen key: offline capture derives it from the
/// client's id so a retried send cannot make a second entry.
pub async fn give_keyed(
    db: &Db,
    user: &CurrentUser,
    d: FeedbackDraft,
    today: Day,
    key: String,
) -> Result<String, AppError> {
    let v = feedback_rules::validate(&d, &user.id, today).map_err(AppError::InvalidFields)?;
    let goal = check_links(db, user, &v).await?;
    let recipient = person_rid(&v.recipient);
    let unit = org_chart::placement(db, &recipient)
        .await?
        .ok_or_else(|| AppError::field("recipient", "We couldn't find that person."))?
        .unit;
    let row = NewFeedback::new(
        text_of(&d, &v, goal),
        person_rid(&user.id),
        recipient,
        unit,
        v.ask.as_deref().map(ask_rid),
        v.corrects.as_deref().and_then(feedback_rid),
    );
    feedback::create(db, &RecordId::new("feedback", key.as_str()), row).await?;
    // The recipient may read every entry about them, whatever its visibility.
    let what = if v.ask.is_some() {
        "answered your ask for feedback"
    } else {
        "gave you feedback"
    };
    crate::notify::service::tell(
        db,
        vec![crate::notify::service::Note {
            to: person_rid(&v.recipient),
            kind: crate::notify::model::Kind::FeedbackReceived,
            occasion: format!("feedback:{key}"),
            text: format!("{} {what}", user.name),
            link: format!("/feedback/{key}"),
            subject: format!("feedback:{key}"),
        }],
    )
    .await;
    Ok(key)
}

const WINDOW_CLOSED: &str =
    "Feedback can be edited for 24 hours after it's written. Write a correction instead; it will be linked to this entry.";

/// Edits an entry within the author's 24-hour window, keeping the old text.
pub async fn edit(db: &Db, user: &CurrentUser, id: &str, d: FeedbackDraft, today: Day) -> Result<(), AppError> {
    let row = readable(db, user, id).await?;
    if row.giver_id().as_ref() != Some(&user.id) {
        return Err(AppError::Forbidden);
    }
    if !row.in_window {
        return Err(AppError::Invalid(WINDOW_CLOSED.into()));
    }
    if row.recipient_id().map(|r| r.to_string()) != Some(d.recipient.trim().to_owned()) {
        return Err(AppError::field(
            "recipient",
            "The recipient can't change. Delete this and write a new entry.",
        ));
    }
    let mut d = d;
    d.ask = None;
    d.corrects = None;
    let v = feedback_rules::validate(&d, &user.id, today).map_err(AppError::InvalidFields)?;
    let goal = check_links(db, user, &v).await?;
    let text = text_of(&d, &v, goal);
    if feedback::edit(db, &row.id, &person_rid(&user.id), text).await? {
        Ok(())
    } else {
        Err(AppError::Invalid(WINDOW_CLOSED.into()))
    }
}

/// Soft-deletes the author's own entry.
pub async fn delete(db: &Db, user: &CurrentUser, id: &str, reason: &str) -> Result<(), AppError> {
    let row = readable(db, user, id).await?;
    if row.giver_id().as_ref() != Some(&user.id) {
        return Err(AppError::Forbidden);
    }
    if let Some(e) = feedback_rules::check_text("reason", reason, feedback_rules::WHY_MAX) {
        return Err(AppError::InvalidFields(vec![e]));
    }
    feedback::soft_delete(db, &row.id, &person_rid(&user.id), reason.trim()).await
}

/// The recipient's row, or why the viewer may not acknowledge or rate it.
async fn as_recipient(db: &Db, user: &CurrentUser, id: &str, own_msg: &str) -> Result<FeedbackRow, AppError> {
    let (row, rel) = readable_as(db, user, id).await?;
    match rel {
        Relation::Recipient => Ok(row),
        Relation::Giver => Err(AppError::Invalid(own_msg.into())),
        _ => Err(AppError::Forbidden),
    }
}

/// Acknowledges feedback received. Idempotent.
pub async fn acknowledge(db: &Db, user: &CurrentUser, id: &str) -> Result<(), AppError> {
    let row = as_recipient(db, user, id, "You can't acknowledge feedback you gave.").await?;
    feedback::acknowledge(db, &row.id).await
}

/// Rates how useful received feedback was (acknowledging it too).
pub async fn rate(db: &Db, user: &CurrentUser, id: &str, rating: u8, why: &str) -> Result<(), AppError> {
    let row = as_recipient(db, user, id, "You can't rate your own feedback.").await?;
    feedback_rules::validate_rating(rating, why).map_err(AppError::InvalidFields)?;
    feedback::rate(db, &row.id, rating, why.trim()).await
}

/// One entry with its corrections and replaced versions.
pub async fn view(db: &Db, user: &CurrentUser, id: &str) -> Result<FeedbackView, AppError> {
    let row = readable(db, user, id).await?;
    let rid = row.id.clone();
    let mut corrections = Vec::new();
    for c in feedback::corrections(db, &rid).await? {
        if can_read(db, user, &c).await? {
            corrections.push(shown(db, user, c).await?);
        }
    }
    let versions = feedback::edits(db, &rid)
        .await?
        .into_iter()
        .map(|e| PastVersion {
            replaced_at: crate::server::repo::short_time(&e.edited_at),
            text: [
                e.before.situation,
                e.before.behaviour,
                e.before.impact,
                e.before.body,
                e.before.suggestion,
            ]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n"),
        })
        .collect();
    Ok(FeedbackView {
        entry: shown(db, user, row).await?,
        corrections,
        versions,
    })
}

/// The viewer's received and given feedback and asks both ways.
pub async fn mine(db: &Db, user: &CurrentUser) -> Result<MyFeedback, AppError> {
    let me = person_rid(&user.id);
    let received = feedback::received(db, &me, LIST_LIMIT).await?;
    let given = feedback::given(db, &me, LIST_LIMIT).await?;
    Ok(MyFeedback {
        received: all_shown(db, user, received).await?,
        given: all_shown(db, user, given).await?,
        asked_by_me: feedback_asks::by_requester(db, &me, LIST_LIMIT)
            .await?
            .into_iter()
            .map(|a| a.wire())
            .collect(),
        asked_of_me: feedback_asks::open_for(db, &me, LIST_LIMIT)
            .await?
            .into_iter()
            .map(|a| a.wire())
            .collect(),
    })
}

/// Feedback a person received that the viewer may read (for managers above them).
pub async fn about(
    db: &Db,
    user: &CurrentUser,
    person: &PersonId,
) -> Result<Vec<crate::feedback::model::FeedbackEntry>, AppError> {
    crate::server::authz::ensure_can_reach(db, user, person).await?;
    let rows = feedback::received(db, &person_rid(person), LIST_LIMIT).await?;
    let mut out = Vec::new();
    for r in rows {
        if can_read(db, user, &r).await? {
            out.push(shown(db, user, r).await?);
        }
    }
    Ok(out)
}

/// Public praise for a team: the viewer's own unless another is named.
pub async fn feed(db: &Db, user: &CurrentUser, unit: Option<String>) -> Result<PraiseFeed, AppError> {
    let unit = match unit.filter(|u| !u.is_empty()) {
        Some(u) if feedback_rules::valid_key(&u) => RecordId::new("org_unit", u.as_str()),
        Some(_) => return Err(AppError::NotFound),
        None => {
            org_chart::placement(db, &person_rid(&user.id))
                .await?
                .ok_or(AppError::NotFound)?
                .unit
        }
    };
    let unit_ref = org_chart::unit_ref(db, &unit).await?.ok_or(AppError::NotFound)?;
    let entries = feedback::feed(db, &unit, LIST_LIMIT).await?;
    Ok(PraiseFeed {
        unit: unit_ref,
        entries: all_shown(db, user, entries).await?,
    })
}

/// Asks colleagues for feedback on a topic.
pub async fn ask(db: &Db, user: &CurrentUser, d: AskDraft) -> Result<(), AppError> {
    feedback_rules::validate_ask(&d.topic, &d.colleagues, &user.id).map_err(AppError::InvalidFields)?;
    for c in &d.colleagues {
        if !people::exists(db, c).await? {
            return Err(AppError::field(
                "colleagues",
                "We couldn't find one of those colleagues.",
            ));
        }
    }
    let asked: Vec<RecordId> = d.colleagues.iter().map(person_rid).collect();
    let keys = feedback_asks::create(db, &person_rid(&user.id), &asked, d.topic.trim()).await?;
    let notes = keys
        .into_iter()
        .map(|(to, ask)| crate::notify::service::Note {
            to,
            kind: crate::notify::model::Kind::FeedbackAsk,
            occasion: format!("ask:{ask}"),
            text: format!("{} asked you for feedback: “{}”", user.name, d.topic.trim()),
            link: format!("/feedback/new?ask={ask}"),
            subject: format!("ask:{ask}"),
        })
        .collect();
    crate::notify::service::tell(db, notes).await;
    Ok(())
}

/// HR's audit of soft-deleted feedback. Private text stays withheld.
pub async fn deletions(db: &Db, user: &CurrentUser) -> Result<Vec<DeletedFeedback>, AppError> {
    crate::server::authz::ensure_hr(user)?;
    let mut out = Vec::new();
    for d in feedback::deletions(db, 100).await? {
        // HR gets no extra reading rights: the text shows only where the
        // auditor could have read the entry before it was deleted.
        let readable = may_read(d.entry.visibility(), relation(db, user, &d.entry).await?);
        let e = d.entry.entry(&user.id);
        let text = [e.situation.as_str(), &e.behaviour, &e.impact, &e.body, &e.suggestion]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        out.push(DeletedFeedback {
            deleted_at: crate::server::repo::short_time(&d.deleted_at),
            deleted_by: d.deleted_by_name,
            reason: d.reason,
            giver: e.giver,
            recipient: e.recipient,
            kind: e.kind,
            visibility: e.visibility,
            written_at: e.written_at,
            text: readable.then_some(text),
        });
    }
    Ok(out)
}
