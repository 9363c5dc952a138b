//! The perception check: managers' per-report claims, reports' anonymous
//! answers (kept apart from who answered), and the logged records to compare.

use crate::error::AppError;
use crate::feedback::perception::{Fortnight, TeamCounts};
use crate::server::db::Db;
use crate::server::repo::{db_err, exec};
use crate::shared::date::Day;
use surrealdb::types::{RecordId, SurrealValue};

/// A manager's claim about one report, replacing an earlier one.
pub async fn claim(db: &Db, manager: &RecordId, f: Fortnight, claims: &[(RecordId, bool)]) -> Result<(), AppError> {
    for (report, gave) in claims {
        exec(
            db.query(
                "UPSERT perception_claim SET manager = $m, fortnight = $f, report = $r, gave = $gave
                 WHERE manager = $m AND fortnight = $f AND report = $r",
            )
            .bind(("m", manager.clone()))
            .bind(("f", i64::from(f.0)))
            .bind(("r", report.clone()))
            .bind(("gave", *gave)),
        )
        .await?;
    }
    Ok(())
}

#[derive(Debug, Clone, SurrealValue)]
struct ClaimRow {
    report: RecordId,
    gave: bool,
}

/// A manager's claims for a fortnight.
pub async fn claims(db: &Db, manager: &RecordId, f: Fortnight) -> Result<Vec<(RecordId, bool)>, AppError> {
    let mut res = db
        .query("SELECT report, gave FROM perception_claim WHERE manager = $m AND fortnight = $f")
        .bind(("m", manager.clone()))
        .bind(("f", i64::from(f.0)))
        .await
        .map_err(db_err)?;
    let rows: Vec<ClaimRow> = res.take(0).map_err(db_err)?;
    Ok(rows.into_iter().map(|r| (r.report, r.gave)).collect())
}

/// Records a report's answer. The answer names the team, not the person; the
/// separate "responded" row (unique per person and fortnight) stops a second
/// answer. Returns false if they had already answered.
pub async fn answer(
    db: &Db,
    person: &RecordId,
    manager: &RecordId,
    f: Fortnight,
    helped: bool,
) -> Result<bool, AppError> {
    let res = db
        .query(
            "BEGIN TRANSACTION;
             CREATE perception_responded CONTENT { person: $p, fortnight: $f };
             CREATE perception_answer CONTENT { manager: $m, fortnight: $f, helped: $helped };
             COMMIT TRANSACTION;",
        )
        .bind(("p", person.clone()))
        .bind(("m", manager.clone()))
        .bind(("f", i64::from(f.0)))
        .bind(("helped", helped))
        .await
        .map_err(db_err)?;
    match res.check() {
        Ok(_) => Ok(true),
        Err(e) if e.to_string().contains("perception_responded_key") || e.to_string().contains("already contains") => {
            Ok(false)
        }
        Err(e) => Err(db_err(e)),
    }
}

pub async fn responded(db: &Db, person: &RecordId, f: Fortnight) -> Result<bool, AppError> {
    let mut res = db
        .query("RETURN count(SELECT id FROM perception_responded WHERE person = $p AND fortnight = $f) > 0")
        .bind(("p", person.clone()))
        .bind(("f", i64::from(f.0)))
        .await
        .map_err(db_err)?;
    let found: Option<bool> = res.take(0).map_err(db_err)?;
    Ok(found.unwrap_or(false))
}

#[derive(Debug, Clone, SurrealValue)]
struct Raw {
    claimed: Vec<bool>,
    helped: Vec<bool>,
    fed: Vec<RecordId>,
    coached: Vec<RecordId>,
}

/// One team's figures for a fortnight: claims, answers, and which reports
/// have a feedback or coaching record from the manager dated in it.
pub async fn team_counts(
    db: &Db,
    manager: &RecordId,
    reports: &[RecordId],
    f: Fortnight,
) -> Result<TeamCounts, AppError> {
    let start = f.start();
    let end_excl: Day = f.end().plus_days(1);
    let mut res = db
        .query(
            "RETURN {
                claimed: (SELECT VALUE gave FROM perception_claim WHERE manager = $m AND fortnight = $f),
                helped: (SELECT VALUE helped FROM perception_answer WHERE manager = $m AND fortnight = $f),
                fed: (SELECT VALUE recipient FROM feedback WHERE giver = $m AND written_at >= <datetime>$from
                      AND written_at < <datetime>$to AND deleted_at = NONE AND recipient IN $reports),
                coached: (SELECT VALUE person FROM coaching WHERE coach = $m AND happened_on >= $start
                          AND happened_on <= $end AND person IN $reports)
             }",
        )
        .bind(("m", manager.clone()))
        .bind(("f", i64::from(f.0)))
        .bind(("from", format!("{start}T00:00:00Z")))
        .bind(("to", format!("{end_excl}T00:00:00Z")))
        .bind(("start", start.to_string()))
        .bind(("end", f.end().to_string()))
        .bind(("reports", reports.to_vec()))
        .await
        .map_err(db_err)?;
    let raw: Option<Raw> = res.take(0).map_err(db_err)?;
    let raw = raw.ok_or_else(|| crate::error::AppError::internal("team counts returned nothing"))?;
    let mut logged: Vec<&RecordId> = raw.fed.iter().chain(&raw.coached).collect();
    logged.sort_by_key(|r| crate::server::repo::key_of(r));
    logged.dedup();
    Ok(TeamCounts {
        reports: reports.len(),
        claimed: (!raw.claimed.is_empty()).then(|| raw.claimed.iter().filter(|g| **g).count()),
        logged: logged.len(),
        responses: raw.helped.len(),
        perceived_yes: raw.helped.iter().filter(|h| **h).count(),
    })
}
