//! What the reviews feature tells people: a review assigned, its deadline
//! extended, results shared, and, for anonymous kinds, that enough reviews
//! about someone are in (only once the cycle's anonymity threshold is
//! reached, so no single submission can be told apart).

use crate::error::AppError;
use crate::notify::model::Kind;
use crate::notify::service::{tell, Note};
use crate::reviews::model::ReviewKind;
use crate::server::db::Db;
use crate::server::repo::{db_err, key_of};
use surrealdb::types::{RecordId, SurrealValue};

fn write_link(cycle: &str, ratee: &str, kind: ReviewKind) -> String {
    format!("/reviews/write?cycle={cycle}&ratee={ratee}&kind={}", kind.as_str())
}

/// Tells every reviewer of a cycle about their reviews. Each review is
/// told once, so calling it again after peers are approved tells only them.
pub async fn assigned(db: &Db, cycle: &RecordId) {
    #[derive(SurrealValue)]
    struct Row {
        id: RecordId,
        ratee: RecordId,
        ratee_name: String,
        reviewer: RecordId,
        kind: String,
        due: Option<String>,
        cycle_name: String,
    }
    let rows: Result<Vec<Row>, AppError> = async {
        let mut res = db
            .query("SELECT id, ratee, ratee.name AS ratee_name, reviewer, kind, due, cycle.name AS cycle_name FROM review WHERE cycle = $c AND status = 'draft'")
            .bind(("c", cycle.clone()))
            .await
            .map_err(db_err)?;
        res.take(0).map_err(db_err)
    }
    .await;
    let Ok(rows) = rows.map_err(|e| tracing::warn!(%e, "could not read a cycle's reviews to tell their writers"))
    else {
        return;
    };
    let c = key_of(cycle);
    let notes = rows
        .into_iter()
        .filter_map(|r| {
            let kind = ReviewKind::parse(&r.kind)?;
            let what = match kind {
                ReviewKind::SelfReview => "your self-review".to_owned(),
                ReviewKind::Manager => format!("a review of {}", r.ratee_name),
                ReviewKind::Peer => format!("a peer review of {}", r.ratee_name),
                ReviewKind::Upward => format!("an upward review of {}", r.ratee_name),
            };
            let due = r.due.map(|d| format!(", due {d}")).unwrap_or_default();
            Some(Note {
                to: r.reviewer,
                kind: Kind::ReviewAssigned,
                occasion: format!("review-assigned:{}", key_of(&r.id)),
                text: format!("{}: write {what}{due}", r.cycle_name),
                link: write_link(&c, &key_of(&r.ratee), kind),
                subject: format!("review:{c}:{}:{}", key_of(&r.ratee), kind.as_str()),
            })
        })
        .collect();
    tell(db, notes).await;
}

/// Tells each writer of `reviews` that their deadline moved to `until`.
pub async fn extended(db: &Db, reviews: Vec<RecordId>, until: &str) {
    #[derive(SurrealValue)]
    struct Row {
        cycle: RecordId,
        ratee: RecordId,
        reviewer: RecordId,
        kind: String,
    }
    let rows: Result<Vec<Row>, AppError> = async {
        let mut res = db
            .query("SELECT cycle, ratee, reviewer, kind FROM $ids WHERE status = 'draft'")
            .bind(("ids", reviews))
            .await
            .map_err(db_err)?;
        res.take(0).map_err(db_err)
    }
    .await;
    let Ok(rows) = rows.map_err(|e| tracing::warn!(%e, "could not read extended reviews to tell their writers")) else {
        return;
    };
    let notes = rows
        .into_iter()
        .filter_map(|r| {
            let kind = ReviewKind::parse(&r.kind)?;
            let (c, ratee) = (key_of(&r.cycle), key_of(&r.ratee));
            Some(Note {
                to: r.reviewer.clone(),
                kind: Kind::ReviewExtended,
                occasion: format!(
                    "review-extended:{c}:{ratee}:{}:{}:{until}",
                    kind.as_str(),
                    key_of(&r.reviewer)
                ),
                text: format!("Your review deadline moved to {until}"),
                link: write_link(&c, &ratee, kind),
                subject: format!("review:{c}:{ratee}:{}", kind.as_str()),
            })
        })
        .collect();
    tell(db, notes).await;
}

/// [`extended`] for every draft of one kind about one ratee (HR extends
/// missing anonymous reviews together).
pub async fn extended_all(db: &Db, cycle: &RecordId, ratee: &RecordId, kind: ReviewKind, until: &str) {
    let ids: Result<Vec<RecordId>, AppError> = async {
        let mut res = db
            .query("SELECT VALUE id FROM review WHERE cycle = $c AND ratee = $r AND kind = $k AND status = 'draft'")
            .bind(("c", cycle.clone()))
            .bind(("r", ratee.clone()))
            .bind(("k", kind.as_str()))
            .await
            .map_err(db_err)?;
        res.take(0).map_err(db_err)
    }
    .await;
    if let Ok(ids) = ids {
        extended(db, ids, until).await;
    }
}

/// Tells a ratee their results are shared.
pub async fn shared(db: &Db, ratee: &RecordId, cycle: &str, cycle_name: &str, by: &str) {
    tell(
        db,
        vec![Note {
            to: ratee.clone(),
            kind: Kind::ReviewShared,
            occasion: format!("review-shared:{cycle}"),
            text: format!("{by} shared your {cycle_name} review results"),
            link: format!("/reviews/results?cycle={cycle}&ratee={}", key_of(ratee)),
            subject: format!("results:{cycle}"),
        }],
    )
    .await;
}

/// After an anonymous review is submitted: when the submitted reviews of
/// that kind about the ratee have just reached the cycle's threshold, tell
/// the ratee (once). Below it, nothing is told: a count of one or two would
/// point at whoever just submitted.
pub async fn submitted(db: &Db, cycle: &RecordId, ratee: &RecordId, kind: ReviewKind) {
    if !matches!(kind, ReviewKind::Peer | ReviewKind::Upward) {
        return;
    }
    let counted: Result<(Option<i64>, Option<i64>, String), AppError> = async {
        let mut res = db
            .query(
                "RETURN count(SELECT id FROM review WHERE cycle = $c AND ratee = $r AND kind = $k AND status = 'submitted');
                 RETURN $c.anonymity; RETURN $c.name;",
            )
            .bind(("c", cycle.clone()))
            .bind(("r", ratee.clone()))
            .bind(("k", kind.as_str()))
            .await
            .map_err(db_err)?;
        Ok((res.take(0).map_err(db_err)?, res.take(1).map_err(db_err)?, res.take::<Option<String>>(2).map_err(db_err)?.unwrap_or_default()))
    }
    .await;
    let Ok((Some(n), threshold, name)) = counted else {
        return;
    };
    let threshold = threshold.unwrap_or(3).max(crate::anonymity::MIN_GROUP as i64);
    if n < threshold {
        return;
    }
    let what = if kind == ReviewKind::Peer {
        "peer reviews"
    } else {
        "upward reviews"
    };
    let c = key_of(cycle);
    tell(
        db,
        vec![Note {
            to: ratee.clone(),
            kind: Kind::ReviewsSubmitted,
            occasion: format!("reviews-submitted:{c}:{}", kind.as_str()),
            text: format!("{name}: at least {threshold} {what} about you are in. You see them, grouped and anonymous, when results are shared."),
            link: "/reviews".into(),
            subject: format!("results:{c}"),
        }],
    )
    .await;
}
