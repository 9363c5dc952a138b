//! The SMART checker: what makes a goal hard to judge, as short hints. It runs
//! in the browser on every keystroke and on the server when a goal is saved,
//! so it is pure and cheap. Hints never block saving; `goal_rules` does that.

use crate::goals::model::{GoalDraft, KrKind, Level};

/// One reason a goal is not yet SMART.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    /// No number in the title and no key result to measure it by.
    NoMeasure,
    /// "Improve", "increase"... with nothing saying how far.
    VagueVerb(&'static str),
    /// "Work on", "help with"...: describes effort, not an outcome.
    ActivityWording(&'static str),
    /// A change with a number but no starting point ("reduce churn to 3%").
    NoBaseline,
    /// Key result `i` (0-based) is a metric without a unit.
    KrNoUnit(usize),
    /// Key result `i` is a metric without a starting value or a target.
    KrNoBaselineOrTarget(usize),
    NoDueDate,
    DueOutsidePeriod,
    NoOwner,
    NoAlignment,
}

impl Hint {
    /// A stable name, for tests and `data-hint` attributes.
    pub fn code(&self) -> &'static str {
        match self {
            Hint::NoMeasure => "no-measure",
            Hint::VagueVerb(_) => "vague-verb",
            Hint::ActivityWording(_) => "activity",
            Hint::NoBaseline => "no-baseline",
            Hint::KrNoUnit(_) => "kr-no-unit",
            Hint::KrNoBaselineOrTarget(_) => "kr-no-target",
            Hint::NoDueDate => "no-due-date",
            Hint::DueOutsidePeriod => "due-outside-period",
            Hint::NoOwner => "no-owner",
            Hint::NoAlignment => "no-alignment",
        }
    }

    /// The hint as the user reads it: what is missing and what to do.
    pub fn message(&self) -> String {
        match self {
            Hint::NoMeasure => {
                "Add a number (how much, how many?) or a key result that measures it.".into()
            }
            Hint::VagueVerb(w) => format!(
                "\u{201c}{}\u{201d} says which way, not how far. Say from what to what, e.g. \u{201c}from 32 to 45\u{201d}.",
                capitalise(w)
            ),
            Hint::ActivityWording(p) => format!(
                "\u{201c}{}\u{201d} describes activity, not an outcome. Say what will be true when it\u{2019}s done.",
                capitalise(p)
            ),
            Hint::NoBaseline => {
                "Say where you start as well as where you\u{2019}ll end, e.g. \u{201c}from 5% to 3%\u{201d}.".into()
            }
            Hint::KrNoUnit(i) => format!("Key result {} needs a unit, such as %, days, € or customers.", i + 1),
            Hint::KrNoBaselineOrTarget(i) => {
                format!("Key result {} needs a starting value and a target.", i + 1)
            }
            Hint::NoDueDate => "Set a due date so everyone knows when it is judged.".into(),
            Hint::DueOutsidePeriod => "The due date falls outside the goal\u{2019}s period; move one or the other.".into(),
            Hint::NoOwner => "Name an owner: goals nobody owns drift.".into(),
            Hint::NoAlignment => "Align it to a goal above it, so people see why it matters.".into(),
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Phrases that describe effort rather than a result, anywhere in a title.
const ACTIVITY_PHRASES: &[&str] = &[
    "work on",
    "working on",
    "help with",
    "look into",
    "try to",
    "focus on",
    "continue to",
    "keep working",
    "participate in",
    "be involved",
    "get involved",
    "contribute to",
    "be responsible for",
    "be part of",
    "learn about",
];
/// Verbs that describe effort when they open a title ("Support the sales team").
const ACTIVITY_OPENERS: &[&str] = &[
    "support",
    "assist",
    "help",
    "explore",
    "attend",
    "engage",
    "participate",
];
/// Direction-only verbs: fine with a measure, vague without one.
const VAGUE_VERBS: &[&str] = &[
    "improve",
    "enhance",
    "optimise",
    "optimize",
    "better",
    "boost",
    "strengthen",
    "increase",
    "grow",
    "reduce",
    "streamline",
    "maximise",
    "maximize",
    "minimise",
    "minimize",
    "raise",
    "lift",
    "cut",
    "lower",
    "decrease",
    "accelerate",
    "expand",
];
/// Words that imply a change from somewhere, so a number needs a "from".
const CHANGE_VERBS: &[&str] = &[
    "improve",
    "increase",
    "grow",
    "raise",
    "lift",
    "boost",
    "reduce",
    "cut",
    "lower",
    "decrease",
    "shrink",
    "accelerate",
    "expand",
];
const NUMBER_WORDS: &[&str] = &[
    "zero", "double", "triple", "halve", "half", "one", "two", "three", "ten",
];

/// Checks a draft. The empty list means SMART as far as text can tell.
pub fn check(draft: &GoalDraft) -> Vec<Hint> {
    let words = words(&draft.title);
    let joined = format!(" {} ", words.join(" "));
    let title_has_number = words
        .iter()
        .any(|w| w.bytes().any(|b| b.is_ascii_digit()) || NUMBER_WORDS.contains(&w.as_str()));
    let has_krs = draft.key_results.iter().any(|k| !k.title.trim().is_empty());
    let measured = title_has_number || has_krs;
    let mut hints = Vec::new();

    let activity = ACTIVITY_PHRASES
        .iter()
        .find(|p| joined.contains(&format!(" {p} ")))
        .or_else(|| ACTIVITY_OPENERS.iter().find(|o| words.first().is_some_and(|w| w == *o)));
    if let Some(p) = activity {
        hints.push(Hint::ActivityWording(p));
    }
    let vague = words
        .iter()
        .find_map(|w| VAGUE_VERBS.iter().find(|v| w.starts_with(*v)));
    match vague {
        Some(v) if !measured => hints.push(Hint::VagueVerb(v)),
        _ if !measured && !draft.title.trim().is_empty() => hints.push(Hint::NoMeasure),
        _ => {}
    }
    let changes = words.iter().any(|w| CHANGE_VERBS.iter().any(|v| w.starts_with(v)));
    let has_metric_kr = draft.key_results.iter().any(|k| k.kind == KrKind::Metric);
    if title_has_number && changes && !has_metric_kr && !has_from(&words) {
        hints.push(Hint::NoBaseline);
    }
    for (i, kr) in draft.key_results.iter().enumerate() {
        if kr.kind != KrKind::Metric || kr.title.trim().is_empty() {
            continue;
        }
        if kr.unit.trim().is_empty() {
            hints.push(Hint::KrNoUnit(i));
        }
        if kr.baseline.trim().is_empty() || kr.target.trim().is_empty() {
            hints.push(Hint::KrNoBaselineOrTarget(i));
        }
    }
    match draft.due {
        None => hints.push(Hint::NoDueDate),
        Some(due) if due < draft.period.start() || due > draft.period.end() => hints.push(Hint::DueOutsidePeriod),
        Some(_) => {}
    }
    if draft.owner.is_none() {
        hints.push(Hint::NoOwner);
    }
    if draft.level != Level::Company && draft.parent.is_none() {
        hints.push(Hint::NoAlignment);
    }
    hints
}

/// Lower-cased words with surrounding punctuation stripped; `%`, `.` and
/// currency signs inside numbers survive.
fn words(title: &str) -> Vec<String> {
    title
        .split(|c: char| c.is_whitespace() || c == '/' || c == '—' || c == '–')
        .map(|w| {
            w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '%' || c == '$' || c == '€' || c == '£'))
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// "from 32", "from $4m": a starting point is stated.
fn has_from(words: &[String]) -> bool {
    words
        .windows(2)
        .any(|w| w[0] == "from" && w[1].bytes().any(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests;
