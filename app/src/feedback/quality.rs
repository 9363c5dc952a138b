//! The feedback quality scorer: does this feedback coach, or only judge? It
//! runs in the browser as the giver types and on the server when saving, so it
//! is pure and allocation-light. Hints are suggestions; nothing here blocks
//! sending (that is `feedback_rules`).

use crate::feedback::model::FeedbackKind;
use words::{ABSOLUTES, IMPERATIVES, LABEL_LEADS, NEGATIVES, SUGGESTIONS, TRAITS, TURNS, WHEN, WORK};

mod words;

/// One way the feedback could help its reader more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedbackHint {
    /// Fewer than [`SHORT_WORDS`] words.
    TooShort,
    /// More than [`LONG_CHARS`] characters.
    TooLong,
    /// No moment, number, date or named piece of work.
    Vague,
    /// A label for the person ("abrasive") instead of what they did.
    TraitWord(&'static str),
    /// "Always", "never": overstates and invites an argument.
    Absolute(&'static str),
    /// Criticism with nothing to try next.
    NoSuggestion,
}

/// Below this many words the reader cannot tell what happened.
pub const SHORT_WORDS: usize = 8;
/// Above this many characters the one point gets lost.
pub const LONG_CHARS: usize = 1_500;

impl FeedbackHint {
    /// A stable name, for tests and `data-hint` attributes.
    pub fn code(&self) -> &'static str {
        match self {
            FeedbackHint::TooShort => "too-short",
            FeedbackHint::TooLong => "too-long",
            FeedbackHint::Vague => "vague",
            FeedbackHint::TraitWord(_) => "trait",
            FeedbackHint::Absolute(_) => "absolute",
            FeedbackHint::NoSuggestion => "no-suggestion",
        }
    }

    /// The hint as the giver reads it: gentle, and what to do about it.
    pub fn message(&self) -> String {
        match self {
            FeedbackHint::TooShort => "Add a little more: what happened, and why did it matter?".into(),
            FeedbackHint::TooLong => {
                "This is long. Lead with the one behaviour that matters most; the rest can wait for a conversation.".into()
            }
            FeedbackHint::Vague => {
                "Name a concrete moment: when it was, the piece of work, a number (e.g. \u{201c}in Tuesday\u{2019}s release review\u{201d})."
                    .into()
            }
            FeedbackHint::TraitWord(w) => format!(
                "\u{201c}{w}\u{201d} describes the person. Describe what they did instead, e.g. \u{201c}you interrupted Sam twice\u{201d}."
            ),
            FeedbackHint::Absolute(w) => {
                format!("\u{201c}{w}\u{201d} overstates. Point to the occasions you saw, so it can\u{2019}t be argued away.")
            }
            FeedbackHint::NoSuggestion => {
                "Add a next step: what could they try next time? That turns criticism into coaching.".into()
            }
        }
    }

    /// Points this hint costs out of 100.
    fn cost(&self) -> u8 {
        match self {
            FeedbackHint::Vague => 30,
            FeedbackHint::TraitWord(_) => 25,
            FeedbackHint::NoSuggestion => 25,
            FeedbackHint::TooShort => 15,
            FeedbackHint::TooLong => 10,
            FeedbackHint::Absolute(_) => 10,
        }
    }
}

/// The scorer's verdict: 0–100 and the hints behind any lost points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackScore {
    pub score: u8,
    pub hints: Vec<FeedbackHint>,
}

impl FeedbackScore {
    /// A word for the score, shown beside it.
    pub fn label(&self) -> &'static str {
        match self.score {
            80..=100 => "Specific and useful",
            55..=79 => "Good; could be sharper",
            _ => "Hard to act on yet",
        }
    }

    pub fn codes(&self) -> Vec<&'static str> {
        self.hints.iter().map(FeedbackHint::code).collect()
    }
}

/// Scores feedback. `main` is everything but the suggestion (situation,
/// behaviour, impact or free text); `suggestion` is the next-step field.
pub fn score(kind: FeedbackKind, main: &str, suggestion: &str) -> FeedbackScore {
    let lower = main.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == ':' || c == '-'))
        .map(|w| w.trim_matches(|c: char| c == '\'' || c == '\u{2019}' || c == ':' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    let suggestion_words = suggestion.split_whitespace().count();
    let mut hints = Vec::new();

    let total_chars = main.chars().count() + suggestion.chars().count();
    if words.len() + suggestion_words < SHORT_WORDS {
        hints.push(FeedbackHint::TooShort);
    } else if total_chars > LONG_CHARS {
        hints.push(FeedbackHint::TooLong);
    }

    if !is_specific(main, &words) {
        hints.push(FeedbackHint::Vague);
    }

    if let Some(t) = trait_label(&words) {
        hints.push(FeedbackHint::TraitWord(t));
    }

    if let Some(a) = words.iter().find_map(|w| ABSOLUTES.iter().find(|a| **a == *w)) {
        hints.push(FeedbackHint::Absolute(a));
    }

    let negative = match kind {
        FeedbackKind::Praise => criticism_after_turn(&words),
        _ => true,
    };
    let has_next_step = suggestion_words >= 3 || {
        let padded = format!("{lower} ");
        SUGGESTIONS.iter().any(|s| padded.contains(s)) || opens_with_instruction(&lower)
    };
    if negative && !has_next_step {
        hints.push(FeedbackHint::NoSuggestion);
    }

    let lost: u32 = hints.iter().map(|h| u32::from(h.cost())).sum();
    FeedbackScore {
        score: 100u32.saturating_sub(lost) as u8,
        hints,
    }
}

/// Praise that turns into criticism: a negative word after "but", "however"...
fn criticism_after_turn(words: &[&str]) -> bool {
    words
        .iter()
        .position(|w| TURNS.contains(w))
        .is_some_and(|at| words[at..].iter().any(|w| NEGATIVES.contains(&normal(w).as_str())))
}

/// A clause that starts with an instruction verb.
fn opens_with_instruction(lower: &str) -> bool {
    lower
        .split(['.', ',', ';', ':', '!', '?', '\n'])
        .filter_map(|clause| clause.split_whitespace().next())
        .any(|w| IMPERATIVES.contains(&w))
}

/// `don’t` and `don't` are the same word.
fn normal(w: &str) -> String {
    w.replace('\u{2019}', "'")
}

/// Specific feedback names a moment (a day, a number, a date) or a piece of
/// work and something about it: two anchors, or one strong one.
fn is_specific(original: &str, words: &[&str]) -> bool {
    let number = words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()));
    let quoted = original.matches(['"', '\u{201c}']).count() >= 1 && original.matches(['"', '\u{201d}']).count() >= 1;
    let when = words
        .iter()
        .any(|w| WHEN.contains(w) || w.ends_with("day's") || w.ends_with("day\u{2019}s"));
    let work = words.iter().filter(|w| WORK.contains(&w.trim_end_matches('s'))).count();
    let named = proper_nouns(original);
    let anchors = usize::from(number) + usize::from(quoted) + usize::from(when) + work.min(2) + named.min(2);
    anchors >= 2 || (anchors == 1 && (number || quoted) && words.len() >= SHORT_WORDS)
}

/// Capitalised words that do not start a sentence (project and people names).
fn proper_nouns(text: &str) -> usize {
    let mut count = 0;
    let mut sentence_start = true;
    for token in text.split_whitespace() {
        let word = token.trim_matches(|c: char| !c.is_alphanumeric());
        let first = word.chars().next();
        if !sentence_start && word != "I" && first.is_some_and(char::is_uppercase) && !word.starts_with("I'") {
            count += 1;
        }
        sentence_start = token.ends_with(['.', '!', '?', ':', '\n']) || word.is_empty() && sentence_start;
    }
    count
}

/// A trait word used as a label: "you are abrasive", "so careless", "a lazy".
fn trait_label(words: &[&str]) -> Option<&'static str> {
    words.iter().enumerate().find_map(|(i, w)| {
        let t = TRAITS.iter().find(|t| **t == *w)?;
        let lead = words[i.saturating_sub(3)..i]
            .iter()
            .any(|l| LABEL_LEADS.contains(&normal(l).trim_start_matches("you'").trim_start_matches("they'")));
        let contraction = i > 0 && ["you're", "you\u{2019}re", "he's", "she's", "they're"].contains(&words[i - 1]);
        (lead || contraction || i == 0).then_some(*t)
    })
}

#[cfg(test)]
mod tests;
