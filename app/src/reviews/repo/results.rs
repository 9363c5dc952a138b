//! Peer nominations, submitted answers for results, and the sharing and
//! sign-off record of one person's results in one cycle.

use crate::error::AppError;
use crate::reviews::model::ReviewKind;
use crate::reviews::phase::Phase;
use crate::reviews::repo::cycles::{cycle_rid, review_rid};
use crate::reviews::results::Answer;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec};
use crate::shared::date::Day;
use surrealdb::types::{Array, RecordId, SurrealValue, Value};

pub use super::cycle_info::CycleInfo;

pub async fn cycle(db: &Db, key: &str) -> Result<Option<CycleInfo>, AppError> {
    let mut res = db
        .query("SELECT name, kinds, write_due, anonymity, template, nominate_due, share_due, calibration ?? false AS calibration,
                    advanced_to FROM ONLY $c WHERE source = 'tend'")
        .bind(("c", cycle_rid(key)))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

fn pair_rid(table: &str, cycle: &RecordId, a: &RecordId, b: Option<&RecordId>) -> RecordId {
    let mut parts = vec![Value::RecordId(cycle.clone()), Value::RecordId(a.clone())];
    if let Some(b) = b {
        parts.push(Value::RecordId(b.clone()));
    }
    RecordId::new(table, Array::from(parts))
}

/// HR moves the cycle on to `to`, recorded with who and when.
pub async fn advance(db: &Db, key: &str, to: Phase, by: &RecordId) -> Result<(), AppError> {
    exec(
        db.query("UPDATE $c SET advanced_to = $to, advanced += { by: $by, at: time::now(), to: $to } RETURN NONE")
            .bind(("c", cycle_rid(key)))
            .bind(("to", to.as_str().to_owned()))
            .bind(("by", by.clone())),
    )
    .await
}

// Reads of one person's reviews in a cycle name the person's index: left to
// itself the planner also scans `review_cycle`, every review of the cycle
// (50,000 at 10,000 people), and intersects the two. `repo::tests` checks the plans.
pub(crate) const IS_PARTICIPANT: &str =
    "RETURN count(SELECT id FROM review WITH INDEX review_ratee WHERE ratee = $p AND cycle = $c LIMIT 1) > 0";
pub(crate) const PEER_LOAD: &str =
    "SELECT VALUE ratee FROM review WITH INDEX review_reviewer WHERE reviewer = $p AND cycle = $c AND kind = 'peer'";
pub(crate) const SUBMITTED: &str =
    "SELECT reviewer, reviewer.name AS reviewer_name, kind, ratings, answers, overall, goal_rating,
            goal_comment ?? '' AS goal_comment FROM review WITH INDEX review_ratee WHERE ratee = $r AND cycle = $c AND status = 'submitted'";

/// Whether `person` takes part in the cycle (is reviewed in it).
pub async fn is_participant(db: &Db, cycle: &RecordId, person: &RecordId) -> Result<bool, AppError> {
    let mut res = db
        .query(IS_PARTICIPANT)
        .bind(("p", person.clone()))
        .bind(("c", cycle.clone()))
        .await
        .map_err(db_err)?;
    Ok(res.take::<Option<bool>>(0).map_err(db_err)?.unwrap_or(false))
}

/// A ratee's nominated peers: (peer, approved).
pub async fn nominations(db: &Db, cycle: &RecordId, ratee: &RecordId) -> Result<Vec<(RecordId, bool)>, AppError> {
    #[derive(SurrealValue)]
    struct R {
        peer: RecordId,
        approved: bool,
    }
    let mut res = db
        .query("SELECT peer, approved FROM nomination WHERE cycle = $c AND ratee = $r")
        .bind(("c", cycle.clone()))
        .bind(("r", ratee.clone()))
        .await
        .map_err(db_err)?;
    let rows: Vec<R> = res.take(0).map_err(db_err)?;
    Ok(rows.into_iter().map(|r| (r.peer, r.approved)).collect())
}

/// Replaces the ratee's proposals that are not yet approved.
pub async fn propose(db: &Db, cycle: &RecordId, ratee: &RecordId, peers: &[RecordId]) -> Result<(), AppError> {
    let ids: Vec<RecordId> = peers
        .iter()
        .map(|p| pair_rid("nomination", cycle, ratee, Some(p)))
        .collect();
    exec(
        db.query(
            "BEGIN TRANSACTION;
             DELETE nomination WHERE cycle = $c AND ratee = $r AND approved = false;
             FOR $i IN 0..array::len($ids) {
                 UPSERT $ids[$i] SET cycle = $c, ratee = $r, peer = $peers[$i], approved = approved ?? false,
                     updated_at = time::now() RETURN NONE;
             };
             COMMIT TRANSACTION;",
        )
        .bind(("c", cycle.clone()))
        .bind(("r", ratee.clone()))
        .bind(("ids", ids))
        .bind(("peers", peers.to_vec())),
    )
    .await
}

/// Peer reviews `peer` writes in the cycle for anyone but `except`.
pub async fn peer_load(db: &Db, cycle: &RecordId, peer: &RecordId, except: &RecordId) -> Result<usize, AppError> {
    let mut res = db
        .query(PEER_LOAD)
        .bind(("p", peer.clone()))
        .bind(("c", cycle.clone()))
        .await
        .map_err(db_err)?;
    let ratees: Vec<RecordId> = res.take(0).map_err(db_err)?;
    Ok(ratees.iter().filter(|r| *r != except).count())
}

/// The manager's final list: these peers are approved and get a draft peer
/// review; other nominations and unsubmitted peer drafts are removed. The
/// drafts are found on the ratee's index: a `DELETE … WHERE` cannot name
/// one, and its planner intersects the cycle's indexes (every review in it).
pub async fn approve(
    db: &Db,
    cycle: &RecordId,
    ratee: &RecordId,
    peers: &[RecordId],
    period_to: &str,
    due: &str,
) -> Result<(), AppError> {
    let noms: Vec<RecordId> = peers
        .iter()
        .map(|p| pair_rid("nomination", cycle, ratee, Some(p)))
        .collect();
    let reviews: Vec<RecordId> = peers
        .iter()
        .map(|p| review_rid(cycle, ratee, p, ReviewKind::Peer))
        .collect();
    exec(
        db.query(
            "BEGIN TRANSACTION;
             DELETE nomination WHERE cycle = $c AND ratee = $r AND peer NOTINSIDE $peers;
             DELETE (SELECT VALUE id FROM review WITH INDEX review_ratee
                 WHERE ratee = $r AND kind = 'peer' AND cycle = $c AND status = 'draft' AND reviewer NOTINSIDE $peers);
             FOR $i IN 0..array::len($peers) {
                 UPSERT $noms[$i] SET cycle = $c, ratee = $r, peer = $peers[$i], approved = true, updated_at = time::now() RETURN NONE;
                 IF record::exists($reviews[$i]) = false {
                     CREATE $reviews[$i] SET cycle = $c, ratee = $r, reviewer = $peers[$i], kind = 'peer',
                         status = 'draft', period_to = $period_to, due = $due,
                         ratee_unit = $r.org_unit, ratee_manager = ($r->reports_to->person)[0] RETURN NONE;
                 };
             };
             COMMIT TRANSACTION;",
        )
        .bind(("c", cycle.clone()))
        .bind(("r", ratee.clone()))
        .bind(("peers", peers.to_vec()))
        .bind(("noms", noms))
        .bind(("reviews", reviews))
        .bind(("period_to", period_to.to_owned()))
        .bind(("due", due.to_owned())),
    )
    .await
}

/// A submitted review with its reviewer, for results.
pub struct Submitted {
    pub reviewer: RecordId,
    pub reviewer_name: String,
    pub overall: Option<u8>,
    pub answer: Answer,
    /// The goal-achievement rating and comment, on templates with that section.
    pub goal_rating: Option<u8>,
    pub goal_comment: String,
}

/// Everything submitted about `ratee` in the cycle.
pub async fn submitted(db: &Db, cycle: &RecordId, ratee: &RecordId) -> Result<Vec<Submitted>, AppError> {
    #[derive(SurrealValue)]
    struct Rating {
        competency: String,
        rating: Option<i64>,
        comment: String,
    }
    #[derive(SurrealValue)]
    struct R {
        reviewer: RecordId,
        reviewer_name: String,
        kind: String,
        ratings: Vec<Rating>,
        answers: Vec<String>,
        overall: Option<i64>,
        goal_rating: Option<i64>,
        goal_comment: String,
    }
    let mut res = db
        .query(SUBMITTED)
        .bind(("r", ratee.clone()))
        .bind(("c", cycle.clone()))
        .await
        .map_err(db_err)?;
    let rows: Vec<R> = res.take(0).map_err(db_err)?;
    let small = |n: i64| n.clamp(1, 5) as u8;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(Submitted {
                answer: Answer {
                    kind: ReviewKind::parse(&r.kind)?,
                    ratings: r
                        .ratings
                        .into_iter()
                        .filter_map(|x| Some((x.competency, small(x.rating?), x.comment)))
                        .collect(),
                    answers: r.answers,
                },
                reviewer: r.reviewer,
                reviewer_name: r.reviewer_name,
                overall: r.overall.map(small),
                goal_rating: r.goal_rating.map(small),
                goal_comment: r.goal_comment,
            })
        })
        .collect())
}

/// The sharing and sign-off record.
#[derive(SurrealValue, Default)]
pub struct SignOff {
    pub shared_on: Option<String>,
    pub acknowledged_on: Option<String>,
    pub response: String,
}

pub async fn sign_off(db: &Db, cycle: &RecordId, ratee: &RecordId) -> Result<SignOff, AppError> {
    let mut res = db
        .query("SELECT shared_on, acknowledged_on, response FROM ONLY $id")
        .bind(("id", pair_rid("review_result", cycle, ratee, None)))
        .await
        .map_err(db_err)?;
    let row: Option<SignOff> = res.take(0).map_err(db_err)?;
    Ok(row.unwrap_or_default())
}

/// Records a share, or an acknowledgement with its response; every change
/// is appended to the history.
pub async fn record(
    db: &Db,
    cycle: &RecordId,
    ratee: &RecordId,
    by: &RecordId,
    what: &str,
    today: Day,
    text: &str,
) -> Result<(), AppError> {
    let sql = match what {
        "shared" => {
            "UPSERT $id SET shared_on = shared_on ?? $today,
                        history += { at: time::now(), by: $by, what: $what, text: $text } RETURN NONE"
        }
        _ => {
            "UPSERT $id SET acknowledged_on = acknowledged_on ?? $today, response = $text,
                 history += { at: time::now(), by: $by, what: $what, text: $text } RETURN NONE"
        }
    };
    exec(
        db.query(sql)
            .bind(("id", pair_rid("review_result", cycle, ratee, None)))
            .bind(("today", today.to_string()))
            .bind(("by", by.clone()))
            .bind(("what", what.to_owned()))
            .bind(("text", text.to_owned())),
    )
    .await
}
