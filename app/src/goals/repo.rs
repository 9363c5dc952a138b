//! Goal lists: one goal's row, children, tree roots, an owner's goals, the
//! goals a new goal may align to, and search. Every list is found by an index
//! (owner, parent, unit, level, full-text title), never by scanning all goals.

pub mod detail;
pub mod rollup;
pub mod write;

use crate::error::AppError;
use crate::goals::model::{GoalId, GoalSummary, Level, Status, Visibility};
use crate::people::model::OwnerRef;
use crate::server::db::Db;
use crate::server::repo::{db_err, key_of};
use crate::shared::date::{Day, Quarter};
use crate::shared::ids::PersonId;
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
    pub created_at: Datetime,
}

// One compile-time literal per query: field lists are macros, never runtime text.
macro_rules! goal_fields {
    () => {
        "id, title, level, unit, unit.name AS unit_name, owner, owner.name AS owner_name, status, progress, quarter,
         period_start, period_end, due, child_count, visibility, last_checkin, parent, status_overridden, last_confidence, created_at"
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
        if self.status_overridden {
            return Status::parse(&self.status).unwrap_or(Status::OnTrack);
        }
        self.suggestion(today).status
    }

    /// The suggested status for `today`, from progress, time gone and the
    /// latest confidence, with its reason.
    pub fn suggestion(&self, today: Day) -> crate::goals::status::Suggestion {
        let elapsed = crate::goals::status::elapsed(self.start(), self.end(), today);
        let confidence = self.last_confidence.map(|c| c.clamp(1, 10) as u8);
        crate::goals::status::suggest(self.progress, elapsed, confidence)
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
            created: Day::parse(
                crate::server::repo::short_time(&r.created_at)
                    .get(..10)
                    .unwrap_or_default(),
            )
            .unwrap_or_else(Day::today),
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
            created_at: Datetime::default(),
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
