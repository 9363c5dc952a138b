//! 1:1s and coaching records. A 1:1 belongs to its two people only: nobody
//! else, HR admins included, opens it. Private notes are the author's alone.

use super::repo::coaching;
use crate::error::{AppError, FieldError};
use crate::feedback::rules::{check_text, valid_key};
use crate::one_on_ones::model::{CoachingDraft, OneOnOneList, OneOnOneSummary, OneOnOneView};
use crate::one_on_ones::repo as one_on_ones;
use crate::one_on_ones::repo::{person_ref, SeriesRow};
use crate::people::repo as people;
use crate::server::db::Db;
use crate::server::repo::{key_of, person_rid};
use crate::server::CurrentUser;
use crate::shared::date::Day;
use crate::shared::ids::PersonId;
use surrealdb::types::RecordId;

pub const CADENCES: [u32; 3] = [7, 14, 28];
const ITEM_MAX: usize = 500;
const NOTE_MAX: usize = 4_000;

fn rid(table: &str, key: &str) -> Result<RecordId, AppError> {
    valid_key(key)
        .then(|| RecordId::new(table, key))
        .ok_or(AppError::NotFound)
}

fn summary(r: &SeriesRow) -> OneOnOneSummary {
    OneOnOneSummary {
        id: key_of(&r.id),
        manager: person_ref(&r.manager, &r.manager_name),
        report: person_ref(&r.report, &r.report_name),
        cadence_days: r.cadence_days.max(0) as u32,
        next_on: r.next_on.as_deref().and_then(Day::parse),
    }
}

/// The series, if the viewer is one of its two people.
async fn party(db: &Db, user: &CurrentUser, series: &str) -> Result<SeriesRow, AppError> {
    let row = one_on_ones::get(db, &rid("one_on_one", series)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let me = person_rid(&user.id);
    if row.manager == me || row.report == me {
        Ok(row)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The series something (agenda item, action item, meeting) belongs to, if the viewer is a party.
async fn party_of(db: &Db, user: &CurrentUser, table: &str, key: &str) -> Result<(RecordId, SeriesRow), AppError> {
    let thing = rid(table, key)?;
    let series = one_on_ones::series_of(db, &thing).await?.ok_or(AppError::NotFound)?;
    let row = party(db, user, &key_of(&series)).await?;
    Ok((thing, row))
}

fn text_field(field: &str, text: &str, max: usize, empty_msg: &str) -> Result<String, AppError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(AppError::field(field, empty_msg));
    }
    match check_text(field, t, max) {
        Some(e) => Err(AppError::InvalidFields(vec![e])),
        None => Ok(t.to_owned()),
    }
}

pub async fn list(db: &Db, user: &CurrentUser) -> Result<OneOnOneList, AppError> {
    let rows = one_on_ones::for_person(db, &person_rid(&user.id)).await?;
    let series: Vec<OneOnOneSummary> = rows.iter().map(summary).collect();
    let can_start = people::direct_reports(db, &user.id)
        .await?
        .into_iter()
        .filter(|r| !series.iter().any(|s| s.report.id == r.id))
        .map(|r| crate::people::model::OwnerRef { id: r.id, name: r.name })
        .collect();
    Ok(OneOnOneList { series, can_start })
}

/// A manager starts recurring 1:1s with a direct report.
pub async fn start(
    db: &Db,
    user: &CurrentUser,
    report: &str,
    cadence: u32,
    first: &str,
    today: Day,
) -> Result<String, AppError> {
    let report =
        PersonId::parse(report).ok_or_else(|| AppError::field("report", "Choose one of your direct reports."))?;
    let reports = people::direct_reports(db, &user.id).await?;
    if !reports.iter().any(|r| r.id == report) {
        return Err(AppError::field(
            "report",
            "1:1s are between a manager and a direct report.",
        ));
    }
    if !CADENCES.contains(&cadence) {
        return Err(AppError::field(
            "cadence",
            "Meet weekly, every two weeks or every four weeks.",
        ));
    }
    let first = match Day::parse(first) {
        Some(d) if d >= today && today.days_until(d) <= 90 => d,
        Some(_) => return Err(AppError::field("first", "Choose a first meeting in the next 90 days.")),
        None => return Err(AppError::field("first", "Enter the date of the first meeting.")),
    };
    let (me, them) = (person_rid(&user.id), person_rid(&report));
    if one_on_ones::for_person(db, &me).await?.iter().any(|s| s.report == them) {
        return Err(AppError::field("report", "You already have 1:1s with this person."));
    }
    one_on_ones::create(db, &me, &them, cadence, first).await
}

/// The 1:1 page for one of its two people.
pub async fn view(db: &Db, user: &CurrentUser, series: &str) -> Result<OneOnOneView, AppError> {
    let row = party(db, user, series).await?;
    let (current, past) = one_on_ones::meetings(db, &row.id, 12).await?;
    let current = current.ok_or_else(|| AppError::internal("1:1 series without an open meeting"))?;
    let me = person_rid(&user.id);
    let my_note = one_on_ones::note(db, &rid("meeting", &current.id)?, &me).await?;
    Ok(OneOnOneView {
        id: key_of(&row.id),
        manager: person_ref(&row.manager, &row.manager_name),
        report: person_ref(&row.report, &row.report_name),
        cadence_days: row.cadence_days.max(0) as u32,
        my_note,
        actions: one_on_ones::actions(db, &row.id).await?,
        coaching: coaching::about(db, &row.report, 20)
            .await?
            .into_iter()
            .filter(|c| person_rid(&c.coach.id) == row.manager)
            .collect(),
        viewer_is_manager: row.manager == me,
        current,
        past,
    })
}

async fn open_meeting(db: &Db, row: &SeriesRow) -> Result<(RecordId, Day), AppError> {
    one_on_ones::open_meeting(db, &row.id)
        .await?
        .ok_or_else(|| AppError::internal("1:1 series without an open meeting"))
}

pub async fn add_agenda_item(db: &Db, user: &CurrentUser, series: &str, text: &str) -> Result<(), AppError> {
    let row = party(db, user, series).await?;
    let text = text_field("agenda", text, ITEM_MAX, "Write the topic you'd like to discuss.")?;
    let (meeting, _) = open_meeting(db, &row).await?;
    one_on_ones::add_agenda_item(db, &row.id, &meeting, &text, &person_rid(&user.id)).await?;
    // The other person hears of it; an @mention of them is told as a mention.
    // Only the two people in a 1:1 can read its agenda, so nobody else is told.
    let me = person_rid(&user.id);
    let (other, other_name) = if row.manager == me {
        (&row.report, &row.report_name)
    } else {
        (&row.manager, &row.manager_name)
    };
    let mentioned = crate::notify::rules::mentions(&text, other_name);
    let (kind, what) = if mentioned {
        (crate::notify::model::Kind::Mention, "mentioned you in your 1:1 agenda")
    } else {
        (crate::notify::model::Kind::AgendaItem, "added to your 1:1 agenda")
    };
    let series_key = crate::server::repo::key_of(&row.id);
    crate::notify::service::tell(
        db,
        vec![crate::notify::service::Note {
            to: other.clone(),
            kind,
            occasion: format!("agenda:{series_key}:{}", crate::server::repo::new_key("i")),
            text: format!("{} {what}: “{text}”", user.name),
            link: format!("/one-on-ones/{series_key}"),
            subject: format!("oneonone:{series_key}"),
        }],
    )
    .await;
    Ok(())
}

pub async fn set_agenda_done(db: &Db, user: &CurrentUser, item: &str, done: bool) -> Result<(), AppError> {
    let (thing, _) = party_of(db, user, "agenda_item", item).await?;
    one_on_ones::set_done(db, &thing, done).await
}

pub async fn set_action_done(db: &Db, user: &CurrentUser, item: &str, done: bool) -> Result<(), AppError> {
    let (thing, _) = party_of(db, user, "action_item", item).await?;
    one_on_ones::set_done(db, &thing, done).await
}

/// Saves the viewer's own private note on the open meeting.
pub async fn save_note(db: &Db, user: &CurrentUser, series: &str, text: &str) -> Result<(), AppError> {
    let row = party(db, user, series).await?;
    if let Some(e) = check_text("note", text, NOTE_MAX) {
        return Err(AppError::InvalidFields(vec![e]));
    }
    let (meeting, _) = open_meeting(db, &row).await?;
    one_on_ones::save_note(db, &meeting, &person_rid(&user.id), text.trim()).await
}

pub async fn add_action(
    db: &Db,
    user: &CurrentUser,
    series: &str,
    text: &str,
    owner: &str,
    due: &str,
    today: Day,
) -> Result<(), AppError> {
    let row = party(db, user, series).await?;
    let text = text_field("action", text, ITEM_MAX, "Write what will be done.")?;
    let owner = PersonId::parse(owner).map(|p| person_rid(&p));
    let owner = match owner {
        Some(o) if o == row.manager || o == row.report => o,
        _ => {
            return Err(AppError::field(
                "owner",
                "An action belongs to one of the two people in this 1:1.",
            ))
        }
    };
    let due = match Day::parse(due) {
        Some(d) if d >= today => d,
        Some(_) => return Err(AppError::field("due", "The due date has already passed.")),
        None => return Err(AppError::field("due", "Enter a due date.")),
    };
    let (meeting, _) = open_meeting(db, &row).await?;
    one_on_ones::add_action(db, &row.id, &meeting, &text, &owner, due, &person_rid(&user.id)).await
}

/// Closes the open meeting and opens the next, carrying open agenda items.
pub async fn complete(db: &Db, user: &CurrentUser, series: &str, today: Day) -> Result<(), AppError> {
    let row = party(db, user, series).await?;
    let (meeting, day) = open_meeting(db, &row).await?;
    let cadence = row.cadence_days.max(1) as i32;
    let mut next = day.plus_days(cadence);
    if next <= today {
        next = today.plus_days(cadence);
    }
    one_on_ones::complete(db, &row.id, &meeting, next)
        .await
        .map_err(|_| AppError::Invalid("This meeting was already marked as held. Reload to see the next one.".into()))
}

/// Records a coaching conversation. The coach must be above the person.
pub async fn record_coaching(db: &Db, user: &CurrentUser, d: CoachingDraft, today: Day) -> Result<(), AppError> {
    let person =
        PersonId::parse(d.person.trim()).ok_or_else(|| AppError::field("person", "Choose who you coached."))?;
    if person == user.id {
        return Err(AppError::field("person", "A coaching record is about someone else."));
    }
    if !people::exists(db, &person).await? {
        return Err(AppError::field("person", "We couldn't find that person."));
    }
    if !people::is_above(db, &user.id, &person).await? {
        return Err(AppError::Forbidden);
    }
    let mut errors: Vec<FieldError> = Vec::new();
    if d.topic.trim().is_empty() {
        errors.push(FieldError {
            field: "topic".into(),
            message: "Name the topic of the conversation.".into(),
        });
    }
    errors.extend(check_text("topic", &d.topic, 200));
    errors.extend(check_text("agreed", &d.agreed, 2_000));
    let happened = Day::parse(&d.happened_on);
    match happened {
        Some(h) if h <= today => {}
        Some(_) => errors.push(FieldError {
            field: "happened_on".into(),
            message: "That date is in the future.".into(),
        }),
        None => errors.push(FieldError {
            field: "happened_on".into(),
            message: "Enter the date of the conversation.".into(),
        }),
    }
    let follow_up = match d.follow_up.trim() {
        "" => None,
        raw => match Day::parse(raw) {
            Some(f) if happened.is_none_or(|h| f >= h) => Some(f.to_string()),
            _ => {
                errors.push(FieldError {
                    field: "follow_up".into(),
                    message: "Choose a follow-up date after the conversation.".into(),
                });
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(AppError::InvalidFields(errors));
    }
    coaching::create(
        db,
        coaching::NewCoaching {
            coach: person_rid(&user.id),
            person: person_rid(&person),
            topic: d.topic.trim().into(),
            agreed: d.agreed.trim().into(),
            follow_up,
            happened_on: happened.map(|h| h.to_string()).unwrap_or_default(),
        },
    )
    .await
}
