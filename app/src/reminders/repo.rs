//! What the reminder scan reads: HR's settings, and everything open that a
//! rule may fire on, each in one query over the whole organisation.

use crate::error::AppError;
use crate::reminders::model::Rules;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec};
use surrealdb::types::{Datetime, RecordId, SurrealValue};

#[derive(Debug, Clone, SurrealValue)]
struct RulesRow {
    checkin_first: Option<i64>,
    checkin_second: Option<i64>,
    checkin_escalate: Option<i64>,
    review_first: Option<i64>,
    review_second: Option<i64>,
    review_hr_after: Option<i64>,
    ask_days: Option<i64>,
    one_on_one_agenda: Option<bool>,
    perception_opens: Option<bool>,
}

fn days(v: Option<i64>, default: u32) -> u32 {
    v.and_then(|n| u32::try_from(n).ok()).unwrap_or(default)
}

/// HR's settings, defaults where none were saved.
pub async fn rules(db: &Db) -> Result<Rules, AppError> {
    let mut res = db
        .query("SELECT VALUE rules FROM ONLY reminder_settings:org")
        .await
        .map_err(db_err)?;
    let row: Option<RulesRow> = res.take(0).map_err(db_err)?;
    let d = Rules::default();
    Ok(match row {
        None => d,
        Some(r) => Rules {
            checkin_first: days(r.checkin_first, d.checkin_first),
            checkin_second: days(r.checkin_second, d.checkin_second),
            checkin_escalate: days(r.checkin_escalate, d.checkin_escalate),
            review_first: days(r.review_first, d.review_first),
            review_second: days(r.review_second, d.review_second),
            review_hr_after: days(r.review_hr_after, d.review_hr_after),
            ask_days: days(r.ask_days, d.ask_days),
            one_on_one_agenda: r.one_on_one_agenda.unwrap_or(d.one_on_one_agenda),
            perception_opens: r.perception_opens.unwrap_or(d.perception_opens),
        },
    })
}

/// Saves HR's settings.
pub async fn save_rules(db: &Db, r: Rules, by: &RecordId) -> Result<(), AppError> {
    let row = RulesRow {
        checkin_first: Some(r.checkin_first.into()),
        checkin_second: Some(r.checkin_second.into()),
        checkin_escalate: Some(r.checkin_escalate.into()),
        review_first: Some(r.review_first.into()),
        review_second: Some(r.review_second.into()),
        review_hr_after: Some(r.review_hr_after.into()),
        ask_days: Some(r.ask_days.into()),
        one_on_one_agenda: Some(r.one_on_one_agenda),
        perception_opens: Some(r.perception_opens),
    };
    exec(
        db.query(
            "UPSERT reminder_settings:org SET rules = $rules, updated_by = $by, updated_at = time::now() RETURN NONE",
        )
        .bind(("rules", row))
        .bind(("by", by.clone())),
    )
    .await
}

#[derive(Debug, Clone, SurrealValue)]
pub struct GoalFact {
    pub id: RecordId,
    pub title: String,
    pub owner: RecordId,
    pub owner_name: String,
    pub manager: Option<RecordId>,
    pub last_checkin: Option<String>,
    pub created_at: Datetime,
}

#[derive(Debug, Clone, SurrealValue)]
pub struct ReviewFact {
    pub cycle: RecordId,
    pub ratee: RecordId,
    pub ratee_name: String,
    pub reviewer: RecordId,
    pub reviewer_name: String,
    pub manager: Option<RecordId>,
    pub kind: String,
    pub due: String,
}

#[derive(Debug, Clone, SurrealValue)]
pub struct AskFact {
    pub id: RecordId,
    pub asked: RecordId,
    pub requester_name: String,
    pub topic: String,
    pub created_at: Datetime,
}

#[derive(Debug, Clone, SurrealValue)]
pub struct MeetingFact {
    pub series: RecordId,
    pub manager: RecordId,
    pub manager_name: String,
    pub report: RecordId,
    pub report_name: String,
    pub open_items: i64,
}

/// Everything open a rule may fire on, as of `today` ('YYYY-MM-DD').
pub struct Facts {
    pub goals: Vec<GoalFact>,
    pub reviews: Vec<ReviewFact>,
    pub asks: Vec<AskFact>,
    pub meetings: Vec<MeetingFact>,
    /// Everyone with a manager or a report (the feedback check asks them).
    pub in_chart: Vec<RecordId>,
    pub hr: Vec<RecordId>,
}

/// Reads the facts. `horizon` is the last due date a review reminder can
/// fire for; `tomorrow` the day of the 1:1s to look at.
pub async fn facts(db: &Db, today: &str, horizon: &str, tomorrow: &str, ask_days: u32) -> Result<Facts, AppError> {
    let mut res = db
        .query(
            "SELECT id, title, owner, owner.name AS owner_name, (owner->reports_to->person)[0] AS manager,
                    last_checkin, created_at
                FROM goal WHERE period_start <= $today AND period_end >= $today
                AND status NOT IN ['done', 'abandoned'] AND owner.left_on = NONE;
             SELECT cycle, ratee, ratee.name AS ratee_name, reviewer, reviewer.name AS reviewer_name,
                    (reviewer->reports_to->person)[0] AS manager, kind, due
                FROM review WHERE status = 'draft' AND due != NONE AND due <= $horizon
                AND cycle.source = 'tend' AND reviewer.left_on = NONE;
             SELECT id, asked, requester.name AS requester_name, topic, created_at FROM feedback_ask
                WHERE answer = NONE AND created_at <= time::now() - $ask_age AND created_at > time::now() - 60d;
             SELECT series, series.manager AS manager, series.manager.name AS manager_name,
                    series.report AS report, series.report.name AS report_name,
                    count(SELECT id FROM agenda_item WHERE meeting = $parent.id AND done = false) AS open_items
                FROM meeting WHERE day = $tomorrow AND held_at = NONE;
             SELECT VALUE in FROM reports_to;
             SELECT VALUE out FROM reports_to;
             SELECT VALUE id FROM person WHERE is_hr = true AND left_on = NONE;",
        )
        .bind(("today", today.to_owned()))
        .bind(("horizon", horizon.to_owned()))
        .bind(("tomorrow", tomorrow.to_owned()))
        .bind((
            "ask_age",
            surrealdb::types::Duration::from_secs(u64::from(ask_days.max(1)) * 86_400),
        ))
        .await
        .map_err(db_err)?;
    Ok(Facts {
        goals: res.take(0).map_err(db_err)?,
        reviews: res.take(1).map_err(db_err)?,
        asks: res.take(2).map_err(db_err)?,
        meetings: res.take(3).map_err(db_err)?,
        // Joined here: the database caps one array at 1 MiB, which the
        // reporting lines of 10,000 people pass.
        in_chart: {
            let mut people: Vec<RecordId> = res.take(4).map_err(db_err)?;
            people.extend(res.take::<Vec<RecordId>>(5).map_err(db_err)?);
            people.sort_by_key(crate::server::repo::key_of);
            people.dedup();
            people
        },
        hr: res.take(6).map_err(db_err)?,
    })
}
