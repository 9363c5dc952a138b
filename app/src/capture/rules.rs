//! Checks on a captured item, run in the browser before it is saved and on
//! the server before it is stored. The browser's check keeps the person
//! from queueing something the server would refuse days later.

use crate::capture::model::{CaptureItem, CapturePayload};
use crate::error::FieldError;
use crate::shared::date::Day;
use crate::shared::uuid7;

/// Longest note or feedback text.
pub const TEXT_MAX: usize = 5000;
/// How far back the day something happened may be.
pub const HAPPENED_MAX_DAYS: i32 = 365;
/// 2020-01-01 in ms: anything earlier is a broken clock or a forged item.
const EARLIEST_MS: i64 = 1_577_836_800_000;

fn err(field: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.into(),
        message: message.into(),
    }
}

/// Validates the item as of `today` and `now_ms` (the checker's clock).
pub fn validate(item: &CaptureItem, today: Day, now_ms: i64) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if !uuid7::is_valid(&item.id) {
        errors.push(err("id", "This item's id is damaged."));
    }
    let day_ahead = 36 * 3_600_000; // time zones and clock drift
    if item.created_at < EARLIEST_MS || item.edited_at < item.created_at || item.edited_at > now_ms + day_ahead {
        errors.push(err(
            "edited_at",
            "This item's times are impossible; check the device's clock.",
        ));
    }
    match Day::parse(&item.happened_on) {
        None => errors.push(err("happened_on", "Enter the day it happened, e.g. 2026-11-27.")),
        Some(d) if d > today.plus_days(1) => errors.push(err("happened_on", "That day hasn't happened yet.")),
        Some(d) if d < today.plus_days(-HAPPENED_MAX_DAYS) => errors.push(err(
            "happened_on",
            "Capture is for the last 12 months; that day is too long ago.",
        )),
        Some(_) => {}
    }
    let text = item.payload.text().trim();
    match &item.payload {
        CapturePayload::Note { .. } | CapturePayload::Feedback { .. } if text.is_empty() => {
            errors.push(err("text", "Write something first."))
        }
        CapturePayload::CheckIn { value, confidence, .. } => {
            if value.trim().is_empty() {
                errors.push(err("value", "Enter the key result's current value."));
            }
            if !(1..=10).contains(confidence) {
                errors.push(err("confidence", "Confidence is from 1 to 10."));
            }
        }
        _ => {}
    }
    if let Some(e) = crate::feedback::rules::check_text("text", text, TEXT_MAX) {
        errors.push(e);
    }
    if item.payload.subject().trim().is_empty() {
        let which = match item.payload {
            CapturePayload::CheckIn { .. } => "Choose a key result.",
            _ => "Choose a person.",
        };
        errors.push(err("subject", which));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feedback::model::{FeedbackKind, FeedbackVisibility};

    const NOW: i64 = 1_795_000_000_000; // late Nov 2026

    fn today() -> Day {
        Day::parse("2026-11-27").unwrap()
    }

    fn item(payload: CapturePayload) -> CaptureItem {
        CaptureItem {
            id: uuid7::format(NOW as u64, [1; 10]),
            author: "p1".into(),
            created_at: NOW,
            edited_at: NOW,
            happened_on: "2026-11-26".into(),
            payload,
        }
    }

    fn note(about: &str, text: &str) -> CaptureItem {
        item(CapturePayload::Note {
            about: about.into(),
            text: text.into(),
        })
    }

    fn fields(r: Result<(), Vec<FieldError>>) -> Vec<String> {
        r.err().unwrap_or_default().into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_good_note_passes() {
        assert_eq!(validate(&note("p2", "Ran the retro well"), today(), NOW), Ok(()));
    }

    #[test]
    fn empty_text_and_no_person_are_named() {
        assert_eq!(fields(validate(&note(" ", "  "), today(), NOW)), ["text", "subject"]);
    }

    #[test]
    fn too_long_and_script_are_refused() {
        let long = "a".repeat(TEXT_MAX + 1);
        assert_eq!(fields(validate(&note("p2", &long), today(), NOW)), ["text"]);
        assert_eq!(
            fields(validate(&note("p2", "<script>x</script>"), today(), NOW)),
            ["text"]
        );
    }

    #[test]
    fn days_must_be_real_past_and_recent() {
        for (day, ok) in [
            ("2026-11-27", true),
            ("2026-11-28", true),
            ("2026-11-30", false),
            ("2025-11-27", true),
            ("2025-11-26", false),
            ("2026-02-30", false),
            ("yesterday", false),
        ] {
            let mut n = note("p2", "x");
            n.happened_on = day.into();
            assert_eq!(validate(&n, today(), NOW).is_ok(), ok, "{day}");
        }
    }

    #[test]
    fn broken_ids_and_clocks_are_refused() {
        let mut n = note("p2", "x");
        n.id = "not-a-uuid".into();
        assert_eq!(fields(validate(&n, today(), NOW)), ["id"]);
        let mut n = note("p2", "x");
        n.edited_at = n.created_at - 1;
        assert_eq!(fields(validate(&n, today(), NOW)), ["edited_at"]);
        let mut n = note("p2", "x");
        n.created_at = 0;
        assert_eq!(fields(validate(&n, today(), NOW)), ["edited_at"]);
    }

    #[test]
    fn check_ins_need_a_value_and_confidence() {
        let c = item(CapturePayload::CheckIn {
            goal: "g1".into(),
            kr: "k1".into(),
            value: " ".into(),
            confidence: 11,
            note: String::new(),
        });
        assert_eq!(fields(validate(&c, today(), NOW)), ["value", "confidence"]);
    }

    #[test]
    fn feedback_needs_words() {
        let f = item(CapturePayload::Feedback {
            to: "p2".into(),
            feedback_kind: FeedbackKind::Praise,
            visibility: FeedbackVisibility::Private,
            text: String::new(),
        });
        assert_eq!(fields(validate(&f, today(), NOW)), ["text"]);
    }
}
