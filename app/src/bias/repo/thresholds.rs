//! HR's tuned detector thresholds: one record for every cycle's analysis.

use crate::bias::analysis::{Limits, Thresholds};
use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec};
use surrealdb::types::{RecordId, SurrealValue};

#[derive(SurrealValue)]
struct Row {
    leniency_min_n: i64,
    leniency_alpha: f64,
    min_offset: f64,
    central_min_n: i64,
    central_alpha: f64,
    halo_min_n: i64,
    halo_alpha: f64,
    recency_min_n: i64,
    recency_alpha: f64,
    affinity_min_n: i64,
    affinity_alpha: f64,
    group_gap_min_n: i64,
    group_gap_alpha: f64,
    four_fifths: f64,
    by: Option<String>,
    at: String,
}

/// The tuned thresholds, who tuned them and when ("YYYY-MM-DD HH:MM" UTC);
/// `None` while the defaults apply.
pub struct Tuned {
    pub thresholds: Thresholds,
    pub by: String,
    pub at: String,
}

fn limits(min_n: i64, alpha: f64) -> Limits {
    Limits {
        min_n: usize::try_from(min_n).unwrap_or(usize::MAX),
        alpha,
    }
}

pub async fn load(db: &Db) -> Result<Option<Tuned>, AppError> {
    let mut res = db
        .query(
            "SELECT *, by.name AS by, time::format(at, '%Y-%m-%d %H:%M') AS at
               FROM ONLY bias_thresholds:org",
        )
        .await
        .map_err(db_err)?;
    let row: Option<Row> = res.take(0).map_err(db_err)?;
    Ok(row.map(|r| Tuned {
        thresholds: Thresholds {
            leniency: limits(r.leniency_min_n, r.leniency_alpha),
            min_offset: r.min_offset,
            central: limits(r.central_min_n, r.central_alpha),
            halo: limits(r.halo_min_n, r.halo_alpha),
            recency: limits(r.recency_min_n, r.recency_alpha),
            affinity: limits(r.affinity_min_n, r.affinity_alpha),
            group_gap: limits(r.group_gap_min_n, r.group_gap_alpha),
            four_fifths: r.four_fifths,
        },
        by: r.by.unwrap_or_default(),
        at: r.at,
    }))
}

/// Stores `t` as the thresholds every cycle is analysed with.
pub async fn save(db: &Db, t: &Thresholds, by: RecordId) -> Result<(), AppError> {
    let n = |x: usize| i64::try_from(x).unwrap_or(i64::MAX);
    exec(
        db.query(
            "UPSERT bias_thresholds:org CONTENT {
            leniency_min_n: $leniency_min_n, leniency_alpha: $leniency_alpha, min_offset: $min_offset,
            central_min_n: $central_min_n, central_alpha: $central_alpha,
            halo_min_n: $halo_min_n, halo_alpha: $halo_alpha,
            recency_min_n: $recency_min_n, recency_alpha: $recency_alpha,
            affinity_min_n: $affinity_min_n, affinity_alpha: $affinity_alpha,
            group_gap_min_n: $group_gap_min_n, group_gap_alpha: $group_gap_alpha,
            four_fifths: $four_fifths, by: $by, at: time::now()
        }",
        )
        .bind(("leniency_min_n", n(t.leniency.min_n)))
        .bind(("leniency_alpha", t.leniency.alpha))
        .bind(("min_offset", t.min_offset))
        .bind(("central_min_n", n(t.central.min_n)))
        .bind(("central_alpha", t.central.alpha))
        .bind(("halo_min_n", n(t.halo.min_n)))
        .bind(("halo_alpha", t.halo.alpha))
        .bind(("recency_min_n", n(t.recency.min_n)))
        .bind(("recency_alpha", t.recency.alpha))
        .bind(("affinity_min_n", n(t.affinity.min_n)))
        .bind(("affinity_alpha", t.affinity.alpha))
        .bind(("group_gap_min_n", n(t.group_gap.min_n)))
        .bind(("group_gap_alpha", t.group_gap.alpha))
        .bind(("four_fifths", t.four_fifths))
        .bind(("by", by)),
    )
    .await
}
