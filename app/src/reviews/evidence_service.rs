//! The evidence panel beside a review: the ratee's goals and check-ins,
//! feedback received and coaching records over the whole review period —
//! only what the reviewer may already see elsewhere in Tend. The review's
//! id holds its reviewer, so only the reviewer reaches a review's evidence.

use crate::error::AppError;
use crate::feedback::access as feedback_access;
use crate::feedback::access::Relation;
use crate::feedback::model::{FeedbackKind, FeedbackVisibility};
use crate::goals::model::Status;
use crate::goals::{access as goal_access, repo as goals};
use crate::people::repo as people;
use crate::reviews::model::evidence::{EvidenceItem, EvidenceKind, GoalEvidence, ReviewEvidence, Tone};
use crate::reviews::model::{ReviewKind, ReviewRef};
use crate::reviews::repo::evidence::item_id;
use crate::reviews::repo::{drafts, evidence as repo};
use crate::server::db::Db;
use crate::server::repo::{key_of, person_rid};
use crate::server::CurrentUser;
use crate::shared::date::Day;
use crate::shared::ids::PersonId;

/// Longest text of one item shown in the panel.
const DETAIL_CHARS: usize = 240;

/// What a reviewer of this kind sees, in words, for the panel's footer.
fn scope(kind: ReviewKind) -> &'static str {
    match kind {
        ReviewKind::SelfReview => {
            "Everything about you in the period: your goals and check-ins, all feedback you received and the coaching records about you."
        }
        ReviewKind::Manager => {
            "Goals and check-ins, feedback shared with the manager line or the whole organisation (private feedback stays between its two people), and the coaching records you wrote."
        }
        ReviewKind::Peer | ReviewKind::Upward => {
            "Goals shared with the organisation, feedback shared with everyone or given by you. Coaching records and private feedback are not shown to peers and reports."
        }
    }
}

fn clip(text: &str) -> String {
    let t = text.trim();
    match t.char_indices().nth(DETAIL_CHARS) {
        Some((i, _)) => format!("{}…", &t[..i]),
        None => t.to_owned(),
    }
}

/// The evidence for one of the signed-in person's reviews.
pub async fn evidence(db: &Db, user: &CurrentUser, r: &ReviewRef) -> Result<ReviewEvidence, AppError> {
    let id = crate::reviews::service::rid_for(r, &user.id)?;
    let row = drafts::review(db, &id).await?.ok_or(AppError::NotFound)?;
    let from = Day::parse(&row.period_from).ok_or(AppError::Internal)?;
    let to = Day::parse(&row.period_to).ok_or(AppError::Internal)?;
    let ratee = PersonId::parse(&r.ratee).ok_or(AppError::NotFound)?;
    let ratee_rid = person_rid(&ratee);
    let me = person_rid(&user.id);
    // The review's kind fixes how the reviewer stands to the ratee: their
    // manager is above them, a peer or report is not. HR rights play no part.
    let above = r.kind == ReviewKind::Manager && people::is_above(db, &user.id, &ratee).await?;
    let reaches = r.kind == ReviewKind::SelfReview || above;
    let wants_coaching = matches!(r.kind, ReviewKind::SelfReview | ReviewKind::Manager);
    let (goal_rows, feedback, coaching) = futures::try_join!(
        goals::owned_by(db, vec![ratee_rid.clone()], from, to),
        repo::feedback(db, &ratee_rid, from, to),
        async {
            if wants_coaching {
                repo::coaching(db, &ratee_rid, from, to).await
            } else {
                Ok(Vec::new())
            }
        },
    )?;
    let goal_rows: Vec<_> = goal_rows
        .into_iter()
        .filter(|g| goal_access::open_to_all(g) || reaches)
        .collect();
    let checkins = repo::checkins(db, goal_rows.iter().map(|g| g.id.clone()).collect(), from, to).await?;

    let mut items = Vec::new();
    for f in feedback {
        let relation = if f.giver == me {
            Relation::Giver
        } else if r.kind == ReviewKind::SelfReview {
            Relation::Recipient
        } else if above {
            Relation::ManagerLine
        } else {
            Relation::Other
        };
        let visibility = FeedbackVisibility::parse(&f.visibility).unwrap_or(FeedbackVisibility::Private);
        if !feedback_access::may_read(visibility, relation) {
            continue;
        }
        let Some(day) = Day::parse(&f.happened_on) else {
            continue;
        };
        let kind = FeedbackKind::parse(&f.kind).unwrap_or(FeedbackKind::Praise);
        let tone = match kind {
            FeedbackKind::Praise => Tone::Positive,
            FeedbackKind::Constructive => Tone::Constructive,
            FeedbackKind::Coaching => Tone::Neutral,
        };
        let text = if f.behaviour.trim().is_empty() {
            &f.body
        } else {
            &f.behaviour
        };
        items.push(EvidenceItem {
            id: item_id(&f.id),
            kind: EvidenceKind::Feedback,
            day,
            title: match kind {
                FeedbackKind::Praise => format!("Praise from {}", f.giver_name),
                FeedbackKind::Constructive => format!("Constructive feedback from {}", f.giver_name),
                FeedbackKind::Coaching => format!("Coaching tip from {}", f.giver_name),
            },
            detail: clip(text),
            tone,
        });
    }
    for c in &checkins {
        let Some(day) = Day::parse(&c.day) else { continue };
        let status = Status::parse(&c.status).unwrap_or(Status::OnTrack);
        items.push(EvidenceItem {
            id: item_id(&c.id),
            kind: EvidenceKind::CheckIn,
            day,
            title: format!(
                "Check-in on “{}”: {:.0} % · {}",
                c.goal_title,
                c.progress * 100.0,
                status.label()
            ),
            detail: clip(&c.note),
            tone: match status {
                Status::AtRisk | Status::OffTrack => Tone::Constructive,
                Status::OnTrack | Status::Done => Tone::Positive,
                Status::Abandoned => Tone::Neutral,
            },
        });
    }
    for c in coaching {
        // A manager sees the coaching they did; the ratee sees all of theirs.
        if r.kind == ReviewKind::Manager && c.coach != me {
            continue;
        }
        let Some(day) = Day::parse(&c.happened_on) else {
            continue;
        };
        items.push(EvidenceItem {
            id: item_id(&c.id),
            kind: EvidenceKind::Coaching,
            day,
            title: format!("Coaching by {}: {}", c.coach_name, c.topic),
            detail: clip(&c.agreed),
            tone: Tone::Neutral,
        });
    }
    items.sort_by(|a, b| a.day.cmp(&b.day).then_with(|| a.id.cmp(&b.id)));
    let goals = goal_rows
        .iter()
        .map(|g| GoalEvidence {
            id: key_of(&g.id),
            title: g.title.clone(),
            progress: g.progress,
            status: Status::parse(&g.status).unwrap_or(Status::OnTrack),
            period_end: g.end(),
            checkins: checkins.iter().filter(|c| c.goal == g.id).count() as u32,
        })
        .collect();
    Ok(ReviewEvidence {
        period_from: from,
        period_to: to,
        goals,
        items,
        scope: scope(r.kind).to_owned(),
    })
}

#[cfg(test)]
mod tests;
