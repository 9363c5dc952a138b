//! What makes feedback, an ask or a rating savable. The browser runs these as
//! the user types; the server runs them again before saving.

use crate::error::FieldError;
use crate::feedback::model::{FeedbackDraft, FeedbackKind, FeedbackVisibility};
use crate::goals::model::GoalId;
use crate::shared::date::Day;
use crate::shared::ids::PersonId;

/// Longest text in any one feedback field.
pub const FIELD_MAX: usize = 2_000;
pub const SKILL_MAX: usize = 60;
pub const TOPIC_MIN: usize = 3;
pub const TOPIC_MAX: usize = 200;
pub const WHY_MAX: usize = 500;
pub const MAX_ASKED: usize = 10;
/// Feedback is about the last year; older memories belong in a conversation.
pub const OLDEST_DAYS: i32 = 365;

fn err(field: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.into(),
        message: message.into(),
    }
}

/// A feedback draft that passed every rule, with its parsed parts.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidFeedback {
    pub recipient: PersonId,
    pub happened_on: Day,
    pub goal: Option<GoalId>,
    pub ask: Option<String>,
    pub corrects: Option<String>,
}

/// Checks plain text: length, and no script tags (Tend escapes all text, but a
/// script tag in feedback is never meant and is refused rather than stored).
pub fn check_text(field: &str, text: &str, max: usize) -> Option<FieldError> {
    let n = text.trim().chars().count();
    let lower = text.to_lowercase();
    if n > max {
        Some(err(field, format!("Keep this under {max} characters (now {n}).")))
    } else if lower.contains("<script") || lower.contains("</script") {
        Some(err(field, "Remove the <script> tag: feedback is plain text."))
    } else {
        None
    }
}

/// A key Tend issued (letters, digits, `-`, `_`).
pub fn valid_key(raw: &str) -> bool {
    !raw.is_empty() && raw.len() <= 64 && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Validates a draft written by `giver` on `today`.
pub fn validate(d: &FeedbackDraft, giver: &PersonId, today: Day) -> Result<ValidFeedback, Vec<FieldError>> {
    let mut errors = Vec::new();
    let recipient = PersonId::parse(d.recipient.trim());
    match &recipient {
        None if d.recipient.trim().is_empty() => errors.push(err("recipient", "Choose who the feedback is for.")),
        None => errors.push(err("recipient", "We couldn't find that person.")),
        Some(r) if r == giver => errors.push(err("recipient", "You can't give feedback to yourself.")),
        Some(_) => {}
    }
    for (field, text) in [
        ("situation", &d.situation),
        ("behaviour", &d.behaviour),
        ("impact", &d.impact),
        ("suggestion", &d.suggestion),
        ("body", &d.body),
    ] {
        errors.extend(check_text(field, text, FIELD_MAX));
    }
    errors.extend(check_text("skill", &d.skill, SKILL_MAX));
    if d.main_text().is_empty() {
        errors.push(err(
            "behaviour",
            "Write what they did: fill in the behaviour, or write the feedback as free text.",
        ));
    }
    let happened_on = Day::parse(&d.happened_on);
    match happened_on {
        None => errors.push(err("happened_on", "Enter the date it happened.")),
        Some(day) if day > today => errors.push(err("happened_on", "That date is in the future.")),
        Some(day) if day.days_until(today) > OLDEST_DAYS => errors.push(err(
            "happened_on",
            "Feedback is about the last 12 months; bring older events up in a conversation.",
        )),
        Some(_) => {}
    }
    if d.visibility == FeedbackVisibility::Public && d.kind != FeedbackKind::Praise {
        errors.push(err(
            "visibility",
            "Only praise can go on the public team feed. Choose private or shared with their manager line.",
        ));
    }
    let goal = match d.goal.as_deref().map(str::trim).filter(|g| !g.is_empty()) {
        None => None,
        Some(g) => match GoalId::parse(g) {
            Some(id) => Some(id),
            None => {
                errors.push(err("goal", "That goal doesn't exist."));
                None
            }
        },
    };
    let key = |raw: &Option<String>, field: &str, errors: &mut Vec<FieldError>| match raw.as_deref() {
        None | Some("") => None,
        Some(k) if valid_key(k) => Some(k.to_owned()),
        Some(_) => {
            errors.push(err(field, "We couldn't find that entry."));
            None
        }
    };
    let ask = key(&d.ask, "ask", &mut errors);
    let corrects = key(&d.corrects, "corrects", &mut errors);
    match (errors.is_empty(), recipient, happened_on) {
        (true, Some(recipient), Some(happened_on)) => Ok(ValidFeedback {
            recipient,
            happened_on,
            goal,
            ask,
            corrects,
        }),
        _ => Err(errors),
    }
}

/// Checks an ask's topic and colleagues.
pub fn validate_ask(topic: &str, colleagues: &[PersonId], requester: &PersonId) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    let n = topic.trim().chars().count();
    if n < TOPIC_MIN {
        errors.push(err(
            "topic",
            "Say what you'd like feedback on, e.g. \u{201c}my demo on Tuesday\u{201d}.",
        ));
    }
    errors.extend(check_text("topic", topic, TOPIC_MAX));
    if colleagues.is_empty() {
        errors.push(err("colleagues", "Choose at least one colleague to ask."));
    } else if colleagues.len() > MAX_ASKED {
        errors.push(err(
            "colleagues",
            format!("Ask at most {MAX_ASKED} colleagues at a time."),
        ));
    } else if colleagues.contains(requester) {
        errors.push(err("colleagues", "You can't ask yourself for feedback."));
    } else if (1..colleagues.len()).any(|i| colleagues[..i].contains(&colleagues[i])) {
        errors.push(err("colleagues", "Each colleague can be asked once."));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Checks a usefulness rating.
pub fn validate_rating(rating: u8, why: &str) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if !(1..=5).contains(&rating) {
        errors.push(err("rating", "Rate usefulness from 1 (not useful) to 5 (very useful)."));
    }
    errors.extend(check_text("why", why, WHY_MAX));
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Day {
        Day::parse("2026-11-27").unwrap()
    }

    fn giver() -> PersonId {
        PersonId::parse("p1").unwrap()
    }

    fn draft() -> FeedbackDraft {
        let mut d = FeedbackDraft::blank("p2", today());
        d.behaviour = "You walked us through the rollback plan.".into();
        d
    }

    fn fields(r: Result<ValidFeedback, Vec<FieldError>>) -> Vec<String> {
        r.err().unwrap_or_default().into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_plain_draft_is_valid() {
        let v = validate(&draft(), &giver(), today()).unwrap();
        assert_eq!(v.recipient.as_str(), "p2");
        assert_eq!(v.happened_on, today());
    }

    #[test]
    fn feedback_to_oneself_is_refused() {
        let mut d = draft();
        d.recipient = "p1".into();
        let e = validate(&d, &giver(), today()).unwrap_err();
        assert_eq!(e[0].message, "You can't give feedback to yourself.");
    }

    #[test]
    fn bad_recipients_are_named() {
        for (raw, msg) in [("", "Choose who"), ("person:p2; DELETE", "couldn't find")] {
            let mut d = draft();
            d.recipient = raw.into();
            let e = validate(&d, &giver(), today()).unwrap_err();
            assert!(e[0].message.contains(msg), "{raw}: {}", e[0].message);
        }
    }

    #[test]
    fn empty_text_is_refused_at_the_behaviour() {
        let mut d = draft();
        d.behaviour = "   ".into();
        assert_eq!(fields(validate(&d, &giver(), today())), ["behaviour"]);
        d.body = "Thanks for the demo.".into();
        assert!(validate(&d, &giver(), today()).is_ok());
    }

    #[test]
    fn oversized_text_and_script_tags_are_refused() {
        let mut d = draft();
        d.impact = "x".repeat(FIELD_MAX + 1);
        d.suggestion = "<SCRIPT>alert(1)</script>".into();
        let e = validate(&d, &giver(), today()).unwrap_err();
        assert_eq!(e[0].field, "impact");
        assert!(e[0].message.contains("2000"));
        assert_eq!(e[1].field, "suggestion");
        assert!(e[1].message.contains("plain text"));
    }

    #[test]
    fn dates_must_be_in_the_last_year_and_not_ahead() {
        for (raw, ok) in [
            ("2026-11-28", false),
            ("2025-11-27", true),
            ("2025-11-26", false),
            ("27/11/2026", false),
        ] {
            let mut d = draft();
            d.happened_on = raw.into();
            assert_eq!(validate(&d, &giver(), today()).is_ok(), ok, "{raw}");
        }
    }

    #[test]
    fn only_praise_goes_public() {
        let mut d = draft();
        d.visibility = FeedbackVisibility::Public;
        d.kind = FeedbackKind::Constructive;
        assert_eq!(fields(validate(&d, &giver(), today())), ["visibility"]);
        d.kind = FeedbackKind::Praise;
        assert!(validate(&d, &giver(), today()).is_ok());
    }

    #[test]
    fn links_must_be_issued_keys() {
        let mut d = draft();
        d.goal = Some("goal:x".into());
        d.corrects = Some("f 1".into());
        assert_eq!(fields(validate(&d, &giver(), today())), ["goal", "corrects"]);
    }

    #[test]
    fn asks_need_a_topic_and_distinct_colleagues() {
        let p = |s: &str| PersonId::parse(s).unwrap();
        assert!(validate_ask("my demo", &[p("p2"), p("p3")], &giver()).is_ok());
        assert_eq!(validate_ask("", &[p("p2")], &giver()).unwrap_err()[0].field, "topic");
        assert_eq!(validate_ask("demo", &[], &giver()).unwrap_err()[0].field, "colleagues");
        assert!(validate_ask("demo", &[p("p1")], &giver()).unwrap_err()[0]
            .message
            .contains("yourself"));
        assert!(validate_ask("demo", &[p("p2"), p("p2")], &giver()).unwrap_err()[0]
            .message
            .contains("once"));
        let many: Vec<PersonId> = (2..14).map(|i| p(&format!("p{i}"))).collect();
        assert!(validate_ask("demo", &many, &giver()).is_err());
    }

    #[test]
    fn ratings_run_one_to_five() {
        assert!(validate_rating(1, "").is_ok());
        assert!(validate_rating(5, "Clear next step").is_ok());
        assert_eq!(validate_rating(0, "").unwrap_err()[0].field, "rating");
        assert_eq!(validate_rating(6, "").unwrap_err()[0].field, "rating");
        assert_eq!(
            validate_rating(3, &"w".repeat(WHY_MAX + 1)).unwrap_err()[0].field,
            "why"
        );
    }
}
