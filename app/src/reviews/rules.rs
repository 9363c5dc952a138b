//! What a review and a review cycle must hold. Pure, so the form shows the
//! same messages as it is filled in that the server gives when it refuses.

use crate::reviews::model::form::{CycleDraft, ReviewDraft, TemplateView};
use crate::shared::date::Day;

/// Longest comment on one competency, and longest answer to a question.
pub const MAX_COMMENT: usize = 2_000;
/// Longest cycle name.
pub const MAX_CYCLE_NAME: usize = 120;
/// Longest period a cycle may cover.
pub const MAX_CYCLE_DAYS: i32 = 400;

/// Checks what any draft may hold, complete or not: known competencies,
/// ratings on the 1–5 scale, comments within bounds. Autosave stores a
/// draft only if this passes, so a stored draft is always well formed.
pub fn check_draft(t: &TemplateView, d: &ReviewDraft) -> Result<(), String> {
    for r in &d.ratings {
        let Some(c) = t.competencies.iter().find(|c| c.key == r.competency) else {
            return Err(format!(
                "“{}” is not a competency of this review's template.",
                r.competency
            ));
        };
        if let Some(n) = r.rating {
            if !(1..=5).contains(&n) {
                return Err(format!("Rate “{}” from 1 to 5; {n} is off the scale.", c.name));
            }
        }
        if r.comment.chars().count() > MAX_COMMENT {
            return Err(format!(
                "The comment on “{}” is longer than {MAX_COMMENT} characters.",
                c.name
            ));
        }
    }
    let keys: Vec<&str> = d.ratings.iter().map(|r| r.competency.as_str()).collect();
    if (1..keys.len()).any(|i| keys[..i].contains(&keys[i])) {
        return Err("A competency is rated twice; keep one rating each.".into());
    }
    if d.answers.len() > t.questions.len() {
        return Err("There are more answers than the template has questions.".into());
    }
    if d.answers.iter().any(|a| a.chars().count() > MAX_COMMENT) {
        return Err(format!("An answer is longer than {MAX_COMMENT} characters."));
    }
    if let Some(n) = d.overall {
        if !t.overall {
            return Err("This template has no overall rating.".into());
        }
        if !(1..=5).contains(&n) {
            return Err(format!("Give the overall rating from 1 to 5; {n} is off the scale."));
        }
    }
    if let Some(n) = d.goal_rating {
        if !t.goals {
            return Err("This template has no goal-achievement section.".into());
        }
        if !(1..=5).contains(&n) {
            return Err(format!("Rate goal achievement from 1 to 5; {n} is off the scale."));
        }
    }
    if d.goal_comment.chars().count() > MAX_COMMENT {
        return Err(format!(
            "The goal-achievement comment is longer than {MAX_COMMENT} characters."
        ));
    }
    crate::reviews::evidence::check_cited(&d.cited)
}

/// What still stops a draft from being submitted, one line each: every
/// competency rated, a comment on each extreme rating (1 or 5), and the
/// overall rating if the template has one. Empty when it may be submitted.
pub fn missing_for_submit(t: &TemplateView, d: &ReviewDraft) -> Vec<String> {
    let mut out = Vec::new();
    for c in &t.competencies {
        match d.ratings.iter().find(|r| r.competency == c.key) {
            Some(r) if r.rating.is_some() => {
                let n = r.rating.unwrap_or_default();
                if (n == 1 || n == 5) && r.comment.trim().is_empty() {
                    out.push(format!(
                        "“{}” is rated {n}: say why in a comment — an extreme rating needs an example.",
                        c.name
                    ));
                }
            }
            _ => out.push(format!("Rate “{}”.", c.name)),
        }
    }
    if t.overall && d.overall.is_none() {
        out.push("Give the overall rating.".into());
    }
    out
}

/// Whether a review due on `due` may still be submitted `today`.
pub fn check_deadline(due: Day, today: Day) -> Result<(), String> {
    if today > due {
        return Err(format!(
            "The deadline for this review was {due}. Your draft is kept; ask HR for an extension under “Need more time?” below, then submit it."
        ));
    }
    Ok(())
}

/// A cycle HR is starting, read from the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CyclePlan {
    pub name: String,
    pub from: Day,
    pub to: Day,
    pub write_due: Day,
    pub kinds: Vec<crate::reviews::model::ReviewKind>,
    pub anonymity: u32,
    pub audience: Audience,
    /// The chosen template version (name, version); `None` is the newest Standard.
    pub template: Option<(String, u32)>,
    pub nominate_due: Day,
    pub share_due: Option<Day>,
    pub calibration: bool,
}

/// Who in the chosen unit takes part in a cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Everyone,
    Managers,
    Contributors,
}

impl Audience {
    pub fn includes(self, manages: bool) -> bool {
        match self {
            Audience::Everyone => true,
            Audience::Managers => manages,
            Audience::Contributors => !manages,
        }
    }
}

/// The anonymity threshold HR may set: never below 3.
pub const MIN_ANONYMITY: u32 = 3;
/// A threshold above this would hide nearly every group.
pub const MAX_ANONYMITY: u32 = 20;

/// Checks a new cycle: a name, a period that has started and is not over
/// a year long, at least one kind, and a deadline after the period starts.
pub fn plan_cycle(d: &CycleDraft, today: Day) -> Result<CyclePlan, String> {
    use crate::reviews::model::ReviewKind;
    let name = d.name.trim();
    if name.is_empty() {
        return Err("Name the cycle, e.g. “2026 H2”.".into());
    }
    if name.chars().count() > MAX_CYCLE_NAME {
        return Err(format!("Keep the name under {MAX_CYCLE_NAME} characters."));
    }
    let day =
        |s: &str, what: &str| Day::parse(s.trim()).ok_or_else(|| format!("The {what} is not a date; use YYYY-MM-DD."));
    let from = day(&d.period_from, "period start")?;
    let to = day(&d.period_to, "period end")?;
    let write_due = day(&d.write_due, "deadline")?;
    if to < from {
        return Err("The period ends before it starts.".into());
    }
    if from.days_until(to) > MAX_CYCLE_DAYS {
        return Err("A cycle covers at most a year; split a longer period into two cycles.".into());
    }
    if write_due < today {
        return Err("The deadline has already passed; pick a day from today on.".into());
    }
    if write_due < from {
        return Err("The deadline falls before the period starts.".into());
    }
    let mut kinds = Vec::new();
    if d.self_review {
        kinds.push(ReviewKind::SelfReview);
    }
    if d.manager_review {
        kinds.push(ReviewKind::Manager);
    }
    if d.peer_review {
        kinds.push(ReviewKind::Peer);
    }
    if d.upward_review {
        kinds.push(ReviewKind::Upward);
    }
    if kinds.is_empty() {
        return Err("Pick at least one kind of review: self, manager, peer or upward.".into());
    }
    let anonymity = match d.anonymity.trim() {
        "" => MIN_ANONYMITY,
        n => match n.parse::<u32>() {
            Ok(n) if (MIN_ANONYMITY..=MAX_ANONYMITY).contains(&n) => n,
            _ => {
                return Err(format!(
                    "Set the anonymity threshold to a whole number from {MIN_ANONYMITY} to {MAX_ANONYMITY}: fewer than {MIN_ANONYMITY} answers could identify who wrote them."
                ))
            }
        },
    };
    let audience = match d.audience.trim() {
        "" => Audience::Everyone,
        "managers" => Audience::Managers,
        "contributors" => Audience::Contributors,
        _ => {
            return Err("Choose who takes part: everyone, people who manage others, or individual contributors.".into())
        }
    };
    let template = match d.template.trim() {
        "" => None,
        t => {
            let parsed = t
                .rsplit_once('|')
                .and_then(|(name, v)| Some((name.to_owned(), v.parse::<u32>().ok()?)));
            match parsed {
                Some((name, v)) if !name.is_empty() && v >= 1 => Some((name, v)),
                _ => return Err("Pick a template from the list.".into()),
            }
        }
    };
    let nominate_due = match d.nominate_due.trim() {
        "" => write_due,
        s => {
            let n = day(s, "nomination deadline")?;
            if n < today || n > write_due {
                return Err("Peer nomination closes between today and the review deadline.".into());
            }
            n
        }
    };
    let share_due = match d.share_due.trim() {
        "" => None,
        s => {
            let n = day(s, "sharing deadline")?;
            if n <= write_due {
                return Err(
                    "Results are shared after the review deadline; pick a later day to close the cycle.".into(),
                );
            }
            Some(n)
        }
    };
    Ok(CyclePlan {
        nominate_due,
        share_due,
        calibration: d.calibration,
        name: name.to_owned(),
        from,
        to,
        write_due,
        kinds,
        anonymity,
        audience,
        template,
    })
}

/// The feedback scorer's hints on a review comment, read as praise for a
/// high rating and as criticism otherwise.
pub fn comment_hints(rating: Option<u8>, comment: &str) -> Vec<crate::feedback::quality::FeedbackHint> {
    use crate::feedback::model::FeedbackKind;
    if comment.trim().is_empty() {
        return Vec::new();
    }
    let kind = if rating.unwrap_or(3) >= 4 {
        FeedbackKind::Praise
    } else {
        FeedbackKind::Constructive
    };
    crate::feedback::quality::score(kind, comment, "").hints
}

#[cfg(test)]
mod tests;
