//! Versioned schema: ordered `.surql` files, each applied once inside a
//! transaction and recorded in the `migration` table.

use super::db::Db;
use crate::error::AppError;
use surrealdb::types::SurrealValue;

/// Every migration, in the order it must run. Append only; never edit one that shipped.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_org", include_str!("../../migrations/0001_org.surql")),
    ("0002_auth", include_str!("../../migrations/0002_auth.surql")),
    ("0003_seed", include_str!("../../migrations/0003_seed.surql")),
    ("0004_goals", include_str!("../../migrations/0004_goals.surql")),
    ("0005_feedback", include_str!("../../migrations/0005_feedback.surql")),
    ("0006_capture", include_str!("../../migrations/0006_capture.surql")),
    ("0007_stats", include_str!("../../migrations/0007_stats.surql")),
    ("0008_reviews", include_str!("../../migrations/0008_reviews.surql")),
    ("0009_headcount", include_str!("../../migrations/0009_headcount.surql")),
    (
        "0010_review_cycles",
        include_str!("../../migrations/0010_review_cycles.surql"),
    ),
    (
        "0011_review_evidence",
        include_str!("../../migrations/0011_review_evidence.surql"),
    ),
    (
        "0012_review_progress",
        include_str!("../../migrations/0012_review_progress.surql"),
    ),
    (
        "0013_review_phases",
        include_str!("../../migrations/0013_review_phases.surql"),
    ),
    (
        "0014_review_goal_section",
        include_str!("../../migrations/0014_review_goal_section.surql"),
    ),
    (
        "0015_goal_owner_period",
        include_str!("../../migrations/0015_goal_owner_period.surql"),
    ),
    (
        "0016_review_tally_names",
        include_str!("../../migrations/0016_review_tally_names.surql"),
    ),
    (
        "0017_review_tally_cycle",
        include_str!("../../migrations/0017_review_tally_cycle.surql"),
    ),
    (
        "0018_review_tally_summary",
        include_str!("../../migrations/0018_review_tally_summary.surql"),
    ),
    (
        "0019_calibration",
        include_str!("../../migrations/0019_calibration.surql"),
    ),
    (
        "0020_bias_thresholds",
        include_str!("../../migrations/0020_bias_thresholds.surql"),
    ),
    (
        "0021_bias_reads",
        include_str!("../../migrations/0021_bias_reads.surql"),
    ),
    (
        "0022_bias_goal_index",
        include_str!("../../migrations/0022_bias_goal_index.surql"),
    ),
    (
        "0023_evidence_day",
        include_str!("../../migrations/0023_evidence_day.surql"),
    ),
    (
        "0024_bias_scores",
        include_str!("../../migrations/0024_bias_scores.surql"),
    ),
    (
        "0025_usefulness",
        include_str!("../../migrations/0025_usefulness.surql"),
    ),
    (
        "0026_review_release",
        include_str!("../../migrations/0026_review_release.surql"),
    ),
    (
        "0027_people_import",
        include_str!("../../migrations/0027_people_import.surql"),
    ),
    (
        "0028_headcount_aside",
        include_str!("../../migrations/0028_headcount_aside.surql"),
    ),
    (
        "0029_email_and_links",
        include_str!("../../migrations/0029_email_and_links.surql"),
    ),
    (
        "0030_oidc_login",
        include_str!("../../migrations/0030_oidc_login.surql"),
    ),
    (
        "0031_notifications",
        include_str!("../../migrations/0031_notifications.surql"),
    ),
    (
        "0032_stats_folded",
        include_str!("../../migrations/0032_stats_folded.surql"),
    ),
];

const BOOKKEEPING: &str = "
    DEFINE TABLE IF NOT EXISTS migration SCHEMAFULL;
    DEFINE FIELD IF NOT EXISTS name ON migration TYPE string;
    DEFINE FIELD IF NOT EXISTS applied_at ON migration TYPE datetime DEFAULT time::now();
    DEFINE INDEX IF NOT EXISTS migration_name ON migration FIELDS name UNIQUE;
";

/// Applies the migrations this database has not seen yet; returns their names.
pub async fn migrate(db: &Db) -> Result<Vec<&'static str>, AppError> {
    db.query(BOOKKEEPING)
        .await
        .and_then(|r| r.check())
        .map_err(AppError::internal)?;
    let mut applied = Vec::new();
    for (name, sql) in MIGRATIONS {
        if is_applied(db, name).await? {
            continue;
        }
        let result = db
            .query("BEGIN TRANSACTION")
            .query(*sql)
            .query("CREATE migration SET name = $name")
            .query("COMMIT TRANSACTION")
            .bind(("name", *name))
            .await
            .and_then(|r| r.check());
        if let Err(e) = result {
            // Another node may have applied it at the same moment; that is fine.
            if is_applied(db, name).await? {
                continue;
            }
            return Err(AppError::internal(format!("migration {name} failed: {e}")));
        }
        applied.push(*name);
        if *name == "0007_stats" {
            // Data written before the counters existed is counted once, now.
            crate::stats::rebuild::run_dashboard_counters(db).await?;
        }
        if *name == "0009_headcount" {
            crate::people::repo::units::rebuild_headcounts(db).await?;
        }
    }
    Ok(applied)
}

async fn is_applied(db: &Db, name: &str) -> Result<bool, AppError> {
    let mut res = db
        .query("SELECT VALUE name FROM migration WHERE name = $name")
        .bind(("name", name.to_owned()))
        .await
        .map_err(AppError::internal)?;
    let names: Vec<String> = res.take(0).map_err(AppError::internal)?;
    Ok(!names.is_empty())
}

/// The names of applied migrations, oldest first.
pub async fn applied(db: &Db) -> Result<Vec<String>, AppError> {
    #[derive(SurrealValue)]
    struct Row {
        name: String,
    }
    let mut res = db
        .query("SELECT name, applied_at FROM migration ORDER BY applied_at, name")
        .await
        .map_err(AppError::internal)?;
    let rows: Vec<Row> = res.take(0).map_err(AppError::internal)?;
    Ok(rows.into_iter().map(|r| r.name).collect())
}
