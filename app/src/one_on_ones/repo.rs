//! 1:1 series, their meetings, shared agendas, private notes and action
//! items. Completing a meeting opens the next and moves open agenda items to
//! it, in one transaction.

pub mod coaching;

use crate::error::AppError;
use crate::one_on_ones::model::{ActionItem, AgendaItem, MeetingView};
use crate::people::model::OwnerRef;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec, exec_retrying, key_of};
use crate::shared::date::Day;
use crate::shared::ids::PersonId;
use surrealdb::types::{RecordId, SurrealValue};

#[derive(Debug, Clone, SurrealValue)]
pub struct SeriesRow {
    pub id: RecordId,
    pub manager: RecordId,
    pub manager_name: String,
    pub report: RecordId,
    pub report_name: String,
    pub cadence_days: i64,
    pub next_on: Option<String>,
}

macro_rules! series_fields {
    () => {
        "id, manager, manager.name AS manager_name, report, report.name AS report_name, cadence_days,
         (SELECT VALUE day FROM meeting WHERE series = $parent.id AND held_at = NONE ORDER BY day LIMIT 1)[0] AS next_on"
    };
}

pub fn person_ref(id: &RecordId, name: &str) -> OwnerRef {
    OwnerRef {
        id: PersonId::parse(&key_of(id)).unwrap_or_else(|| PersonId::parse("unknown").expect("static")),
        name: name.to_owned(),
    }
}

fn day(s: &str) -> Day {
    Day::parse(s).unwrap_or_else(|| Day::parse("1970-01-01").expect("static"))
}

/// Starts a series with its first meeting.
pub async fn create(
    db: &Db,
    manager: &RecordId,
    report: &RecordId,
    cadence: u32,
    first: Day,
) -> Result<String, AppError> {
    let key = crate::server::repo::new_key("o");
    let id = RecordId::new("one_on_one", key.as_str());
    exec(
        db.query(
            "BEGIN TRANSACTION;
             CREATE $id CONTENT { manager: $manager, report: $report, cadence_days: $cadence };
             CREATE meeting CONTENT { series: $id, day: $first };
             COMMIT TRANSACTION;",
        )
        .bind(("id", id))
        .bind(("manager", manager.clone()))
        .bind(("report", report.clone()))
        .bind(("cadence", i64::from(cadence)))
        .bind(("first", first.to_string())),
    )
    .await?;
    Ok(key)
}

pub async fn get(db: &Db, id: &RecordId) -> Result<Option<SeriesRow>, AppError> {
    let sql = concat!("SELECT ", series_fields!(), " FROM ONLY $id");
    let mut res = db.query(sql).bind(("id", id.clone())).await.map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// Every series a person is in, as manager or report.
pub async fn for_person(db: &Db, person: &RecordId) -> Result<Vec<SeriesRow>, AppError> {
    let sql = concat!(
        "SELECT ",
        series_fields!(),
        " FROM one_on_one WHERE manager = $p ORDER BY report_name;
         SELECT ",
        series_fields!(),
        " FROM one_on_one WHERE report = $p;"
    );
    let mut res = db.query(sql).bind(("p", person.clone())).await.map_err(db_err)?;
    let mut rows: Vec<SeriesRow> = res.take(0).map_err(db_err)?;
    let as_report: Vec<SeriesRow> = res.take(1).map_err(db_err)?;
    rows.extend(as_report);
    Ok(rows)
}

#[derive(Debug, Clone, SurrealValue)]
struct MeetingRow {
    id: RecordId,
    day: String,
    held: bool,
}

#[derive(Debug, Clone, SurrealValue)]
struct AgendaRow {
    id: RecordId,
    meeting: RecordId,
    text: String,
    added_by_name: String,
    done: bool,
    carried: i64,
}

/// The open meeting and up to `past` held ones (newest first), with agendas.
pub async fn meetings(
    db: &Db,
    series: &RecordId,
    past: u32,
) -> Result<(Option<MeetingView>, Vec<MeetingView>), AppError> {
    let mut res = db
        .query(
            "SELECT id, day, false AS held FROM meeting WHERE series = $s AND held_at = NONE ORDER BY day LIMIT 1;
             SELECT id, day, true AS held FROM meeting WHERE series = $s AND held_at != NONE ORDER BY day DESC LIMIT $past;",
        )
        .bind(("s", series.clone()))
        .bind(("past", i64::from(past)))
        .await
        .map_err(db_err)?;
    let open: Vec<MeetingRow> = res.take(0).map_err(db_err)?;
    let held: Vec<MeetingRow> = res.take(1).map_err(db_err)?;
    let ids: Vec<RecordId> = open.iter().chain(&held).map(|m| m.id.clone()).collect();
    let mut res = db
        .query(
            "SELECT id, meeting, text, added_by.name AS added_by_name, done, carried FROM agenda_item
             WHERE meeting IN $ids ORDER BY created_at",
        )
        .bind(("ids", ids))
        .await
        .map_err(db_err)?;
    let items: Vec<AgendaRow> = res.take(0).map_err(db_err)?;
    let view = |m: MeetingRow| MeetingView {
        id: key_of(&m.id),
        day: day(&m.day),
        held: m.held,
        agenda: items
            .iter()
            .filter(|i| i.meeting == m.id)
            .map(|i| AgendaItem {
                id: key_of(&i.id),
                text: i.text.clone(),
                added_by: i.added_by_name.clone(),
                done: i.done,
                carried: i.carried.max(0) as u32,
            })
            .collect(),
    };
    Ok((open.into_iter().next().map(view), held.into_iter().map(view).collect()))
}

/// The series' open meeting and its day, without its agenda.
pub async fn open_meeting(db: &Db, series: &RecordId) -> Result<Option<(RecordId, Day)>, AppError> {
    let mut res = db
        .query("SELECT id, day, false AS held FROM meeting WHERE series = $s AND held_at = NONE ORDER BY day LIMIT 1")
        .bind(("s", series.clone()))
        .await
        .map_err(db_err)?;
    let rows: Vec<MeetingRow> = res.take(0).map_err(db_err)?;
    Ok(rows.into_iter().next().map(|m| (m.id, day(&m.day))))
}

pub async fn add_agenda_item(
    db: &Db,
    series: &RecordId,
    meeting: &RecordId,
    text: &str,
    by: &RecordId,
) -> Result<(), AppError> {
    exec(
        db.query("CREATE agenda_item CONTENT { series: $s, meeting: $m, text: $text, added_by: $by }")
            .bind(("s", series.clone()))
            .bind(("m", meeting.clone()))
            .bind(("text", text.to_owned()))
            .bind(("by", by.clone())),
    )
    .await
}

/// The series an agenda item, action item or meeting belongs to.
pub async fn series_of(db: &Db, thing: &RecordId) -> Result<Option<RecordId>, AppError> {
    let mut res = db
        .query("RETURN $t.series")
        .bind(("t", thing.clone()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

pub async fn set_done(db: &Db, thing: &RecordId, done: bool) -> Result<(), AppError> {
    exec_retrying(|| {
        db.query("UPDATE $t SET done = $done")
            .bind(("t", thing.clone()))
            .bind(("done", done))
    })
    .await
}

fn note_id(meeting: &RecordId, author: &RecordId) -> RecordId {
    RecordId::new("meeting_note", format!("{}__{}", key_of(meeting), key_of(author)))
}

/// The author's private note on a meeting.
pub async fn note(db: &Db, meeting: &RecordId, author: &RecordId) -> Result<String, AppError> {
    let mut res = db
        .query("SELECT VALUE text FROM ONLY $id")
        .bind(("id", note_id(meeting, author)))
        .await
        .map_err(db_err)?;
    let text: Option<String> = res.take(0).map_err(db_err)?;
    Ok(text.unwrap_or_default())
}

pub async fn save_note(db: &Db, meeting: &RecordId, author: &RecordId, text: &str) -> Result<(), AppError> {
    exec(
        db.query("UPSERT $id CONTENT { meeting: $m, author: $a, text: $text, updated_at: time::now() }")
            .bind(("id", note_id(meeting, author)))
            .bind(("m", meeting.clone()))
            .bind(("a", author.clone()))
            .bind(("text", text.to_owned())),
    )
    .await
}

#[derive(Debug, Clone, SurrealValue)]
struct ActionRow {
    id: RecordId,
    text: String,
    owner: RecordId,
    owner_name: String,
    due: String,
    done: bool,
}

/// Action items, open ones first, by due date.
pub async fn actions(db: &Db, series: &RecordId) -> Result<Vec<ActionItem>, AppError> {
    let mut res = db
        .query(
            "SELECT id, text, owner, owner.name AS owner_name, due, done FROM action_item WHERE series = $s
             ORDER BY done, due LIMIT 100",
        )
        .bind(("s", series.clone()))
        .await
        .map_err(db_err)?;
    let rows: Vec<ActionRow> = res.take(0).map_err(db_err)?;
    Ok(rows
        .into_iter()
        .map(|r| ActionItem {
            id: key_of(&r.id),
            owner: person_ref(&r.owner, &r.owner_name),
            text: r.text,
            due: day(&r.due),
            done: r.done,
        })
        .collect())
}

pub async fn add_action(
    db: &Db,
    series: &RecordId,
    meeting: &RecordId,
    text: &str,
    owner: &RecordId,
    due: Day,
    by: &RecordId,
) -> Result<(), AppError> {
    exec_retrying(|| {
        db.query("CREATE action_item CONTENT { series: $s, meeting: $m, text: $text, owner: $o, due: $due, created_by: $by }")
            .bind(("s", series.clone()))
            .bind(("m", meeting.clone()))
            .bind(("text", text.to_owned()))
            .bind(("o", owner.clone()))
            .bind(("due", due.to_string()))
            .bind(("by", by.clone()))
    })
    .await
}

/// Marks the open meeting held, opens the next on `next`, and moves its
/// unfinished agenda items there. Fails if `meeting` is no longer open.
pub async fn complete(db: &Db, series: &RecordId, meeting: &RecordId, next: Day) -> Result<(), AppError> {
    exec_retrying(|| {
        db.query(
            "BEGIN TRANSACTION;
             IF $m.held_at != NONE { THROW 'already held' };
             UPDATE $m SET held_at = time::now();
             LET $next = (CREATE ONLY meeting CONTENT { series: $s, day: $next_day });
             UPDATE agenda_item SET meeting = $next.id, carried += 1 WHERE meeting = $m AND done = false;
             COMMIT TRANSACTION;",
        )
        .bind(("s", series.clone()))
        .bind(("m", meeting.clone()))
        .bind(("next_day", next.to_string()))
    })
    .await
}
