//! Items synced from the browser's outbox. Each is stored under a key made
//! from its client id, so sending it again (a lost answer, a second tab, a
//! restarted server) finds the stored record and changes nothing.
//! Authorisation is checked now, at sync time, not when it was written.

use crate::capture::model::{
    CaptureContext, CaptureItem, CaptureKr, CapturePayload, CapturePerson, CaptureReceipt, NoteVersion, NoteView,
};
use crate::capture::note_merge::{merge, Merge, Version};
use crate::capture::repo::NoteRow;
use crate::capture::{repo as notes, rules as capture_rules};
use crate::error::AppError;
use crate::feedback::model::FeedbackDraft;
use crate::feedback::service as feedback_service;
use crate::goals::model::{CheckInDraft, KrUpdate};
use crate::goals::service as goal_service;
use crate::server::db::Db;
use crate::server::repo::{db_err, person_rid};
use crate::server::CurrentUser;
use crate::shared::date::Day;
use crate::shared::ids::PersonId;
use crate::shared::uuid7;
use surrealdb::types::RecordId;

/// Stores (or finds) one outbox item for `user`.
pub async fn sync(
    db: &Db,
    user: &CurrentUser,
    item: CaptureItem,
    today: Day,
    now_ms: i64,
) -> Result<CaptureReceipt, AppError> {
    if item.author != user.id.as_str() {
        return Err(AppError::Invalid(
            "This item was written by someone else signed in on this browser, so it can't be sent from your account."
                .into(),
        ));
    }
    capture_rules::validate(&item, today, now_ms).map_err(AppError::InvalidFields)?;
    let key = format!("o{}", uuid7::key(&item.id));
    let stored = match &item.payload {
        CapturePayload::Note { about, text } => sync_note(db, user, &item, &key, about, text).await,
        CapturePayload::Feedback { .. } => sync_feedback(db, user, &item, key, today).await,
        CapturePayload::CheckIn { .. } => sync_check_in(db, user, &item, key, today).await,
    };
    // Page-style refusals read oddly on an item written days ago.
    stored.map_err(|e| match e {
        AppError::Forbidden => AppError::Invalid(
            "You can no longer do this (your role or reporting line may have changed). Edit it or discard it.".into(),
        ),
        AppError::NotFound => {
            AppError::Invalid("What this item refers to no longer exists. Edit it or discard it.".into())
        }
        other => other,
    })
}

/// The person an item is about, if they are still here.
async fn present(db: &Db, raw: &str) -> Result<RecordId, AppError> {
    let id = PersonId::parse(raw.trim()).ok_or_else(|| AppError::field("subject", "We couldn't find that person."))?;
    let rid = person_rid(&id);
    match notes::person_state(db, &rid).await? {
        None => Err(AppError::field("subject", "We couldn't find that person.")),
        Some(p) if p.left_on.is_some() => Err(AppError::field(
            "subject",
            format!(
                "{} has left the company, so this can't be sent. Choose someone else or discard it.",
                p.name
            ),
        )),
        Some(_) => Ok(rid),
    }
}

async fn sync_note(
    db: &Db,
    user: &CurrentUser,
    item: &CaptureItem,
    key: &str,
    about: &str,
    text: &str,
) -> Result<CaptureReceipt, AppError> {
    let rid = RecordId::new("note", key);
    let incoming = NoteRow {
        author: person_rid(&user.id),
        about: present(db, about).await?,
        text: text.trim().to_owned(),
        happened_on: item.happened_on.clone(),
        client_id: item.id.clone(),
        created_at: item.created_at,
        edited_at: item.edited_at,
    };
    // Most sends are new notes: one statement, no read first.
    if notes::try_create(db, &rid, incoming.clone()).await? {
        return Ok(receipt(item, incoming.edited_at, None, true));
    }
    // Two tries: a concurrent send of the same note may win the first.
    for _ in 0..2 {
        let stored = notes::stored(db, &rid).await?;
        if let Some(s) = &stored {
            if s.author != incoming.author {
                return Err(AppError::Invalid("This item's id is already used.".into()));
            }
        }
        let version = |r: &NoteRow| (r.edited_at, r.text.clone());
        let s_v = stored.as_ref().map(version);
        let decision = merge(
            s_v.as_ref().map(|(t, x)| Version { edited_at: *t, text: x }).as_ref(),
            &Version {
                edited_at: incoming.edited_at,
                text: &incoming.text,
            },
        );
        let done = match (decision, &stored) {
            (Merge::Create, _) => notes::create(db, &rid, incoming.clone()).await,
            (Merge::Replace, Some(old)) => notes::replace(db, &rid, old, incoming.clone()).await,
            (Merge::KeepStored, _) => notes::keep_version(db, &rid, incoming.clone()).await,
            _ => Ok(()),
        };
        if done.is_ok() {
            let kept = match (decision, &stored) {
                (Merge::KeepStored, Some(s)) => s.edited_at,
                _ => incoming.edited_at,
            };
            return Ok(receipt(item, kept, None, decision == Merge::Create));
        }
    }
    Err(AppError::internal("note kept changing while it was synced"))
}

fn receipt(item: &CaptureItem, edited_at: i64, link: Option<String>, created: bool) -> CaptureReceipt {
    CaptureReceipt {
        id: item.id.clone(),
        edited_at,
        link,
        created,
    }
}

/// Whether a record with this id exists and was made by `author` (field `by`).
async fn made_by(db: &Db, rid: &RecordId, by_field: &'static str, author: &RecordId) -> Result<Option<bool>, AppError> {
    let sql = match by_field {
        "giver" => "SELECT VALUE giver FROM ONLY $id",
        _ => "SELECT VALUE author FROM ONLY $id",
    };
    let mut res = db.query(sql).bind(("id", rid.clone())).await.map_err(db_err)?;
    let who: Option<RecordId> = res.take(0).map_err(db_err)?;
    Ok(who.map(|w| &w == author))
}

/// Runs `store` unless the record exists; if storing fails because a
/// concurrent send made it meanwhile, that counts as stored.
async fn once<F>(db: &Db, user: &CurrentUser, rid: RecordId, by: &'static str, store: F) -> Result<bool, AppError>
where
    F: std::future::Future<Output = Result<(), AppError>>,
{
    let me = person_rid(&user.id);
    let check = |found: Option<bool>| match found {
        Some(true) => Ok(true),
        Some(false) => Err(AppError::Invalid("This item's id is already used.".into())),
        None => Ok(false),
    };
    if check(made_by(db, &rid, by, &me).await?)? {
        return Ok(false);
    }
    match store.await {
        Ok(()) => Ok(true),
        Err(e) => match check(made_by(db, &rid, by, &me).await?)? {
            true => Ok(false),
            false => Err(e),
        },
    }
}

async fn sync_feedback(
    db: &Db,
    user: &CurrentUser,
    item: &CaptureItem,
    key: String,
    today: Day,
) -> Result<CaptureReceipt, AppError> {
    let CapturePayload::Feedback {
        to,
        feedback_kind,
        visibility,
        text,
    } = &item.payload
    else {
        unreachable!("matched by the caller")
    };
    let rid = RecordId::new("feedback", key.as_str());
    let link = Some(format!("/feedback/{key}"));
    let mut d = FeedbackDraft::blank(to.trim(), today);
    d.kind = *feedback_kind;
    d.visibility = *visibility;
    d.body = text.trim().to_owned();
    // A browser a time zone ahead may already be on tomorrow.
    d.happened_on = match Day::parse(&item.happened_on) {
        Some(day) if day > today => today.to_string(),
        _ => item.happened_on.clone(),
    };
    // The recipient is checked only when the entry is new: a resend of one
    // already stored succeeds even if they have left since.
    let created = once(db, user, rid, "giver", async {
        present(db, to).await?;
        feedback_service::give_keyed(db, user, d, today, key.clone())
            .await
            .map(|_| ())
    })
    .await?;
    Ok(receipt(item, item.edited_at, link, created))
}

async fn sync_check_in(
    db: &Db,
    user: &CurrentUser,
    item: &CaptureItem,
    key: String,
    today: Day,
) -> Result<CaptureReceipt, AppError> {
    let CapturePayload::CheckIn {
        goal,
        kr,
        value,
        confidence,
        note,
    } = &item.payload
    else {
        unreachable!("matched by the caller")
    };
    if crate::goals::model::GoalId::parse(goal.trim()).is_none() {
        return Err(AppError::field("subject", "That goal doesn't exist."));
    }
    let said = value.trim().to_lowercase();
    let done = matches!(said.as_str(), "done" | "yes" | "1" | "true");
    let kind = crate::goals::repo::detail::key_results(db, &RecordId::new("goal", goal.trim()))
        .await?
        .into_iter()
        .find(|k| crate::server::repo::key_of(&k.id) == *kr)
        .map(|k| k.kind());
    let not_done = matches!(said.as_str(), "not done" | "no" | "0" | "false");
    if kind == Some(crate::goals::model::KrKind::Milestone) && !done && !not_done {
        return Err(AppError::field("value", "For a milestone, enter done or not done."));
    }
    let input = CheckInDraft {
        updates: vec![KrUpdate {
            kr: kr.clone(),
            value: value.trim().to_owned(),
            done,
        }],
        note: note.trim().to_owned(),
        confidence: *confidence,
        status: None,
    };
    let rid = RecordId::new("checkin", key.as_str());
    let created = once(db, user, rid, "author", async {
        goal_service::check_in_keyed(db, user, goal.trim(), input, today, key.clone()).await
    })
    .await?;
    Ok(receipt(
        item,
        item.edited_at,
        Some(format!("/goals/{}", goal.trim())),
        created,
    ))
}

/// What the capture page needs offline: people the author works with and
/// the key results of their running goals.
pub async fn context(db: &Db, user: &CurrentUser, today: Day) -> Result<CaptureContext, AppError> {
    use crate::people::repo as people;
    use crate::people::repo::org_chart;
    use crate::server::repo::key_of;
    let me = person_rid(&user.id);
    let mut people_out: Vec<CapturePerson> = Vec::new();
    let mut add = |id: String, name: String, relation: &str| {
        if id != user.id.as_str() && !people_out.iter().any(|p| p.id == id) {
            people_out.push(CapturePerson {
                id,
                name,
                relation: relation.into(),
            });
        }
    };
    for r in people::direct_reports(db, &user.id).await? {
        add(r.id.as_str().into(), r.name, "Reports to you");
    }
    if let Some(m) = org_chart::placement(db, &me).await?.and_then(|p| p.manager) {
        let mid = PersonId::parse(&key_of(&m)).ok_or_else(|| AppError::internal("bad manager key"))?;
        if let Some(s) = people::summary(db, &mid).await? {
            add(s.id.as_str().into(), s.name, "Your manager");
        }
        for mate in people::direct_reports(db, &mid).await? {
            add(mate.id.as_str().into(), mate.name, "Your team");
        }
    }
    let key_results = notes::open_key_results(db, &me, &today.to_string())
        .await?
        .into_iter()
        .map(|k| CaptureKr {
            goal: key_of(&k.goal),
            goal_title: k.goal_title,
            kr: key_of(&k.id),
            current: if k.kind == "milestone" {
                if k.done { "done" } else { "not done" }.into()
            } else {
                crate::goals::rules::format_number(k.current)
            },
            title: k.title,
            unit: k.unit,
        })
        .collect();
    Ok(CaptureContext {
        author: user.id.as_str().into(),
        author_name: user.name.clone(),
        people: people_out,
        key_results,
        today: today.to_string(),
    })
}

/// The author's synced notes, newest edit first, with kept versions.
pub async fn my_notes(db: &Db, user: &CurrentUser) -> Result<Vec<NoteView>, AppError> {
    use crate::server::repo::key_of;
    let rows = notes::mine(db, &person_rid(&user.id), 200).await?;
    Ok(rows
        .into_iter()
        .map(|r| NoteView {
            item: CaptureItem {
                id: r.client_id,
                author: user.id.as_str().into(),
                created_at: r.created_at,
                edited_at: r.edited_at,
                happened_on: r.happened_on,
                payload: CapturePayload::Note {
                    about: key_of(&r.about),
                    text: r.text,
                },
            },
            about_name: r.about_name,
            versions: r
                .versions
                .into_iter()
                .map(|v| NoteVersion {
                    text: v.text,
                    edited_at: v.edited_at,
                })
                .collect(),
        })
        .collect())
}
