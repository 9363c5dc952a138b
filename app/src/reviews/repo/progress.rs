//! Review progress reads: the tallies the `review_tally` event keeps, one
//! team's reviews (by the cycle-and-manager index), and extension requests.

use crate::error::AppError;
use crate::people::model::OwnerRef;
use crate::reviews::model::progress::{ExtensionAsk, ExtensionRequest, ReviewLine};
use crate::reviews::model::{ReviewKind, ReviewRef};
use crate::server::db::Db;
use crate::server::repo::{db_err, exec, key_of};
use crate::shared::date::Day;
use crate::shared::ids::PersonId;
use surrealdb::types::{RecordId, SurrealValue};

/// One tally row: a unit's or manager's count of one kind.
#[derive(SurrealValue)]
pub struct TallyRow {
    pub by: String,
    pub owner: RecordId,
    pub owner_name: String,
    pub kind: String,
    pub expected: i64,
    pub submitted: i64,
}

/// The tally owners (units or managers) of a cycle with most reviews
/// missing, by the summary rows' index in its own order so the scan stops
/// at the limit (0018); with `find`, only those whose name contains it (in
/// lower case).
pub(crate) const TOP: &str = "SELECT owner FROM review_tally WITH INDEX review_tally_rank
     WHERE cycle = $c AND by = $by AND kind = 'all' AND expected > 0
         AND ($find = '' OR string::contains(string::lowercase(owner_name), $find))
     ORDER BY rank LIMIT $n";

/// Up to `n` owners of one kind (`by`: "unit" or "manager"), most missing first.
pub async fn top(db: &Db, cycle: &RecordId, by: &str, find: &str, n: usize) -> Result<Vec<RecordId>, AppError> {
    #[derive(SurrealValue)]
    struct R {
        owner: RecordId,
    }
    let mut res = db
        .query(TOP)
        .bind(("c", cycle.clone()))
        .bind(("by", by.to_owned()))
        .bind(("find", find.to_lowercase()))
        .bind(("n", n as i64))
        .await
        .map_err(db_err)?;
    let rows: Vec<R> = res.take(0).map_err(db_err)?;
    Ok(rows.into_iter().map(|r| r.owner).collect())
}

/// The per-kind tallies of the given owners, and the cycle's totals.
pub async fn tallies(db: &Db, cycle: &RecordId, owners: &[RecordId]) -> Result<Vec<TallyRow>, AppError> {
    let ids: Vec<RecordId> = owners
        .iter()
        .flat_map(|o| {
            ReviewKind::ALL.iter().map(move |k| {
                RecordId::new(
                    "review_tally",
                    surrealdb::types::Array::from(vec![
                        surrealdb::types::Value::RecordId(cycle.clone()),
                        surrealdb::types::Value::RecordId(o.clone()),
                        surrealdb::types::Value::String(k.as_str().to_owned()),
                    ]),
                )
            })
        })
        .collect();
    let mut res = db
        .query(
            "SELECT by, owner, owner_name, kind, expected, submitted FROM $ids;
             SELECT by, owner, owner_name, kind, expected, submitted FROM review_tally WHERE cycle = $c AND by = 'cycle';",
        )
        .bind(("ids", ids))
        .bind(("c", cycle.clone()))
        .await
        .map_err(db_err)?;
    let mut rows: Vec<TallyRow> = res.take(0).map_err(db_err)?;
    let totals: Vec<TallyRow> = res.take(1).map_err(db_err)?;
    rows.extend(totals);
    Ok(rows)
}

#[derive(SurrealValue)]
struct LineRow {
    ratee: RecordId,
    ratee_name: String,
    reviewer: RecordId,
    reviewer_name: String,
    kind: String,
    submitted_on: Option<String>,
    due: Option<String>,
    until: Option<String>,
    reason: Option<String>,
}

fn line(cycle: &str, r: LineRow) -> Option<ReviewLine> {
    Some(ReviewLine {
        review: ReviewRef {
            cycle: cycle.to_owned(),
            ratee: key_of(&r.ratee),
            kind: ReviewKind::parse(&r.kind)?,
        },
        reviewer: OwnerRef {
            id: PersonId::parse(&key_of(&r.reviewer))?,
            name: r.reviewer_name,
        },
        ratee_name: r.ratee_name,
        submitted_on: r.submitted_on.as_deref().and_then(Day::parse),
        due: r.due.as_deref().and_then(Day::parse)?,
        request: match (r.until.as_deref().and_then(Day::parse), r.reason) {
            (Some(until), Some(reason)) => Some(ExtensionRequest { until, reason }),
            _ => None,
        },
    })
}

/// Named index: otherwise the planner intersects it with a scan of every
/// review in the cycle (`review_cycle`).
pub(crate) const TEAM: &str = "SELECT ratee, ratee.name AS ratee_name, reviewer, reviewer.name AS reviewer_name, kind,
            submitted_on, due, extension_request:[id].until AS until, extension_request:[id].reason AS reason
     FROM review WITH INDEX review_cycle_manager WHERE cycle = $c AND ratee_manager = $m
     ORDER BY ratee_name, kind, reviewer_name";

/// The reviews about `manager`'s reports in the cycle, by ratee.
pub async fn team(db: &Db, cycle: &RecordId, manager: &RecordId) -> Result<Vec<ReviewLine>, AppError> {
    let mut res = db
        .query(TEAM)
        .bind(("c", cycle.clone()))
        .bind(("m", manager.clone()))
        .await
        .map_err(db_err)?;
    let rows: Vec<LineRow> = res.take(0).map_err(db_err)?;
    let key = key_of(cycle);
    Ok(rows.into_iter().filter_map(|r| line(&key, r)).collect())
}

/// Open extension requests in the cycle, oldest first. The writer of a
/// peer or upward review is not read at all.
pub async fn requests(db: &Db, cycle: &RecordId) -> Result<Vec<ExtensionAsk>, AppError> {
    #[derive(SurrealValue)]
    struct R {
        handle: String,
        ratee: RecordId,
        ratee_name: String,
        kind: String,
        reviewer: Option<RecordId>,
        reviewer_name: Option<String>,
        due: Option<String>,
        until: String,
        reason: String,
    }
    let mut res = db
        .query(
            "SELECT handle, review.ratee AS ratee, review.ratee.name AS ratee_name, review.kind AS kind,
                    IF review.kind INSIDE ['peer', 'upward'] { NONE } ELSE { review.reviewer } AS reviewer,
                    IF review.kind INSIDE ['peer', 'upward'] { NONE } ELSE { review.reviewer.name } AS reviewer_name,
                    review.due AS due, until, reason
             FROM extension_request WHERE cycle = $c ORDER BY at LIMIT 500",
        )
        .bind(("c", cycle.clone()))
        .await
        .map_err(db_err)?;
    let rows: Vec<R> = res.take(0).map_err(db_err)?;
    let key = key_of(cycle);
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let kind = ReviewKind::parse(&r.kind)?;
            let reviewer = match (kind.is_anonymous(), r.reviewer, r.reviewer_name) {
                (true, _, _) => None,
                (false, Some(id), Some(name)) => Some(OwnerRef {
                    id: PersonId::parse(&key_of(&id))?,
                    name,
                }),
                _ => return None,
            };
            Some(ExtensionAsk {
                handle: r.handle,
                review: ReviewRef {
                    cycle: key.clone(),
                    ratee: key_of(&r.ratee),
                    kind,
                },
                reviewer,
                ratee_name: r.ratee_name,
                due: r.due.as_deref().and_then(Day::parse)?,
                request: ExtensionRequest {
                    until: Day::parse(&r.until)?,
                    reason: r.reason,
                },
            })
        })
        .collect())
}

/// The review an open request is about, by the request's handle.
pub async fn by_handle(db: &Db, handle: &str) -> Result<Option<(RecordId, Day)>, AppError> {
    #[derive(SurrealValue)]
    struct R {
        review: RecordId,
        until: String,
    }
    let mut res = db
        .query("SELECT review, until FROM extension_request WHERE handle = $h LIMIT 1")
        .bind(("h", handle.to_owned()))
        .await
        .map_err(db_err)?;
    let rows: Vec<R> = res.take(0).map_err(db_err)?;
    Ok(rows
        .into_iter()
        .next()
        .and_then(|r| Some((r.review, Day::parse(&r.until)?))))
}

/// Records (or replaces) a reviewer's request, if the review is still a draft.
pub async fn request(db: &Db, review: &RecordId, until: Day, reason: &str) -> Result<bool, AppError> {
    let mut res = db
        .query(
            "IF $r.status = 'draft' {
                 UPSERT extension_request:[$r] SET cycle = $r.cycle, review = $r, until = $until, reason = $reason,
                     handle = handle ?? $handle, at = time::now() RETURN NONE;
                 RETURN true;
             } ELSE { RETURN false; }",
        )
        .bind(("r", review.clone()))
        .bind(("until", until.to_string()))
        .bind(("reason", reason.to_owned()))
        .bind(("handle", crate::server::repo::new_key("x")))
        .await
        .map_err(db_err)?;
    Ok(res.take::<Option<bool>>(0).map_err(db_err)?.unwrap_or(false))
}

/// Removes a review's request (granted or declined).
pub async fn close_request(db: &Db, review: &RecordId) -> Result<(), AppError> {
    exec(
        db.query("DELETE extension_request:[$r] RETURN NONE")
            .bind(("r", review.clone())),
    )
    .await
}

/// The reviewer's open request on a review, if any.
pub async fn open_request(db: &Db, review: &RecordId) -> Result<Option<ExtensionRequest>, AppError> {
    #[derive(SurrealValue)]
    struct R {
        until: String,
        reason: String,
    }
    let mut res = db
        .query("SELECT until, reason FROM ONLY extension_request:[$r]")
        .bind(("r", review.clone()))
        .await
        .map_err(db_err)?;
    let row: Option<R> = res.take(0).map_err(db_err)?;
    Ok(row.and_then(|r| {
        Some(ExtensionRequest {
            until: Day::parse(&r.until)?,
            reason: r.reason,
        })
    }))
}

/// Cycles run in Tend with submitted and expected counts per kind.
pub async fn cycle_table(db: &Db, today: Day) -> Result<Vec<crate::reviews::model::form::CycleProgress>, AppError> {
    #[derive(SurrealValue)]
    struct C {
        id: RecordId,
        name: String,
        period_from: String,
        period_to: String,
        write_due: Option<String>,
        template: Option<String>,
        kinds: Vec<String>,
        nominate_due: Option<String>,
        share_due: Option<String>,
        calibration: bool,
        advanced_to: Option<String>,
    }
    #[derive(SurrealValue)]
    struct K {
        cycle: RecordId,
        kind: String,
        expected: i64,
        submitted: i64,
    }
    let mut res = db
        .query(
            "SELECT id, name, period_from, period_to, write_due,
                    IF template = NONE { NONE } ELSE { string::concat(template.name, ' v', <string> template.version) } AS template,
                    kinds, nominate_due, share_due, calibration ?? false AS calibration, advanced_to
             FROM review_cycle WHERE source = 'tend' ORDER BY period_to DESC LIMIT 50",
        )
        .await
        .map_err(db_err)?;
    let cycles: Vec<C> = res.take(0).map_err(db_err)?;
    let ids: Vec<RecordId> = cycles.iter().map(|c| c.id.clone()).collect();
    // The cycle's own total rows (0017), a few per cycle.
    let counts: Vec<K> = crate::server::repo::for_each_key(
        db,
        "SELECT cycle, kind, expected, submitted FROM review_tally WHERE cycle = $key AND by = 'cycle'",
        &ids,
        &[],
    )
    .await?;
    Ok(cycles
        .into_iter()
        .filter_map(|c| {
            let mut kinds: Vec<(ReviewKind, u32, u32)> = counts
                .iter()
                .filter(|k| k.cycle == c.id && k.expected > 0)
                .filter_map(|k| {
                    let clamp = |n: i64| n.clamp(0, u32::MAX as i64) as u32;
                    Some((ReviewKind::parse(&k.kind)?, clamp(k.submitted), clamp(k.expected)))
                })
                .collect();
            kinds.sort();
            let info = super::cycle_info::CycleInfo {
                name: c.name.clone(),
                kinds: c.kinds,
                write_due: c.write_due.clone(),
                anonymity: None,
                template: None,
                nominate_due: c.nominate_due,
                share_due: c.share_due,
                calibration: c.calibration,
                advanced_to: c.advanced_to,
            };
            let phase = info.phase(today);
            Some(crate::reviews::model::form::CycleProgress {
                key: key_of(&c.id),
                name: c.name,
                period_from: Day::parse(&c.period_from)?,
                period_to: Day::parse(&c.period_to)?,
                write_due: c.write_due.as_deref().and_then(Day::parse)?,
                template: c.template.unwrap_or_default(),
                kinds,
                phase,
                next: info.schedule().and_then(|s| s.next(phase)),
            })
        })
        .collect())
}
