//! Checks for HR's one-at-a-time changes, shared by the forms (as you type)
//! and the server: a person's fields, a unit's name, and whether a new
//! manager or parent unit would make a loop. The same limits as the people
//! file (`import_check`), so a person added by hand exports and re-imports
//! unchanged.

use crate::error::{AppError, FieldError};
use crate::hr::import_check::plausible_email;
use crate::hr::model::PersonForm;
use crate::shared::date::Day;

/// Longest name, title or unit name.
pub const MAX_TEXT: usize = 120;
/// Deepest unit path (the headcount event walks five levels).
pub const MAX_DEPTH: usize = 5;

fn field(errors: &mut Vec<FieldError>, name: &str, message: &str) {
    errors.push(FieldError {
        field: name.into(),
        message: message.into(),
    });
}

/// A person form, trimmed and checked; the email is lower-cased.
pub fn check_person(form: &PersonForm) -> Result<PersonForm, AppError> {
    let mut f = form.clone();
    for s in [
        &mut f.employee_id,
        &mut f.email,
        &mut f.name,
        &mut f.title,
        &mut f.time_zone,
        &mut f.start_date,
    ] {
        *s = s.trim().to_owned();
    }
    f.email = f.email.to_lowercase();
    let mut errors = Vec::new();
    if f.employee_id.chars().count() > 64 || f.employee_id.chars().any(char::is_control) {
        field(&mut errors, "employee_id", "The employee id is at most 64 characters.");
    }
    if !plausible_email(&f.email) {
        field(
            &mut errors,
            "email",
            "Enter a work email address such as ada@example.com.",
        );
    }
    if f.name.is_empty() || f.name.chars().count() > MAX_TEXT || f.name.chars().any(char::is_control) {
        field(&mut errors, "name", "The name is 1 to 120 characters.");
    }
    if f.title.chars().count() > MAX_TEXT {
        field(&mut errors, "title", "The title is at most 120 characters.");
    }
    if f.unit.trim().is_empty() {
        field(&mut errors, "unit", "Choose the org unit.");
    }
    if !f.time_zone.is_empty() && !plausible_time_zone(&f.time_zone) {
        field(
            &mut errors,
            "time_zone",
            "Use a zone name such as Europe/Berlin, or UTC.",
        );
    }
    if !f.start_date.is_empty() && Day::parse(&f.start_date).is_none() {
        field(&mut errors, "start_date", "Use a date such as 2026-03-01.");
    }
    if errors.is_empty() {
        Ok(f)
    } else {
        Err(AppError::InvalidFields(errors))
    }
}

/// An IANA zone name's shape: `UTC`, or `Area/Location[/More]`.
pub fn plausible_time_zone(tz: &str) -> bool {
    tz.len() <= 64
        && (tz == "UTC"
            || (tz.contains('/')
                && tz.split('/').all(|p| {
                    !p.is_empty()
                        && p.chars()
                            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+'))
                })))
}

/// A unit name, trimmed: 1 to 120 characters, no slash (paths use it).
pub fn check_unit_name(name: &str) -> Result<String, AppError> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > MAX_TEXT || n.contains('/') || n.chars().any(char::is_control) {
        return Err(AppError::field(
            "name",
            "A unit name is 1 to 120 characters, without a slash.",
        ));
    }
    Ok(n.to_owned())
}

/// Whether making `new_parent` the parent (or manager) of `node` closes a
/// loop, given the chain above `new_parent`, nearest first.
pub fn closes_loop(node: &str, new_parent: &str, chain_above_new_parent: &[String]) -> bool {
    new_parent == node || chain_above_new_parent.iter().any(|a| a == node)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> PersonForm {
        PersonForm {
            email: " Ada@Example.COM ".into(),
            name: " Ada Lovelace ".into(),
            unit: "u1".into(),
            time_zone: "Europe/London".into(),
            start_date: "2026-03-01".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_form_is_trimmed_and_lower_cased() {
        let f = check_person(&form()).unwrap();
        assert_eq!((f.email.as_str(), f.name.as_str()), ("ada@example.com", "Ada Lovelace"));
    }

    #[test]
    fn each_bad_field_is_named() {
        let mut f = form();
        f.email = "ada@".into();
        f.name = "".into();
        f.time_zone = "Mars".into();
        f.start_date = "2026-02-30".into();
        f.unit = " ".into();
        let AppError::InvalidFields(errors) = check_person(&f).unwrap_err() else {
            panic!("field errors expected");
        };
        let named: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(named, ["email", "name", "unit", "time_zone", "start_date"]);
    }

    #[test]
    fn unit_names_have_no_slash_and_loops_are_seen() {
        assert_eq!(check_unit_name("  Platform ").unwrap(), "Platform");
        assert!(check_unit_name("A/B").is_err());
        assert!(check_unit_name(" ").is_err());
        let chain = vec!["m".to_owned(), "top".to_owned()];
        assert!(closes_loop("top", "x", &chain), "x sits under top: top under x loops");
        assert!(closes_loop("x", "x", &[]), "nobody manages themselves");
        assert!(!closes_loop("y", "x", &chain));
    }
}
