//! Goal changes, end to end: permission, validation, alignment rules, the
//! write with its audit events, then the roll-up. Server functions call these
//! after authenticating, so tests can too.

mod diff;
pub mod reads;
mod review;
mod status;

pub use review::review;
pub use status::set_status;

use crate::error::AppError;
use crate::goals::access::Aligning;
use crate::goals::model::{CheckInDraft, GoalDraft, GoalId, GoalToEdit, KrDraft, KrKind, OwnerOption, Period, Status};
use crate::goals::repo::detail::{ChangeRow, KrRow};
use crate::goals::repo::write::{Event, KrValue, NewCheckIn, NewGoal};
use crate::goals::repo::{detail as goal_detail, rollup as goal_rollup, write, GoalRow};
use crate::goals::rules::{format_number, ValidGoal, ValidKr};
use crate::goals::{access as goal_access, rules as goal_rules, smart as quality};
use crate::people::model::OwnerRef;
use crate::server::db::Db;
use crate::server::repo::{key_of, person_rid};
use crate::server::CurrentUser;
use crate::shared::date::{Day, Quarter};
use surrealdb::types::RecordId;

/// `quarter`, `period_start`, `period_end` as stored.
pub(crate) fn period_fields(p: Period) -> (Option<String>, String, String) {
    let q = match p {
        Period::Quarter(q) => Some(q.to_string()),
        Period::Custom { .. } => None,
    };
    (q, p.start().to_string(), p.end().to_string())
}

fn hints(draft: &GoalDraft) -> Vec<String> {
    quality::check(draft).iter().map(|h| h.message()).collect()
}

fn kr_write(goal: &RecordId, k: &ValidKr, position: usize, id: RecordId) -> KrRow {
    KrRow {
        id,
        goal: goal.clone(),
        title: k.title.clone(),
        kind: k.kind.as_str().into(),
        unit: k.unit.clone(),
        baseline: k.baseline,
        target: k.target,
        current: k.baseline,
        done: false,
        weight: k.weight,
        position: position as i64,
    }
}

fn new_kr_rid() -> RecordId {
    RecordId::new("key_result", crate::server::repo::new_key("k").as_str())
}

fn validate(draft: &GoalDraft) -> Result<ValidGoal, AppError> {
    goal_rules::validate(draft).map_err(AppError::InvalidFields)
}

/// Creates a goal owned as the draft says, after every rule has passed.
pub async fn create(db: &Db, user: &CurrentUser, draft: GoalDraft, today: Day) -> Result<GoalId, AppError> {
    let valid = validate(&draft)?;
    let place = goal_access::check_owner(db, user, valid.level, &valid.owner).await?;
    let owner = person_rid(&valid.owner);
    let key = crate::server::repo::new_key("g");
    let id = RecordId::new("goal", key.as_str());
    if let Some(parent) = &valid.parent {
        let child = Aligning {
            id: None,
            level: valid.level,
            unit: &place.unit,
            owner: &owner,
        };
        goal_access::check_alignment(db, user, &child, &crate::server::repo::goal_rid(parent)).await?;
    }
    let (quarter, period_start, period_end) = period_fields(valid.period);
    let krs: Vec<KrRow> = valid
        .key_results
        .iter()
        .enumerate()
        .map(|(i, k)| kr_write(&id, k, i, new_kr_rid()))
        .collect();
    let actor = person_rid(&user.id);
    let mut events = vec![Event::new(&id, &actor, "created", None, Some(valid.title.clone()))];
    events.extend(
        krs.iter()
            .map(|k| Event::new(&id, &actor, "key result added", None, Some(k.title.clone()))),
    );
    let goal = NewGoal {
        level: valid.level.as_str().into(),
        unit: place.unit.clone(),
        owner: owner.clone(),
        title: valid.title.clone(),
        description: valid.description.clone(),
        quarter,
        period_start,
        period_end,
        due: valid.due.map(|d| d.to_string()),
        parent: valid.parent.as_ref().map(crate::server::repo::goal_rid),
        alignment_weight: valid.alignment_weight,
        visibility: valid.visibility.as_str().into(),
        status: Status::OnTrack.as_str().into(),
        hints: hints(&draft),
        predecessor: None,
        created_by: actor,
    };
    write::create(db, &id, goal, krs, events, None).await?;
    goal_rollup::recompute_up(db, Some(id.clone()), today).await?;
    let parent = valid.parent.as_ref().map(crate::server::repo::goal_rid);
    if parent.is_some() {
        let about = crate::goals::notices::About {
            id: &id,
            title: &valid.title,
            owner: &owner,
            visibility: valid.visibility.as_str(),
            parent: parent.as_ref(),
        };
        crate::goals::notices::aligned(db, user, about).await;
    }
    Ok(GoalId::parse(&key).expect("generated keys are valid ids"))
}

/// The edit form's view of a goal the user may edit.
pub async fn editable(db: &Db, user: &CurrentUser, id: &str) -> Result<GoalToEdit, AppError> {
    let rid = crate::goals::service::reads::support::goal_rid(id)?;
    let row = goal_access::load_editable(db, user, &rid).await?;
    let extra = goal_detail::extra(db, &rid).await?.ok_or(AppError::NotFound)?;
    let krs = goal_detail::key_results(db, &rid).await?;
    let level = row.level();
    let owner = OwnerRef {
        id: row.owner_id().ok_or(AppError::NotFound)?,
        name: row.owner_name.clone(),
    };
    let period = match row.quarter.as_deref().and_then(Quarter::parse) {
        Some(q) if q.start() == row.start() && q.end() == row.end() => Period::Quarter(q),
        _ => Period::Custom {
            start: row.start(),
            end: row.end(),
        },
    };
    let draft = GoalDraft {
        level,
        owner: Some(owner.id.clone()),
        title: row.title.clone(),
        description: extra.description,
        period,
        due: row.due.as_deref().and_then(Day::parse),
        parent: row.parent.as_ref().and_then(|p| GoalId::parse(&key_of(p))),
        alignment_weight: format_number(extra.alignment_weight),
        visibility: row.visibility(),
        key_results: krs
            .iter()
            .map(|k| KrDraft {
                id: Some(key_of(&k.id)),
                title: k.title.clone(),
                kind: k.kind(),
                unit: k.unit.clone(),
                baseline: if k.kind() == KrKind::Metric {
                    format_number(k.baseline)
                } else {
                    String::new()
                },
                target: if k.kind() == KrKind::Metric {
                    format_number(k.target)
                } else {
                    String::new()
                },
                weight: format_number(k.weight),
            })
            .collect(),
    };
    Ok(GoalToEdit {
        id: row.goal_id(),
        owner: OwnerOption {
            level,
            label: format!("{} goal · {}", level.label(), owner.name),
            owner,
        },
        draft,
    })
}

/// Saves an edit. The level and owner are fixed once a goal exists.
pub async fn update(db: &Db, user: &CurrentUser, id: &str, draft: GoalDraft, today: Day) -> Result<(), AppError> {
    let rid = crate::goals::service::reads::support::goal_rid(id)?;
    let row = goal_access::load_editable(db, user, &rid).await?;
    let valid = validate(&draft)?;
    if valid.level != row.level() || Some(&valid.owner) != row.owner_id().as_ref() {
        return Err(AppError::field(
            "owner",
            "A goal's level and owner can't change; create a new goal instead.",
        ));
    }
    let new_parent = valid.parent.as_ref().map(crate::server::repo::goal_rid);
    if let Some(parent) = &new_parent {
        if row.parent.as_ref() != Some(parent) {
            let child = Aligning {
                id: Some(&rid),
                level: row.level(),
                unit: &row.unit,
                owner: &row.owner,
            };
            goal_access::check_alignment(db, user, &child, parent).await?;
        }
    }
    let extra = goal_detail::extra(db, &rid).await?.ok_or(AppError::NotFound)?;
    let existing = goal_detail::key_results(db, &rid).await?;
    let actor = person_rid(&user.id);
    let mut events = diff::goal_events(&rid, &actor, &row, &extra, &valid);
    let krs = diff::key_results(&rid, &actor, &existing, &valid.key_results, &mut events)?;
    let (quarter, period_start, period_end) = period_fields(valid.period);
    let edit = write::GoalEdit {
        title: valid.title.clone(),
        description: valid.description.clone(),
        quarter,
        period_start,
        period_end,
        due: valid.due.map(|d| d.to_string()),
        parent: new_parent.clone(),
        alignment_weight: valid.alignment_weight,
        visibility: valid.visibility.as_str().into(),
        hints: hints(&draft),
    };
    write::update(
        db,
        &rid,
        edit,
        row.parent.clone(),
        krs.changed,
        krs.added,
        krs.removed,
        events,
    )
    .await?;
    goal_rollup::recompute_up(db, Some(rid.clone()), today).await?;
    if row.parent != new_parent {
        goal_rollup::recompute_up(db, row.parent.clone(), today).await?;
        if new_parent.is_some() {
            let about = crate::goals::notices::About {
                id: &rid,
                title: &valid.title,
                owner: &row.owner,
                visibility: valid.visibility.as_str(),
                parent: new_parent.as_ref(),
            };
            crate::goals::notices::aligned(db, user, about).await;
        }
    }
    Ok(())
}

/// Records a check-in on an open goal and rolls its progress up.
pub async fn check_in(db: &Db, user: &CurrentUser, id: &str, input: CheckInDraft, today: Day) -> Result<(), AppError> {
    check_in_keyed(db, user, id, input, today, crate::server::repo::new_key("c")).await
}

/// A check-in kept under a chosen key (offline capture uses the client's id,
/// so a retried send cannot apply the same check-in twice).
pub async fn check_in_keyed(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    input: CheckInDraft,
    today: Day,
    key: String,
) -> Result<(), AppError> {
    let rid = crate::goals::service::reads::support::goal_rid(id)?;
    let row = goal_access::load_editable(db, user, &rid).await?;
    ensure_open(db, &row).await?;
    goal_rules::check_checkin(input.confidence, &input.note).map_err(|e| AppError::InvalidFields(vec![e]))?;
    let mut inputs = goal_rollup::load(db, &rid).await?.ok_or(AppError::NotFound)?;
    let mut errors = Vec::new();
    let mut values = Vec::new();
    let mut changes = Vec::new();
    let actor = person_rid(&user.id);
    let mut events = Vec::new();
    for u in &input.updates {
        let Some(kr) = inputs.key_results.iter_mut().find(|k| key_of(&k.id) == u.kr) else {
            return Err(AppError::Invalid("That key result is not part of this goal.".into()));
        };
        let (to, done) = match kr.kind() {
            KrKind::Milestone => (if u.done { 1.0 } else { 0.0 }, u.done),
            KrKind::Metric => match goal_rules::parse_number(&u.value) {
                Some(v) => (v, false),
                None => {
                    errors.push(crate::error::FieldError {
                        field: format!("value.{}", u.kr),
                        message: "Enter the current value as a number, e.g. 1250 or 4.5.".into(),
                    });
                    continue;
                }
            },
        };
        if to == kr.current && done == kr.done {
            continue;
        }
        let show = |x: f64, d: bool| match kr.kind() {
            KrKind::Milestone => if d { "done" } else { "not done" }.to_owned(),
            KrKind::Metric => format!("{} {}", format_number(x), kr.unit).trim().to_owned(),
        };
        events.push(Event::new(
            &rid,
            &actor,
            format!("key result \u{201c}{}\u{201d}", kr.title),
            Some(show(kr.current, kr.done)),
            Some(show(to, done)),
        ));
        changes.push(ChangeRow {
            title: kr.title.clone(),
            from: kr.current,
            to,
        });
        values.push(KrValue {
            kr: kr.id.clone(),
            current: to,
            done,
        });
        kr.current = to;
        kr.done = done;
    }
    if !errors.is_empty() {
        return Err(AppError::InvalidFields(errors));
    }
    let computed = inputs.compute(today, Some(input.confidence), Some(input.status));
    if computed.status.as_str() != row.status {
        let how = if computed.overridden {
            " (set by hand)"
        } else {
            " (suggested)"
        };
        events.push(Event::new(
            &rid,
            &actor,
            "status",
            Some(label(&row.status)),
            Some(format!("{}{how}", computed.status.label())),
        ));
    }
    let checkin = NewCheckIn {
        goal: rid.clone(),
        author: actor,
        day: today.to_string(),
        note: input.note.trim().to_owned(),
        confidence: input.confidence as i64,
        changes,
        progress: computed.progress,
        status: computed.status.as_str().into(),
    };
    write::check_in(
        db,
        &RecordId::new("checkin", key.as_str()),
        values,
        checkin,
        &computed,
        events,
    )
    .await?;
    goal_rollup::recompute_up(db, row.parent.clone(), today).await?;
    let about = crate::goals::notices::About {
        id: &rid,
        title: &row.title,
        owner: &row.owner,
        visibility: &row.visibility,
        parent: row.parent.as_ref(),
    };
    crate::goals::notices::checked_in(db, user, about, &key).await;
    Ok(())
}

fn label(status: &str) -> String {
    Status::parse(status)
        .map(|s| s.label().to_owned())
        .unwrap_or_else(|| status.to_owned())
}

pub(super) async fn ensure_open(db: &Db, row: &GoalRow) -> Result<(), AppError> {
    if write::is_reviewed(db, &row.id).await? {
        return Err(AppError::Invalid(
            "This goal was closed in its quarterly review; check in on its successor instead.".into(),
        ));
    }
    if row.status == Status::Abandoned.as_str() {
        return Err(AppError::Invalid(
            "This goal was abandoned. Set its status back first to check in.".into(),
        ));
    }
    Ok(())
}
