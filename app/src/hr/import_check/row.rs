//! The header and one row of a people file, each checked on its own.

// The same limits as HR's one-at-a-time forms (`admin_rules`), so a person
// added by hand exports and re-imports unchanged.
use crate::hr::admin_rules::{plausible_time_zone, MAX_DEPTH as MAX_UNIT_DEPTH, MAX_TEXT};
use crate::shared::date::Day;
use std::collections::HashMap;

/// Columns every file has.
pub const REQUIRED: [&str; 5] = ["employee_id", "email", "name", "manager_employee_id", "org_unit"];
/// Columns a file may have.
pub const OPTIONAL: [&str; 5] = ["title", "start_date", "end_date", "is_hr", "time_zone"];
/// Columns imported only when HR opts in.
pub const DEMOGRAPHICS: [&str; 4] = ["gender", "ethnicity", "age_band", "location"];

const MAX_ID: usize = 64;

/// A bad row (or the header, line 1), with its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub message: String,
}

/// Which column sits where in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    index: HashMap<&'static str, usize>,
    /// Demographic columns present but not imported (HR did not opt in).
    pub ignored: Vec<&'static str>,
}

/// Reads the header: every required column once, known columns only.
pub fn header(names: &[String], demographics: bool) -> Result<Header, RowError> {
    let err = |message: String| RowError { line: 1, message };
    let known: Vec<&'static str> = REQUIRED.iter().chain(&OPTIONAL).chain(&DEMOGRAPHICS).copied().collect();
    let mut index = HashMap::new();
    let mut ignored = Vec::new();
    for (i, raw) in names.iter().enumerate() {
        let name = raw.trim().trim_start_matches('\u{feff}').to_ascii_lowercase();
        let Some(col) = known.iter().copied().find(|k| *k == name) else {
            return Err(err(format!(
                "Unknown column “{}”. The columns are: {}.",
                raw.trim(),
                known.join(", ")
            )));
        };
        if index.insert(col, i).is_some() {
            return Err(err(format!("The column “{col}” appears twice.")));
        }
        if DEMOGRAPHICS.contains(&col) && !demographics {
            ignored.push(col);
        }
    }
    let missing: Vec<&str> = REQUIRED.iter().copied().filter(|c| !index.contains_key(c)).collect();
    if !missing.is_empty() {
        return Err(err(format!("Missing column(s): {}.", missing.join(", "))));
    }
    for col in &ignored {
        index.remove(col);
    }
    Ok(Header { index, ignored })
}

/// One person as the file describes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRow {
    pub line: usize,
    pub employee_id: String,
    /// Lower case.
    pub email: String,
    pub name: String,
    pub manager: Option<String>,
    /// The unit path's parts, root first ("Company/Engineering" → two).
    pub unit: Vec<String>,
    pub title: Option<String>,
    pub start: Option<Day>,
    pub end: Option<Day>,
    pub is_hr: Option<bool>,
    pub time_zone: Option<String>,
    /// (column, value) for the demographic columns imported.
    pub demographics: Vec<(&'static str, Option<String>)>,
}

impl PersonRow {
    /// Whether the file says the person has left by `today`.
    pub fn gone(&self, today: Day) -> bool {
        self.end.is_some_and(|e| e < today)
    }
}

/// Checks one row's cells on their own.
pub fn row(h: &Header, line: usize, cells: &[String]) -> Result<PersonRow, RowError> {
    let bad = |message: String| RowError { line, message };
    let cell = |col: &str| -> &str { h.index.get(col).and_then(|&i| cells.get(i)).map_or("", |c| c.trim()) };
    let opt = |col: &str| -> Option<String> { Some(cell(col)).filter(|c| !c.is_empty()).map(str::to_owned) };
    let employee_id = cell("employee_id");
    if employee_id.is_empty() || employee_id.chars().count() > MAX_ID || employee_id.chars().any(char::is_control) {
        return Err(bad(format!("employee_id must be 1 to {MAX_ID} characters.")));
    }
    let email = cell("email").to_lowercase();
    if !plausible_email(&email) {
        return Err(bad(format!("“{}” is not an email address.", cell("email"))));
    }
    let name = cell("name");
    if name.is_empty() || name.chars().count() > MAX_TEXT || name.chars().any(char::is_control) {
        return Err(bad(format!("name must be 1 to {MAX_TEXT} characters.")));
    }
    let unit: Vec<String> = cell("org_unit").split('/').map(|p| p.trim().to_owned()).collect();
    if unit.iter().any(|p| p.is_empty() || p.chars().count() > MAX_TEXT) || unit.len() > MAX_UNIT_DEPTH {
        return Err(bad(format!(
            "org_unit must be a path such as Company/Engineering/Platform: at most {MAX_UNIT_DEPTH} parts, none empty."
        )));
    }
    let day = |col: &str| -> Result<Option<Day>, RowError> {
        match cell(col) {
            "" => Ok(None),
            v => Day::parse(v)
                .map(Some)
                .ok_or_else(|| bad(format!("{col} “{v}” is not a date; use YYYY-MM-DD."))),
        }
    };
    let (start, end) = (day("start_date")?, day("end_date")?);
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            return Err(bad(format!("end_date {e} is before start_date {s}.")));
        }
    }
    let is_hr = match cell("is_hr").to_ascii_lowercase().as_str() {
        "" => None,
        "true" | "yes" | "1" => Some(true),
        "false" | "no" | "0" => Some(false),
        v => return Err(bad(format!("is_hr “{v}” must be true or false."))),
    };
    let time_zone = opt("time_zone");
    if let Some(tz) = &time_zone {
        if !plausible_time_zone(tz) {
            return Err(bad(format!(
                "time_zone “{tz}” is not a zone name such as Europe/Berlin or UTC."
            )));
        }
    }
    let title = opt("title");
    if title.as_ref().is_some_and(|t| t.chars().count() > MAX_TEXT) {
        return Err(bad(format!("title is longer than {MAX_TEXT} characters.")));
    }
    let mut demographics = Vec::new();
    for col in DEMOGRAPHICS {
        if h.index.contains_key(col) {
            let v = opt(col);
            if v.as_ref().is_some_and(|v| v.chars().count() > MAX_TEXT) {
                return Err(bad(format!("{col} is longer than {MAX_TEXT} characters.")));
            }
            demographics.push((col, v));
        }
    }
    Ok(PersonRow {
        line,
        employee_id: employee_id.to_owned(),
        email,
        name: name.to_owned(),
        manager: opt("manager_employee_id"),
        unit,
        title,
        start,
        end,
        is_hr,
        time_zone,
        demographics,
    })
}

/// An address Tend can sign in with: a local part of the characters RFC
/// 5322 allows unquoted, one `@`, and a domain of dotted labels (letters,
/// digits, hyphens). Quoted local parts and IP literals are refused: no
/// HR system exports them, and a comma or quote here is a broken file.
pub fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    email.len() <= 254 && local_ok && domain_ok
}
