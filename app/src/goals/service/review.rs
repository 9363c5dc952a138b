//! The quarterly review of one goal: close it, carry it over into the next
//! quarter as a linked goal, or rescope it; always with a written reflection.

use super::{hints, period_fields};
use crate::error::AppError;
use crate::goals::model::{GoalDraft, GoalId, KrDraft, Period, ReviewDecision, Status};
use crate::goals::repo::detail::KrRow;
use crate::goals::repo::write::{Event, NewGoal, Rescope, ReviewMark};
use crate::goals::repo::{detail as goal_detail, rollup as goal_rollup, write, GoalRow};
use crate::goals::rules::PERIOD_MAX_DAYS;
use crate::goals::{access as goal_access, repo as goals, rules as goal_rules};
use crate::server::db::Db;
use crate::server::repo::person_rid;
use crate::server::CurrentUser;
use crate::shared::date::{Day, Quarter};
use surrealdb::types::RecordId;

/// Applies a review decision; returns the new goal's id for a carry-over.
pub async fn review(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    decision: ReviewDecision,
    reflection: &str,
    today: Day,
) -> Result<Option<GoalId>, AppError> {
    let rid = crate::goals::service::reads::support::goal_rid(id)?;
    let row = goal_access::load_editable(db, user, &rid).await?;
    let reflection = goal_rules::check_reflection(reflection).map_err(|m| AppError::field("reflection", m))?;
    if write::is_reviewed(db, &rid).await? {
        return Err(AppError::Invalid("This goal has already been reviewed.".into()));
    }
    let actor = person_rid(&user.id);
    let mark = |outcome: &str| ReviewMark {
        goal: rid.clone(),
        outcome: outcome.into(),
        reflection: reflection.clone(),
        by: actor.clone(),
    };
    match decision {
        ReviewDecision::Close { status } => {
            if !status.is_closed() {
                return Err(AppError::field("decision", "Close a goal as done or abandoned."));
            }
            let events = vec![
                Event::new(
                    &rid,
                    &actor,
                    "review",
                    None,
                    Some(format!("Closed as {}", status.label().to_lowercase())),
                ),
                Event::new(
                    &rid,
                    &actor,
                    "status",
                    Some(super::label(&row.status)),
                    Some(format!("{} (review)", status.label())),
                ),
            ];
            write::review(db, mark("closed"), Some(status.as_str().into()), None, events).await?;
            goal_rollup::recompute_up(db, row.parent.clone(), today).await?;
            Ok(None)
        }
        ReviewDecision::Rescope { title, due } => {
            let title = goal_rules::check_title(&title).map_err(|m| AppError::field("title", m))?;
            if due < row.start() || row.start().days_until(due) >= PERIOD_MAX_DAYS {
                return Err(AppError::field(
                    "due",
                    "Pick a due date after the goal starts and within a year of it.",
                ));
            }
            let end = due.max(row.end());
            let quarter = if end == row.end() { row.quarter.clone() } else { None };
            let mut events = vec![Event::new(&rid, &actor, "review", None, Some("Rescoped".into()))];
            if title != row.title {
                events.push(Event::new(
                    &rid,
                    &actor,
                    "title",
                    Some(row.title.clone()),
                    Some(title.clone()),
                ));
            }
            events.push(Event::new(
                &rid,
                &actor,
                "due date",
                Some(row.due.clone().unwrap_or_else(|| "none".into())),
                Some(due.to_string()),
            ));
            let rescope = Rescope {
                title,
                due: due.to_string(),
                period_end: end.to_string(),
                quarter,
            };
            write::review(db, mark("rescoped"), None, Some(rescope), events).await?;
            goal_rollup::recompute_up(db, Some(rid), today).await?;
            Ok(None)
        }
        ReviewDecision::CarryOver => carry_over(db, &row, &actor, mark("carried_over"), today)
            .await
            .map(Some),
    }
}

async fn carry_over(
    db: &Db,
    row: &GoalRow,
    actor: &RecordId,
    mark: ReviewMark,
    today: Day,
) -> Result<GoalId, AppError> {
    let extra = goal_detail::extra(db, &row.id).await?.ok_or(AppError::NotFound)?;
    let krs = goal_detail::key_results(db, &row.id).await?;
    let next = Quarter::of(row.end()).next();
    let (start, end) = (next.start(), next.end());
    // Keep the alignment only if the parent still runs next quarter.
    let parent = match &row.parent {
        Some(p) => goals::row(db, p)
            .await?
            .filter(|g| g.start() <= end && g.end() >= start && g.status != Status::Abandoned.as_str())
            .map(|g| g.id),
        None => None,
    };
    let key = crate::server::repo::new_key("g");
    let id = RecordId::new("goal", key.as_str());
    let new_krs: Vec<KrRow> = krs
        .iter()
        .map(|k| KrRow {
            id: super::new_kr_rid(),
            goal: id.clone(),
            title: k.title.clone(),
            kind: k.kind.clone(),
            unit: k.unit.clone(),
            baseline: k.baseline,
            target: k.target,
            current: k.current,
            done: k.done,
            weight: k.weight,
            position: k.position,
        })
        .collect();
    let draft = GoalDraft {
        level: row.level(),
        owner: row.owner_id(),
        title: row.title.clone(),
        description: extra.description.clone(),
        period: Period::Quarter(next),
        due: Some(end),
        parent: parent
            .as_ref()
            .and_then(|p| GoalId::parse(&crate::server::repo::key_of(p))),
        alignment_weight: String::new(),
        visibility: row.visibility(),
        key_results: krs
            .iter()
            .map(|k| KrDraft {
                id: None,
                title: k.title.clone(),
                kind: k.kind(),
                unit: k.unit.clone(),
                baseline: k.baseline.to_string(),
                target: k.target.to_string(),
                weight: k.weight.to_string(),
            })
            .collect(),
    };
    let (quarter, period_start, period_end) = period_fields(Period::Quarter(next));
    let goal = NewGoal {
        level: row.level.clone(),
        unit: row.unit.clone(),
        owner: row.owner.clone(),
        title: row.title.clone(),
        description: extra.description.clone(),
        quarter,
        period_start,
        period_end,
        due: Some(end.to_string()),
        parent,
        alignment_weight: extra.alignment_weight,
        visibility: row.visibility.clone(),
        status: Status::OnTrack.as_str().into(),
        hints: hints(&draft),
        predecessor: Some(row.id.clone()),
        created_by: actor.clone(),
    };
    let events = vec![
        Event::new(
            &id,
            actor,
            "created",
            None,
            Some(format!("Carried over from {}", row.period_label())),
        ),
        Event::new(
            &row.id,
            actor,
            "review",
            None,
            Some(format!("Carried over to {}", next.label())),
        ),
    ];
    write::create(db, &id, goal, new_krs, events, Some(mark)).await?;
    goal_rollup::recompute_up(db, Some(id), today).await?;
    Ok(GoalId::parse(&key).expect("generated keys are valid ids"))
}
