//! The rules a goal must meet to be saved, checked at each field in the
//! browser and again by the server. Unlike SMART hints, these block saving.

use crate::error::FieldError;
use crate::goals::model::{GoalDraft, GoalId, KrKind, Level, Period, Visibility};
use crate::shared::date::Day;
use crate::shared::ids::PersonId;

pub const TITLE_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 2_000;
pub const UNIT_MAX: usize = 20;
pub const MAX_KEY_RESULTS: usize = 10;
pub const WEIGHT_MAX: f64 = 100.0;
/// Longest custom period, in days.
pub const PERIOD_MAX_DAYS: i32 = 366;
pub const NOTE_MAX: usize = 1_000;
pub const REFLECTION_MIN: usize = 10;
pub const REFLECTION_MAX: usize = 4_000;

fn err(field: impl Into<String>, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.into(),
        message: message.into(),
    }
}

/// A key result that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidKr {
    pub id: Option<String>,
    pub title: String,
    pub kind: KrKind,
    pub unit: String,
    pub baseline: f64,
    pub target: f64,
    pub weight: f64,
}

/// A goal that passed validation, numbers parsed and text trimmed.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidGoal {
    pub level: Level,
    pub owner: PersonId,
    pub title: String,
    pub description: String,
    pub period: Period,
    pub due: Option<Day>,
    pub parent: Option<GoalId>,
    pub alignment_weight: f64,
    pub visibility: Visibility,
    pub key_results: Vec<ValidKr>,
}

/// Parses a number as people type it: `1250`, `4.5`, `1,250,000`, `45%`.
pub fn parse_number(raw: &str) -> Option<f64> {
    let t = raw.trim().trim_end_matches('%').trim();
    let grouped = t.contains(',') && {
        let int = t.split('.').next().unwrap_or("");
        let mut groups = int.trim_start_matches('-').split(',');
        groups.next().is_some_and(|g| (1..=3).contains(&g.len())) && groups.all(|g| g.len() == 3)
    };
    let t = if grouped { t.replace(',', "") } else { t.to_owned() };
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-') {
        return None;
    }
    t.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// A number as the form shows it: no trailing `.0`.
pub fn format_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// A weight as typed: blank means 1.
fn parse_weight(raw: &str, field: String, errors: &mut Vec<FieldError>) -> f64 {
    if raw.trim().is_empty() {
        return 1.0;
    }
    match parse_number(raw) {
        None => {
            errors.push(err(field, "Enter the weight as a number, e.g. 1 or 2.5."));
            1.0
        }
        Some(w) if w < 0.0 => {
            errors.push(err(field, "Weights cannot be negative."));
            1.0
        }
        Some(w) if w > WEIGHT_MAX => {
            errors.push(err(field, format!("Use a weight of at most {WEIGHT_MAX}.")));
            1.0
        }
        Some(w) => w,
    }
}

/// Validates a title on its own (also used when rescoping).
pub fn check_title(raw: &str) -> Result<String, String> {
    let t = raw.trim();
    if t.is_empty() {
        Err("Give the goal a title.".into())
    } else if t.chars().count() > TITLE_MAX {
        Err(format!(
            "Titles are limited to {TITLE_MAX} characters; this one has {}.",
            t.chars().count()
        ))
    } else {
        Ok(t.to_owned())
    }
}

/// Validates a period on its own.
pub fn check_period(period: Period) -> Result<(), String> {
    let (start, end) = (period.start(), period.end());
    if end < start {
        Err("The period ends before it starts.".into())
    } else if start.days_until(end) >= PERIOD_MAX_DAYS {
        Err("A goal's period can be at most a year; split longer goals.".into())
    } else {
        Ok(())
    }
}

/// Every field rule at once, so the form can show all problems together.
pub fn validate(d: &GoalDraft) -> Result<ValidGoal, Vec<FieldError>> {
    let mut errors = Vec::new();
    let title = check_title(&d.title).unwrap_or_else(|m| {
        errors.push(err("title", m));
        String::new()
    });
    if d.description.chars().count() > DESCRIPTION_MAX {
        errors.push(err(
            "description",
            format!("Descriptions are limited to {DESCRIPTION_MAX} characters."),
        ));
    }
    if let Err(m) = check_period(d.period) {
        errors.push(err("period", m));
    }
    if d.owner.is_none() {
        errors.push(err("owner", "Choose who owns this goal."));
    }
    let alignment_weight = parse_weight(&d.alignment_weight, "alignment_weight".into(), &mut errors);
    if d.key_results.len() > MAX_KEY_RESULTS {
        errors.push(err(
            "key_results",
            format!("A goal can have at most {MAX_KEY_RESULTS} key results."),
        ));
    }
    let mut key_results = Vec::new();
    for (i, k) in d.key_results.iter().enumerate() {
        let f = |name: &str| format!("kr.{i}.{name}");
        let title = k.title.trim();
        if title.is_empty() {
            errors.push(err(f("title"), "Say what this key result measures."));
        } else if title.chars().count() > TITLE_MAX {
            errors.push(err(f("title"), format!("Limited to {TITLE_MAX} characters.")));
        }
        let weight = parse_weight(&k.weight, f("weight"), &mut errors);
        let (mut baseline, mut target) = (0.0, 1.0);
        if k.kind == KrKind::Metric {
            if k.unit.trim().chars().count() > UNIT_MAX {
                errors.push(err(f("unit"), format!("Units are limited to {UNIT_MAX} characters.")));
            }
            let number = |raw: &str, field: String, what: &str, errors: &mut Vec<FieldError>| match parse_number(raw) {
                Some(x) => Some(x),
                None if raw.trim().is_empty() => {
                    errors.push(err(field, format!("Enter the {what}.")));
                    None
                }
                None => {
                    errors.push(err(field, format!("Enter the {what} as a number, e.g. 1250 or 4.5.")));
                    None
                }
            };
            let b = number(&k.baseline, f("baseline"), "starting value", &mut errors);
            let t = number(&k.target, f("target"), "target", &mut errors);
            if let (Some(b), Some(t)) = (b, t) {
                if b == t {
                    errors.push(err(
                        f("target"),
                        "The target equals the starting value, so there is nothing to achieve.",
                    ));
                }
                (baseline, target) = (b, t);
            }
        }
        key_results.push(ValidKr {
            id: k.id.clone(),
            title: title.to_owned(),
            kind: k.kind,
            unit: if k.kind == KrKind::Metric {
                k.unit.trim().to_owned()
            } else {
                String::new()
            },
            baseline,
            target,
            weight,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ValidGoal {
        level: d.level,
        owner: d.owner.clone().expect("checked above"),
        title,
        description: d.description.trim().to_owned(),
        period: d.period,
        due: d.due,
        parent: d.parent.clone(),
        alignment_weight,
        visibility: if d.level == Level::Person {
            d.visibility
        } else {
            Visibility::Org
        },
        key_results,
    })
}

/// A check-in's confidence and note.
pub fn check_checkin(confidence: u8, note: &str) -> Result<(), FieldError> {
    if !(1..=10).contains(&confidence) {
        return Err(err("confidence", "Rate your confidence from 1 to 10."));
    }
    if note.chars().count() > NOTE_MAX {
        return Err(err("note", format!("Notes are limited to {NOTE_MAX} characters.")));
    }
    Ok(())
}

/// A quarterly-review reflection.
pub fn check_reflection(text: &str) -> Result<String, String> {
    let t = text.trim();
    let n = t.chars().count();
    if n < REFLECTION_MIN {
        Err("Write a sentence or two: what worked, what didn't, what you learned.".into())
    } else if n > REFLECTION_MAX {
        Err(format!("Reflections are limited to {REFLECTION_MAX} characters."))
    } else {
        Ok(t.to_owned())
    }
}

#[cfg(test)]
mod tests;
