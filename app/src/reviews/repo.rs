//! Review cycles and reviews: storing an import, exporting a cycle, and the
//! latest manager review of a person.

pub mod cycle_info;
pub mod cycles;
pub mod drafts;
pub mod evidence;
pub mod progress;
pub mod release;
pub mod results;
pub mod templates;

use crate::error::AppError;
use crate::reviews::import_check::{score, ImportPlan};
use crate::reviews::repo::cycle_info::NewCycle;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec, key_of};
use std::collections::HashMap;
use surrealdb::types::{RecordId, SurrealValue};

/// Every person's key by email, for resolving a file's addresses.
pub async fn keys_by_email(db: &Db) -> Result<HashMap<String, String>, AppError> {
    #[derive(SurrealValue)]
    struct R {
        id: RecordId,
        email: String,
    }
    let mut res = db.query("SELECT id, email FROM person").await.map_err(db_err)?;
    let rows: Vec<R> = res.take(0).map_err(db_err)?;
    Ok(rows.into_iter().map(|r| (r.email, key_of(&r.id))).collect())
}

/// Names of cycles that were run in Tend (not imported): an import must not
/// overwrite them.
pub async fn tend_cycles_named(db: &Db, names: &[String]) -> Result<Vec<String>, AppError> {
    let mut res = db
        .query("SELECT VALUE name FROM review_cycle WHERE name IN $names AND source = 'tend'")
        .bind(("names", names.to_vec()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

fn cycle_rid(name: &str) -> RecordId {
    RecordId::new("review_cycle", format!("import:{name}"))
}

#[derive(Clone, PartialEq, SurrealValue)]
struct NewRating {
    competency: String,
    rating: i64,
    comment: String,
}

#[derive(Clone, SurrealValue)]
struct NewReview {
    id: RecordId,
    cycle: RecordId,
    ratee: RecordId,
    reviewer: RecordId,
    kind: String,
    status: String,
    ratings: Vec<NewRating>,
    overall: Option<i64>,
    score: Option<f64>,
    period_to: String,
    submitted_on: Option<String>,
}

/// What a stored review says, to skip rewriting reviews a re-import leaves
/// unchanged.
#[derive(PartialEq, SurrealValue)]
struct Stored {
    ratings: Vec<NewRating>,
    overall: Option<i64>,
    submitted_on: Option<String>,
}

/// A review's identity as text (`RecordId` is not a hash-map key clippy
/// accepts): cycle, ratee, reviewer and kind.
fn identity(cycle: &RecordId, ratee: &RecordId, reviewer: &RecordId, kind: &str) -> String {
    format!("{}|{}|{}|{kind}", key_of(cycle), key_of(ratee), key_of(reviewer))
}

async fn stored(db: &Db, cycles: Vec<RecordId>) -> Result<HashMap<String, Stored>, AppError> {
    #[derive(SurrealValue)]
    struct R {
        cycle: RecordId,
        ratee: RecordId,
        reviewer: RecordId,
        kind: String,
        ratings: Vec<NewRating>,
        overall: Option<i64>,
        submitted_on: Option<String>,
    }
    let rows: Vec<R> = crate::server::repo::for_each_key(
        db,
        "SELECT cycle, ratee, reviewer, kind, ratings, overall, submitted_on FROM review WHERE cycle = $key",
        &cycles,
        &[],
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                identity(&r.cycle, &r.ratee, &r.reviewer, &r.kind),
                Stored {
                    ratings: r.ratings,
                    overall: r.overall,
                    submitted_on: r.submitted_on,
                },
            )
        })
        .collect())
}

/// Stores a checked import in one transaction: all of it or none of it.
/// Records are keyed by cycle name and [cycle, ratee, reviewer, kind], so a
/// second run overwrites the same records; reviews it leaves unchanged are
/// not rewritten at all.
pub async fn store_import(db: &Db, plan: &ImportPlan) -> Result<(), AppError> {
    let ends: HashMap<&str, String> = plan
        .cycles
        .iter()
        .map(|c| (c.name.as_str(), c.to.to_string()))
        .collect();
    let cycles: Vec<NewCycle> = plan
        .cycles
        .iter()
        .map(|c| NewCycle {
            id: cycle_rid(&c.name),
            name: c.name.clone(),
            period_from: c.from.to_string(),
            period_to: c.to.to_string(),
            kinds: c.kinds.iter().map(|k| k.as_str().to_owned()).collect(),
            source: "import".into(),
            template: None,
            write_due: None,
            unit: None,
            anonymity: None,
            nominate_due: None,
            share_due: None,
            calibration: None,
        })
        .collect();
    let reviews: Vec<NewReview> = plan
        .reviews
        .iter()
        .map(|r| {
            let cycle = cycle_rid(&r.cycle);
            let ratee = RecordId::new("person", r.ratee.as_str());
            let reviewer = RecordId::new("person", r.reviewer.as_str());
            let values: Vec<u8> = r.ratings.iter().map(|x| x.rating).collect();
            NewReview {
                id: crate::reviews::repo::cycles::review_rid(&cycle, &ratee, &reviewer, r.kind),
                cycle,
                ratee,
                reviewer,
                kind: r.kind.as_str().into(),
                status: "submitted".into(),
                ratings: r
                    .ratings
                    .iter()
                    .map(|x| NewRating {
                        competency: x.competency.clone(),
                        rating: i64::from(x.rating),
                        comment: x.comment.clone(),
                    })
                    .collect(),
                overall: r.overall.map(i64::from),
                score: score(r.overall, &values),
                period_to: ends.get(r.cycle.as_str()).cloned().unwrap_or_default(),
                submitted_on: Some(r.submitted_on.to_string()),
            }
        })
        .collect();
    let before = stored(db, cycles.iter().map(|c| c.id.clone()).collect()).await?;
    let reviews: Vec<NewReview> = reviews
        .into_iter()
        .filter(|r| {
            before
                .get(&identity(&r.cycle, &r.ratee, &r.reviewer, &r.kind))
                .is_none_or(|b| b.ratings != r.ratings || b.overall != r.overall || b.submitted_on != r.submitted_on)
        })
        .collect();
    exec(
        db.query(
            "BEGIN TRANSACTION;
             INSERT INTO review_cycle $cycles ON DUPLICATE KEY UPDATE period_from = $input.period_from,
                 period_to = $input.period_to, kinds = $input.kinds RETURN NONE;
             INSERT INTO review $reviews ON DUPLICATE KEY UPDATE ratings = $input.ratings, overall = $input.overall,
                 score = $input.score, period_to = $input.period_to, submitted_on = $input.submitted_on,
                 updated_at = time::now() RETURN NONE;
             COMMIT TRANSACTION;",
        )
        .bind(("cycles", cycles))
        .bind(("reviews", reviews)),
    )
    .await
}

/// One rating line of an exported cycle, in `docs/import.md` column order.
#[derive(SurrealValue)]
pub struct ExportLine {
    pub cycle: String,
    pub period_start: String,
    pub period_end: String,
    pub ratee_email: String,
    pub reviewer_email: String,
    pub kind: String,
    pub ratings: Vec<ExportRating>,
    pub overall: Option<i64>,
    pub submitted_on: Option<String>,
}

#[derive(SurrealValue)]
pub struct ExportRating {
    pub competency: String,
    pub rating: i64,
    pub comment: String,
}

/// The submitted self and manager reviews of a cycle, by name, or None when
/// there is no such cycle.
pub async fn cycle_reviews(db: &Db, name: &str) -> Result<Option<Vec<ExportLine>>, AppError> {
    let mut res = db
        .query(
            "LET $c = (SELECT VALUE id FROM review_cycle WHERE name = $name)[0];
             $c != NONE;
             SELECT cycle.name AS cycle, cycle.period_from AS period_start, cycle.period_to AS period_end,
                 ratee.email AS ratee_email, reviewer.email AS reviewer_email, kind, ratings, overall, submitted_on
                 FROM review WHERE cycle = $c AND status = 'submitted' AND kind IN ['self', 'manager'] ORDER BY ratee_email, kind, reviewer_email;",
        )
        .bind(("name", name.to_owned()))
        .await
        .map_err(db_err)?;
    let found: Option<bool> = res.take(1).map_err(db_err)?;
    if found != Some(true) {
        return Ok(None);
    }
    res.take(2).map(Some).map_err(db_err)
}

/// Each person's score on their latest submitted manager review, for those
/// who have one, by person key.
/// A person's (`$key`) submitted manager reviews (a handful a year), read
/// forwards: a backward range (`ORDER BY period_to DESC LIMIT 1`) is slow
/// in SurrealKV after many writes (see `dashboards::repo::HR_EVENTS`).
pub const LAST_MANAGER_REVIEWS: &str = "SELECT ratee, score, period_to FROM review
    WHERE ratee = $key AND kind = 'manager' AND status = 'submitted'";

pub async fn last_manager_scores(db: &Db, people: &[RecordId]) -> Result<HashMap<String, f64>, AppError> {
    #[derive(SurrealValue)]
    struct R {
        ratee: RecordId,
        score: Option<f64>,
        period_to: String,
    }
    let rows: Vec<R> = crate::server::repo::for_each_key(db, LAST_MANAGER_REVIEWS, people, &[]).await?;
    // Each person's latest review counts, scored or not.
    let mut last: HashMap<String, R> = HashMap::new();
    for r in rows {
        let key = key_of(&r.ratee);
        if last.get(&key).is_none_or(|seen| r.period_to > seen.period_to) {
            last.insert(key, r);
        }
    }
    Ok(last.into_iter().filter_map(|(k, r)| r.score.map(|s| (k, s))).collect())
}

/// Every cycle's name, the most recent period first.
pub async fn cycle_names(db: &Db) -> Result<Vec<String>, AppError> {
    let mut res = db
        .query("SELECT VALUE name FROM review_cycle ORDER BY period_to DESC LIMIT 200")
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}
