//! Reading goals, key results, check-ins and history. Every list is found by
//! an index (owner, parent, unit, level), never by scanning all goals.

use super::{db_err, key_of};
use crate::domain::date::{Day, Quarter};
use crate::error::AppError;
use crate::model::{
    CheckIn, GoalEvent, GoalId, GoalSummary, KeyResult, KrChange, KrKind, Level, OwnerRef, PersonId, ReviewRecord,
    Status, Visibility,
};
use crate::ssr::db::Db;
use surrealdb::types::{Datetime, RecordId, SurrealValue};

/// A goal as lists show it, plus what permission checks need.
#[derive(Debug, Clone, SurrealValue)]
pub struct GoalRow {
    pub id: RecordId,
    pub title: String,
    pub level: String,
    pub unit: RecordId,
    pub unit_name: String,
    pub owner: RecordId,
    pub owner_name: String,
    pub status: String,
    pub progress: f64,
    pub quarter: Option<String>,
    pub period_start: String,
    pub period_end: String,
    pub due: Option<String>,
    pub child_count: i64,
    pub visibility: String,
    pub last_checkin: Option<String>,
    pub parent: Option<RecordId>,
    pub status_overridden: bool,
    pub last_confidence: Option<i64>,
}

// One compile-time literal per query: field lists are macros, never runtime text.
macro_rules! goal_fields {
    () => {
        "id, title, level, unit, unit.name AS unit_name, owner, owner.name AS owner_name, status, progress, quarter,
         period_start, period_end, due, child_count, visibility, last_checkin, parent, status_overridden, last_confidence"
    };
}

impl GoalRow {
    pub fn level(&self) -> Level {
        Level::parse(&self.level).unwrap_or(Level::Person)
    }

    pub fn visibility(&self) -> Visibility {
        Visibility::parse(&self.visibility).unwrap_or(Visibility::Chain)
    }

    pub fn owner_id(&self) -> Option<PersonId> {
        PersonId::parse(&key_of(&self.owner))
    }

    pub fn goal_id(&self) -> GoalId {
        GoalId::parse(&key_of(&self.id)).unwrap_or_else(|| GoalId::parse("invalid").expect("static id"))
    }

    pub fn start(&self) -> Day {
        Day::parse(&self.period_start).unwrap_or_else(|| Day::parse("1970-01-01").expect("static"))
    }

    pub fn end(&self) -> Day {
        Day::parse(&self.period_end).unwrap_or_else(|| self.start())
    }

    /// The status to show today: a person's choice if they made one, otherwise
    /// the suggestion recomputed for today, so lists never show a status the
    /// calendar has overtaken.
    pub fn status_today(&self, today: Day) -> Status {
        let stored = Status::parse(&self.status).unwrap_or(Status::OnTrack);
        if self.status_overridden {
            return stored;
        }
        let elapsed = crate::domain::status::elapsed(self.start(), self.end(), today);
        let confidence = self.last_confidence.map(|c| c.clamp(1, 10) as u8);
        crate::domain::status::suggest(self.progress, elapsed, confidence).status
    }

    pub fn period_label(&self) -> String {
        match self.quarter.as_deref().and_then(Quarter::parse) {
            Some(q) => q.label(),
            None => format!("{} – {}", self.period_start, self.period_end),
        }
    }
}

impl From<GoalRow> for GoalSummary {
    fn from(r: GoalRow) -> Self {
        let status = r.status_today(Day::today());
        GoalSummary {
            id: r.goal_id(),
            level: r.level(),
            visibility: r.visibility(),
            period: r.period_label(),
            owner: OwnerRef {
                id: r
                    .owner_id()
                    .unwrap_or_else(|| PersonId::parse("invalid").expect("static id")),
                name: r.owner_name,
            },
            title: r.title,
            unit_name: r.unit_name,
            status,
            progress: r.progress.clamp(0.0, 1.0),
            due: r.due.as_deref().and_then(Day::parse),
            has_children: r.child_count > 0,
            last_checkin: r.last_checkin.as_deref().and_then(Day::parse),
        }
    }
}

/// One goal's list row.
pub async fn row(db: &Db, id: &RecordId) -> Result<Option<GoalRow>, AppError> {
    let sql = concat!("SELECT ", goal_fields!(), " FROM ONLY $id");
    let mut res = db.query(sql).bind(("id", id.clone())).await.map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// Goals aligned directly to `parent`.
pub async fn children(db: &Db, parent: &RecordId) -> Result<Vec<GoalRow>, AppError> {
    let sql = concat!(
        "SELECT ",
        goal_fields!(),
        " FROM goal WHERE parent = $parent ORDER BY level, title"
    );
    let mut res = db.query(sql).bind(("parent", parent.clone())).await.map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// Goals aligned to any of `parents`, for loading two tree levels at once.
pub async fn children_of_all(db: &Db, parents: Vec<RecordId>) -> Result<Vec<GoalRow>, AppError> {
    let sql = concat!(
        "SELECT ",
        goal_fields!(),
        " FROM goal WHERE parent IN $parents ORDER BY level, title"
    );
    let mut res = db.query(sql).bind(("parents", parents)).await.map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// Tree roots overlapping `start..=end`: company goals and unit goals aligned to nothing.
pub async fn roots(db: &Db, start: Day, end: Day) -> Result<Vec<GoalRow>, AppError> {
    let sql = concat!(
        "SELECT ",
        goal_fields!(),
        " FROM goal WHERE parent = NONE AND level != 'person' AND period_start <= $end AND period_end >= $start
          ORDER BY level, title"
    );
    let mut res = db
        .query(sql)
        .bind(("start", start.to_string()))
        .bind(("end", end.to_string()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// Goals owned by any of `owners` whose period overlaps `start..=end`.
pub async fn owned_by(db: &Db, owners: Vec<RecordId>, start: Day, end: Day) -> Result<Vec<GoalRow>, AppError> {
    let sql = concat!(
        "SELECT ",
        goal_fields!(),
        " FROM goal WHERE owner IN $owners AND period_start <= $end AND period_end >= $start
          ORDER BY period_end DESC, title"
    );
    let mut res = db
        .query(sql)
        .bind(("owners", owners))
        .bind(("start", start.to_string()))
        .bind(("end", end.to_string()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// Company goals and the unit goals of `units`, overlapping `start..=end`:
/// what a goal in one of those units may align to.
pub async fn unit_goals(db: &Db, units: Vec<RecordId>, start: Day, end: Day) -> Result<Vec<GoalRow>, AppError> {
    let sql = concat!(
        "SELECT ",
        goal_fields!(),
        " FROM goal WHERE unit IN $units AND level != 'person' AND period_start <= $end AND period_end >= $start
          ORDER BY level, title"
    );
    let mut res = db
        .query(sql)
        .bind(("units", units))
        .bind(("start", start.to_string()))
        .bind(("end", end.to_string()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// Goals in a period whose title has words starting with every word of
/// `needle`, or whose owner's name contains it; at most `limit` rows.
pub async fn search(db: &Db, needle: &str, start: Day, end: Day, limit: u32) -> Result<Vec<GoalRow>, AppError> {
    // Owners by name (the person table is small next to goals), then goals
    // by title through the full-text index.
    let sql = concat!(
        "LET $owners = SELECT VALUE id FROM person WHERE string::lowercase(name) CONTAINS $needle LIMIT 50;
         SELECT ",
        goal_fields!(),
        " FROM goal WHERE owner IN $owners AND period_start <= $end AND period_end >= $start LIMIT $limit;
         SELECT ",
        goal_fields!(),
        " FROM goal WHERE title @@ $needle AND period_start <= $end AND period_end >= $start LIMIT $limit;"
    );
    let mut res = db
        .query(sql)
        .bind(("needle", needle.to_lowercase()))
        .bind(("start", start.to_string()))
        .bind(("end", end.to_string()))
        .bind(("limit", limit as i64))
        .await
        .map_err(db_err)?;
    let mut rows: Vec<GoalRow> = res.take(2).map_err(db_err)?;
    let by_owner: Vec<GoalRow> = res.take(1).map_err(db_err)?;
    for r in by_owner {
        if !rows.iter().any(|x| x.id == r.id) {
            rows.push(r);
        }
    }
    rows.truncate(limit as usize);
    Ok(rows)
}

/// The goal that carried this one over, if any.
pub async fn successor(db: &Db, id: &RecordId) -> Result<Option<GoalRow>, AppError> {
    let sql = concat!("SELECT ", goal_fields!(), " FROM goal WHERE predecessor = $id LIMIT 1");
    let mut res = db.query(sql).bind(("id", id.clone())).await.map_err(db_err)?;
    let rows: Vec<GoalRow> = res.take(0).map_err(db_err)?;
    Ok(rows.into_iter().next())
}

/// The fields of a goal that only its page and its editor need.
#[derive(Debug, Clone, SurrealValue)]
pub struct GoalExtra {
    pub description: String,
    pub own_progress: f64,
    pub alignment_weight: f64,
    pub status_overridden: bool,
    pub suggested_status: String,
    pub last_confidence: Option<i64>,
    pub hints: Vec<String>,
    pub predecessor: Option<RecordId>,
    pub review_outcome: Option<String>,
    pub review_reflection: Option<String>,
    pub reviewer_name: Option<String>,
    pub reviewed_at: Option<Datetime>,
}

pub async fn extra(db: &Db, id: &RecordId) -> Result<Option<GoalExtra>, AppError> {
    let mut res = db
        .query(
            "SELECT description, own_progress, alignment_weight, status_overridden, suggested_status, last_confidence,
                    hints, predecessor, review_outcome, review_reflection, reviewed_by.name AS reviewer_name, reviewed_at
             FROM ONLY $id",
        )
        .bind(("id", id.clone()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

impl GoalExtra {
    pub fn review(&self) -> Option<ReviewRecord> {
        Some(ReviewRecord {
            outcome: self.review_outcome.clone()?,
            reflection: self.review_reflection.clone().unwrap_or_default(),
            by: self.reviewer_name.clone().unwrap_or_default(),
            at: self.reviewed_at.as_ref().map(short_time).unwrap_or_default(),
        })
    }
}

/// A key result as stored.
#[derive(Debug, Clone, SurrealValue)]
pub struct KrRow {
    pub id: RecordId,
    pub goal: RecordId,
    pub title: String,
    pub kind: String,
    pub unit: String,
    pub baseline: f64,
    pub target: f64,
    pub current: f64,
    pub done: bool,
    pub weight: f64,
    pub position: i64,
}

impl KrRow {
    pub fn kind(&self) -> KrKind {
        KrKind::parse(&self.kind).unwrap_or(KrKind::Metric)
    }

    pub fn progress(&self) -> f64 {
        crate::domain::rollup::kr_progress(self.kind(), self.baseline, self.target, self.current, self.done)
    }
}

impl From<KrRow> for KeyResult {
    fn from(r: KrRow) -> Self {
        KeyResult {
            id: key_of(&r.id),
            kind: r.kind(),
            progress: r.progress(),
            title: r.title,
            unit: r.unit,
            baseline: r.baseline,
            target: r.target,
            current: r.current,
            done: r.done,
            weight: r.weight,
        }
    }
}

/// A goal's key results in order.
pub async fn key_results(db: &Db, goal: &RecordId) -> Result<Vec<KrRow>, AppError> {
    let mut res = db
        .query(
            "SELECT id, goal, title, kind, unit, baseline, target, current, done, weight, position
             FROM key_result WHERE goal = $goal ORDER BY position",
        )
        .bind(("goal", goal.clone()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

#[derive(SurrealValue)]
struct CheckInRow {
    at: Datetime,
    day: String,
    author_name: String,
    note: String,
    confidence: i64,
    changes: Vec<ChangeRow>,
    progress: f64,
    status: String,
}

/// One key result's move within a check-in, as stored.
#[derive(Debug, Clone, SurrealValue)]
pub struct ChangeRow {
    pub title: String,
    pub from: f64,
    pub to: f64,
}

/// Check-ins, oldest first, at most `limit` (the latest ones). Ordered by
/// day first: seeded check-ins are written at once but dated across the quarter.
pub async fn checkins(db: &Db, goal: &RecordId, limit: u32) -> Result<Vec<CheckIn>, AppError> {
    let mut res = db
        .query(
            "SELECT * FROM (SELECT at, day, author.name AS author_name, note, confidence, changes, progress, status
             FROM checkin WHERE goal = $goal ORDER BY day DESC, at DESC LIMIT $limit) ORDER BY day, at",
        )
        .bind(("goal", goal.clone()))
        .bind(("limit", limit as i64))
        .await
        .map_err(db_err)?;
    let rows: Vec<CheckInRow> = res.take(0).map_err(db_err)?;
    Ok(rows
        .into_iter()
        .map(|r| CheckIn {
            at: short_time(&r.at),
            day: Day::parse(&r.day).unwrap_or_else(|| Day::parse("1970-01-01").expect("static")),
            author: r.author_name,
            note: r.note,
            confidence: r.confidence.clamp(1, 10) as u8,
            changes: r
                .changes
                .into_iter()
                .map(|c| KrChange {
                    title: c.title,
                    from: c.from,
                    to: c.to,
                })
                .collect(),
            progress: r.progress,
            status: Status::parse(&r.status).unwrap_or(Status::OnTrack),
        })
        .collect())
}

#[derive(SurrealValue)]
struct EventRow {
    at: Datetime,
    actor_name: String,
    field: String,
    from: Option<String>,
    to: Option<String>,
}

/// The audit trail, newest first, at most `limit` entries.
pub async fn history(db: &Db, goal: &RecordId, limit: u32) -> Result<Vec<GoalEvent>, AppError> {
    let mut res = db
        .query(
            "SELECT at, actor.name AS actor_name, field, from, to FROM goal_event WHERE goal = $goal
             ORDER BY at DESC LIMIT $limit",
        )
        .bind(("goal", goal.clone()))
        .bind(("limit", limit as i64))
        .await
        .map_err(db_err)?;
    let rows: Vec<EventRow> = res.take(0).map_err(db_err)?;
    Ok(rows
        .into_iter()
        .map(|r| GoalEvent {
            at: short_time(&r.at),
            actor: r.actor_name,
            field: r.field,
            from: r.from,
            to: r.to,
        })
        .collect())
}

/// Where a person sits: their unit, its kind, and their manager's unit.
#[derive(Debug, Clone, SurrealValue)]
pub struct Placement {
    pub unit: RecordId,
    pub unit_kind: String,
    pub manager: Option<RecordId>,
    pub manager_unit: Option<RecordId>,
}

impl Placement {
    /// Heads lead their unit: they are in it and their manager is not.
    pub fn is_head(&self) -> bool {
        self.manager_unit.as_ref() != Some(&self.unit)
    }
}

pub async fn placement(db: &Db, person: &RecordId) -> Result<Option<Placement>, AppError> {
    let mut res = db
        .query(
            "SELECT org_unit AS unit, org_unit.kind AS unit_kind, (->reports_to->person)[0] AS manager,
                    (->reports_to->person.org_unit)[0] AS manager_unit FROM ONLY $p",
        )
        .bind(("p", person.clone()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// A unit and the units above it (org units are at most three deep).
pub async fn unit_chain(db: &Db, unit: &RecordId) -> Result<Vec<RecordId>, AppError> {
    let mut res = db
        .query("RETURN [$u, $u.parent, $u.parent.parent, $u.parent.parent.parent]")
        .bind(("u", unit.clone()))
        .await
        .map_err(db_err)?;
    let chain: Vec<Option<RecordId>> = res.take(0).map_err(db_err)?;
    Ok(chain.into_iter().flatten().collect())
}

/// A person's managers, nearest first.
pub async fn managers(db: &Db, person: &RecordId) -> Result<Vec<RecordId>, AppError> {
    let mut res = db
        .query("RETURN $p.{1..32+collect}->reports_to->person")
        .bind(("p", person.clone()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// "2026-11-27 14:05" in UTC.
pub fn short_time(at: &Datetime) -> String {
    let s = at.to_string();
    let s = s.trim_start_matches("d'").trim_end_matches('\'');
    s.get(..16).map(|t| t.replace('T', " ")).unwrap_or_else(|| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(status: &str, overridden: bool, progress: f64) -> GoalRow {
        GoalRow {
            id: RecordId::new("goal", "g1"),
            title: "t".into(),
            level: "person".into(),
            unit: RecordId::new("org_unit", "u1"),
            unit_name: "u".into(),
            owner: RecordId::new("person", "p1"),
            owner_name: "n".into(),
            status: status.into(),
            progress,
            quarter: Some("2026-Q4".into()),
            period_start: "2026-10-01".into(),
            period_end: "2026-12-31".into(),
            due: None,
            child_count: 0,
            visibility: "org".into(),
            last_checkin: None,
            parent: None,
            status_overridden: overridden,
            last_confidence: None,
        }
    }

    #[test]
    fn shown_status_follows_the_calendar_unless_a_person_set_it() {
        let early = Day::parse("2026-10-05").unwrap();
        let late = Day::parse("2026-12-20").unwrap();
        // Stored "on track" when created; with nothing done it falls behind as weeks pass.
        assert_eq!(row("on_track", false, 0.1).status_today(early), Status::OnTrack);
        assert_eq!(row("on_track", false, 0.1).status_today(late), Status::OffTrack);
        // A status set by hand stays as set.
        assert_eq!(row("on_track", true, 0.1).status_today(late), Status::OnTrack);
        assert_eq!(row("abandoned", true, 0.1).status_today(late), Status::Abandoned);
    }
}
