//! Audit events for an edit: each changed field, from → to.

use crate::error::AppError;
use crate::goals::repo::detail::{GoalExtra, KrRow};
use crate::goals::repo::write::Event;
use crate::goals::repo::GoalRow;
use crate::goals::rules::{format_number, ValidGoal, ValidKr};
use crate::server::repo::key_of;
use surrealdb::types::RecordId;

fn push(events: &mut Vec<Event>, goal: &RecordId, actor: &RecordId, field: &str, from: String, to: String) {
    if from != to {
        events.push(Event::new(goal, actor, field, Some(from), Some(to)));
    }
}

/// Events for the goal's own fields.
pub fn goal_events(goal: &RecordId, actor: &RecordId, old: &GoalRow, extra: &GoalExtra, new: &ValidGoal) -> Vec<Event> {
    let mut ev = Vec::new();
    push(&mut ev, goal, actor, "title", old.title.clone(), new.title.clone());
    if extra.description != new.description {
        ev.push(Event::new(
            goal,
            actor,
            "description",
            Some(excerpt(&extra.description)),
            Some(excerpt(&new.description)),
        ));
    }
    push(
        &mut ev,
        goal,
        actor,
        "period",
        format!("{} – {}", old.period_start, old.period_end),
        format!("{} – {}", new.period.start(), new.period.end()),
    );
    push(
        &mut ev,
        goal,
        actor,
        "due date",
        old.due.clone().unwrap_or_else(|| "none".into()),
        new.due.map(|d| d.to_string()).unwrap_or_else(|| "none".into()),
    );
    push(
        &mut ev,
        goal,
        actor,
        "aligned to",
        old.parent.as_ref().map(key_of).unwrap_or_else(|| "nothing".into()),
        new.parent
            .as_ref()
            .map(|p| p.to_string())
            .unwrap_or_else(|| "nothing".into()),
    );
    push(
        &mut ev,
        goal,
        actor,
        "alignment weight",
        format_number(extra.alignment_weight),
        format_number(new.alignment_weight),
    );
    push(
        &mut ev,
        goal,
        actor,
        "visibility",
        old.visibility.clone(),
        new.visibility.as_str().into(),
    );
    ev
}

fn excerpt(s: &str) -> String {
    if s.is_empty() {
        return "(empty)".into();
    }
    let mut t: String = s.chars().take(80).collect();
    if s.chars().count() > 80 {
        t.push('…');
    }
    t
}

/// Key results of an edit, sorted by what happens to them.
pub struct KrChanges {
    pub changed: Vec<KrRow>,
    pub added: Vec<KrRow>,
    pub removed: Vec<RecordId>,
}

/// Splits the edited key results into changed, added and removed, pushing an
/// event for every difference. Ids not belonging to this goal are refused.
pub fn key_results(
    goal: &RecordId,
    actor: &RecordId,
    existing: &[KrRow],
    edited: &[ValidKr],
    events: &mut Vec<Event>,
) -> Result<KrChanges, AppError> {
    let (mut changed, mut added) = (Vec::new(), Vec::new());
    for (i, k) in edited.iter().enumerate() {
        match &k.id {
            Some(kid) => {
                let old = existing
                    .iter()
                    .find(|e| &key_of(&e.id) == kid)
                    .ok_or_else(|| AppError::Invalid("A key result in this form belongs to another goal.".into()))?;
                let name = format!("key result \u{201c}{}\u{201d}", old.title);
                let fields = [
                    ("title", old.title.clone(), k.title.clone()),
                    ("kind", old.kind.clone(), k.kind.as_str().to_owned()),
                    ("unit", old.unit.clone(), k.unit.clone()),
                    ("baseline", format_number(old.baseline), format_number(k.baseline)),
                    ("target", format_number(old.target), format_number(k.target)),
                    ("weight", format_number(old.weight), format_number(k.weight)),
                ];
                for (field, from, to) in fields {
                    push(events, goal, actor, &format!("{name} {field}"), from, to);
                }
                let mut w = super::kr_write(goal, k, i, old.id.clone());
                w.current = old.current;
                w.done = old.done;
                changed.push(w);
            }
            None => {
                events.push(Event::new(goal, actor, "key result added", None, Some(k.title.clone())));
                added.push(super::kr_write(goal, k, i, super::new_kr_rid()));
            }
        }
    }
    let removed: Vec<RecordId> = existing
        .iter()
        .filter(|e| !edited.iter().any(|k| k.id.as_deref() == Some(key_of(&e.id).as_str())))
        .map(|e| {
            events.push(Event::new(
                goal,
                actor,
                "key result removed",
                Some(e.title.clone()),
                None,
            ));
            e.id.clone()
        })
        .collect();
    Ok(KrChanges {
        changed,
        added,
        removed,
    })
}
