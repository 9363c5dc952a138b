//! Checking what a person chose on the preferences page, and quiet hours.

use crate::error::AppError;
use crate::notify::model::{Delivery, Kind, PrefsDraft};

/// Validated preferences: each kind named at most once, quiet hours both or neither.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPrefs {
    pub kinds: Vec<(Kind, Delivery)>,
    pub quiet: Option<(u8, u8)>,
}

fn hour(raw: &str, field: &str) -> Result<Option<u8>, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    // "22", "22:00" and "07:00" are all an hour; minutes other than :00 are not offered.
    let h = raw.strip_suffix(":00").unwrap_or(raw);
    match h.parse::<u8>() {
        Ok(n) if n <= 23 => Ok(Some(n)),
        _ => Err(AppError::field(field, "Choose a whole hour from 00:00 to 23:00.")),
    }
}

/// Checks a preferences form.
pub fn parse_prefs(d: &PrefsDraft) -> Result<ValidPrefs, AppError> {
    if d.kinds.len() > Kind::ALL.len() {
        return Err(AppError::field("kinds", "Each kind of notification can be set once."));
    }
    let mut kinds: Vec<(Kind, Delivery)> = Vec::new();
    for (k, v) in &d.kinds {
        let kind =
            Kind::parse(k).ok_or_else(|| AppError::field("kinds", "That is not a kind of notification Tend sends."))?;
        let delivery = Delivery::parse(v)
            .ok_or_else(|| AppError::field(kind.code(), "Choose at once, daily, weekly or inbox only."))?;
        if kinds.iter().any(|(seen, _)| *seen == kind) {
            return Err(AppError::field(
                kind.code(),
                "Each kind of notification can be set once.",
            ));
        }
        kinds.push((kind, delivery));
    }
    let quiet = match (hour(&d.quiet_from, "quiet_from")?, hour(&d.quiet_to, "quiet_to")?) {
        (None, None) => None,
        (Some(a), Some(b)) if a == b => {
            return Err(AppError::field(
                "quiet_to",
                "Quiet hours must end at a different hour than they start.",
            ))
        }
        (Some(a), Some(b)) => Some((a, b)),
        (Some(_), None) => return Err(AppError::field("quiet_to", "Say when quiet hours end.")),
        (None, Some(_)) => return Err(AppError::field("quiet_from", "Say when quiet hours start.")),
    };
    Ok(ValidPrefs { kinds, quiet })
}

/// Whether `text` @mentions `name`: "@Kim", "@kim.park" or "@Kim Park"
/// (the first name, or the full name with a space, dot or nothing between).
pub fn mentions(text: &str, name: &str) -> bool {
    let lower = text.to_lowercase();
    let parts: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    let Some(first) = parts.first() else {
        return false;
    };
    let full_forms = [parts.join(" "), parts.join("."), parts.join("")];
    lower.match_indices('@').any(|(i, _)| {
        // An address (kim@acme.io) is not a mention: the @ starts a word.
        if lower[..i].chars().next_back().is_some_and(char::is_alphanumeric) {
            return false;
        }
        let after = &lower[i + 1..];
        let ends_word = |n: usize| after[n..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        full_forms
            .iter()
            .any(|f| after.starts_with(f.as_str()) && ends_word(f.len()))
            || (after.starts_with(first.as_str()) && ends_word(first.len()))
    })
}

/// Whether a local hour falls in quiet hours `from`..`to` (which may wrap
/// past midnight: 22 to 7 is quiet at 23 and at 3, not at 7).
pub fn is_quiet(hour: u8, quiet: Option<(u8, u8)>) -> bool {
    match quiet {
        None => false,
        Some((from, to)) if from < to => hour >= from && hour < to,
        Some((from, to)) => hour >= from || hour < to,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(kinds: &[(&str, &str)], from: &str, to: &str) -> PrefsDraft {
        PrefsDraft {
            kinds: kinds.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect(),
            quiet_from: from.into(),
            quiet_to: to.into(),
        }
    }

    #[test]
    fn valid_preferences_parse_with_quiet_hours_in_either_spelling() {
        let p = parse_prefs(&draft(
            &[("feedback_received", "daily"), ("mention", "off")],
            "22:00",
            "7",
        ))
        .unwrap();
        assert_eq!(
            p.kinds,
            vec![
                (Kind::FeedbackReceived, Delivery::Daily),
                (Kind::Mention, Delivery::Off)
            ]
        );
        assert_eq!(p.quiet, Some((22, 7)));
        assert_eq!(parse_prefs(&draft(&[], "", "")).unwrap().quiet, None);
    }

    #[test]
    fn bad_preferences_name_the_field() {
        let field = |d: PrefsDraft| match parse_prefs(&d) {
            Err(AppError::InvalidFields(f)) => f[0].field.clone(),
            other => panic!("expected a field error, got {other:?}"),
        };
        assert_eq!(field(draft(&[("weather", "now")], "", "")), "kinds");
        assert_eq!(field(draft(&[("mention", "hourly")], "", "")), "mention");
        assert_eq!(
            field(draft(&[("mention", "now"), ("mention", "off")], "", "")),
            "mention"
        );
        assert_eq!(field(draft(&[], "24", "7")), "quiet_from");
        assert_eq!(field(draft(&[], "22:30", "7")), "quiet_from");
        assert_eq!(field(draft(&[], "22", "")), "quiet_to");
        assert_eq!(field(draft(&[], "", "7")), "quiet_from");
        assert_eq!(field(draft(&[], "9", "9")), "quiet_to");
        assert_eq!(field(draft(&[], "-1", "7")), "quiet_from");
    }

    #[test]
    fn mentions_need_an_at_sign_and_a_whole_name() {
        assert!(mentions("Talk with @Kim about the launch", "Kim Park"));
        assert!(mentions("@kim.park: the budget", "Kim Park"));
        assert!(mentions("cc @Kim Park", "Kim Park"));
        assert!(mentions("@Zoë, next steps", "Zoë Ng"));
        assert!(!mentions("Talk with Kim about it", "Kim Park"), "no @");
        assert!(
            !mentions("@Kimberly's plan", "Kim Park"),
            "another name that starts the same"
        );
        assert!(!mentions("mail kim@acme.io", "Acme Corp"));
        assert!(!mentions("@", "Kim Park"));
        assert!(!mentions("@Kim", ""));
    }

    #[test]
    fn quiet_hours_wrap_past_midnight() {
        let night = Some((22, 7));
        assert!(is_quiet(22, night) && is_quiet(23, night) && is_quiet(0, night) && is_quiet(6, night));
        assert!(!is_quiet(7, night) && !is_quiet(12, night) && !is_quiet(21, night));
        let lunch = Some((12, 14));
        assert!(is_quiet(12, lunch) && is_quiet(13, lunch) && !is_quiet(14, lunch) && !is_quiet(11, lunch));
        assert!(!is_quiet(3, None));
    }

    #[test]
    fn every_kind_round_trips_its_code() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.code()), Some(k));
        }
        for d in Delivery::ALL {
            assert_eq!(Delivery::parse(d.code()), Some(d));
        }
    }
}
