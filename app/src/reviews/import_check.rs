//! Checks a historical review file (see `docs/import.md`) row by row and
//! turns it into cycles and reviews to store. Every bad row is reported with
//! its line number; nothing is stored unless every row is good.

use crate::reviews::model::ReviewKind;
use crate::shared::date::Day;
use std::collections::{BTreeMap, HashMap};

/// The columns, in the order the export writes them. An import accepts them
/// in any order but needs every one and no others.
pub const COLUMNS: [&str; 10] = [
    "cycle",
    "period_start",
    "period_end",
    "ratee_email",
    "reviewer_email",
    "kind",
    "competency",
    "rating",
    "comment",
    "submitted_on",
];

/// The competency name that carries a review's overall rating.
pub const OVERALL: &str = "overall";

const MAX_CYCLE: usize = 120;
const MAX_COMPETENCY: usize = 60;
const MAX_COMMENT: usize = 2000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// 1-based line in the file (the header is line 1).
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedCycle {
    pub name: String,
    pub from: Day,
    pub to: Day,
    pub kinds: Vec<ReviewKind>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedRating {
    pub competency: String,
    pub rating: u8,
    pub comment: String,
}

/// One review: everything one reviewer said about one ratee in one cycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedReview {
    pub cycle: String,
    /// Person keys, as the resolver returned them.
    pub ratee: String,
    pub reviewer: String,
    pub kind: ReviewKind,
    pub ratings: Vec<PlannedRating>,
    pub overall: Option<u8>,
    pub submitted_on: Day,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportPlan {
    pub cycles: Vec<PlannedCycle>,
    pub reviews: Vec<PlannedReview>,
}

impl ImportPlan {
    pub fn ratings(&self) -> usize {
        self.reviews
            .iter()
            .map(|r| r.ratings.len() + usize::from(r.overall.is_some()))
            .sum()
    }
}

/// Where each column sits in the file, or what is wrong with the header.
pub fn header(names: &[String]) -> Result<[usize; 10], String> {
    let clean: Vec<String> = names.iter().map(|n| n.trim().to_lowercase()).collect();
    let missing: Vec<&str> = COLUMNS
        .iter()
        .copied()
        .filter(|c| !clean.iter().any(|n| n == c))
        .collect();
    let unknown: Vec<&str> = clean
        .iter()
        .map(String::as_str)
        .filter(|n| !COLUMNS.contains(n))
        .collect();
    let mut problems = Vec::new();
    if !missing.is_empty() {
        problems.push(format!("missing column(s): {}", missing.join(", ")));
    }
    if !unknown.is_empty() {
        problems.push(format!("unexpected column(s): {}", unknown.join(", ")));
    }
    for c in COLUMNS {
        if clean.iter().filter(|n| *n == c).count() > 1 {
            problems.push(format!("column {c} appears twice"));
        }
    }
    if !problems.is_empty() {
        return Err(format!(
            "Line 1 (the header): {}. The columns are: {}.",
            problems.join("; "),
            COLUMNS.join(", ")
        ));
    }
    let mut at = [0; 10];
    for (i, c) in COLUMNS.iter().enumerate() {
        at[i] = clean.iter().position(|n| n == c).unwrap_or(0);
    }
    Ok(at)
}

fn day(value: &str, column: &str) -> Result<Day, String> {
    Day::parse(value.trim()).ok_or_else(|| format!("{column} \"{}\" is not a date as YYYY-MM-DD", value.trim()))
}

/// One checked row.
struct Row {
    cycle: String,
    from: Day,
    to: Day,
    ratee: String,
    reviewer: String,
    kind: ReviewKind,
    competency: String,
    rating: u8,
    comment: String,
    submitted_on: Day,
}

fn row(f: &[&str; 10], person: &dyn Fn(&str) -> Option<String>, today: Day) -> Result<Row, Vec<String>> {
    let mut errs = Vec::new();
    let cycle = f[0].trim().to_owned();
    if cycle.is_empty() || cycle.chars().count() > MAX_CYCLE {
        errs.push(format!("cycle must have a name of 1 to {MAX_CYCLE} characters"));
    }
    let from = day(f[1], "period_start").map_err(|e| errs.push(e)).ok();
    let to = day(f[2], "period_end").map_err(|e| errs.push(e)).ok();
    if let (Some(a), Some(b)) = (from, to) {
        if a > b {
            errs.push(format!("period_start {a} is after period_end {b}"));
        }
    }
    let mut who = |col: &str, v: &str| {
        let email = v.trim().to_lowercase();
        match person(&email) {
            Some(k) => Some(k),
            None if email.is_empty() => {
                errs.push(format!("{col} is empty"));
                None
            }
            None => {
                errs.push(format!(
                    "{col} {email} is not anyone in Tend (add them first, or correct the address)"
                ));
                None
            }
        }
    };
    let ratee = who("ratee_email", f[3]);
    let reviewer = who("reviewer_email", f[4]);
    let kind = ReviewKind::parse(f[5].trim().to_lowercase().as_str());
    if kind.is_none() {
        errs.push(format!(
            "kind \"{}\" is not one of self, manager, peer, upward",
            f[5].trim()
        ));
    }
    if let (Some(k), Some(a), Some(b)) = (kind, &ratee, &reviewer) {
        if k == ReviewKind::SelfReview && a != b {
            errs.push("a self review must have the same ratee and reviewer".into());
        }
        if k != ReviewKind::SelfReview && a == b {
            errs.push(format!("a {} review cannot be written about oneself", k.as_str()));
        }
    }
    let competency = f[6].trim().to_owned();
    if competency.is_empty() || competency.chars().count() > MAX_COMPETENCY {
        errs.push(format!(
            "competency must have a name of 1 to {MAX_COMPETENCY} characters"
        ));
    }
    let rating = match f[7].trim().parse::<u8>() {
        Ok(r @ 1..=5) => Some(r),
        _ => {
            errs.push(format!("rating \"{}\" is not a whole number from 1 to 5", f[7].trim()));
            None
        }
    };
    let comment = f[8].trim().to_owned();
    if comment.chars().count() > MAX_COMMENT {
        errs.push(format!("comment is longer than {MAX_COMMENT} characters"));
    }
    let submitted_on = day(f[9], "submitted_on").map_err(|e| errs.push(e)).ok();
    if let Some(s) = submitted_on {
        if s > today {
            errs.push(format!("submitted_on {s} is in the future"));
        }
        if let Some(a) = from {
            if s < a {
                errs.push(format!("submitted_on {s} is before the period starts ({a})"));
            }
        }
    }
    match (from, to, ratee, reviewer, kind, rating, submitted_on) {
        (Some(from), Some(to), Some(ratee), Some(reviewer), Some(kind), Some(rating), Some(submitted_on))
            if errs.is_empty() =>
        {
            Ok(Row {
                cycle,
                from,
                to,
                ratee,
                reviewer,
                kind,
                competency,
                rating,
                comment,
                submitted_on,
            })
        }
        _ => Err(errs),
    }
}

/// Checks every row. `rows` are (line, fields) in file order; `person`
/// finds a person's key by lower-case email.
pub fn plan(
    header_names: &[String],
    rows: &[(usize, Vec<String>)],
    person: &dyn Fn(&str) -> Option<String>,
    today: Day,
) -> Result<ImportPlan, Vec<RowError>> {
    let at = header(header_names).map_err(|message| vec![RowError { line: 1, message }])?;
    if rows.is_empty() {
        return Err(vec![RowError {
            line: 2,
            message: "The file has a header but no rows to import.".into(),
        }]);
    }
    let mut errors = Vec::new();
    let mut cycles: BTreeMap<String, (PlannedCycle, usize)> = BTreeMap::new();
    type Key = (String, String, String, ReviewKind);
    let mut reviews: Vec<PlannedReview> = Vec::new();
    let mut review_at: HashMap<Key, (usize, usize)> = HashMap::new();
    let mut seen: HashMap<(Key, String), usize> = HashMap::new();
    for (line, fields) in rows {
        let line = *line;
        if fields.len() != header_names.len() {
            errors.push(RowError {
                line,
                message: format!(
                    "Line {line} has {} fields; the header has {}.",
                    fields.len(),
                    header_names.len()
                ),
            });
            continue;
        }
        let f: [&str; 10] = std::array::from_fn(|i| fields[at[i]].as_str());
        let r = match row(&f, person, today) {
            Ok(r) => r,
            Err(problems) => {
                errors.push(RowError {
                    line,
                    message: format!("Line {line}: {}.", problems.join("; ")),
                });
                continue;
            }
        };
        let mut problems = Vec::new();
        match cycles.get_mut(&r.cycle) {
            Some((c, first)) if (c.from, c.to) != (r.from, r.to) => problems.push(format!(
                "cycle \"{}\" runs {} to {} on line {first}, not {} to {}",
                r.cycle, c.from, c.to, r.from, r.to
            )),
            Some((c, _)) => {
                if !c.kinds.contains(&r.kind) {
                    c.kinds.push(r.kind);
                }
            }
            None => {
                cycles.insert(
                    r.cycle.clone(),
                    (
                        PlannedCycle {
                            name: r.cycle.clone(),
                            from: r.from,
                            to: r.to,
                            kinds: vec![r.kind],
                        },
                        line,
                    ),
                );
            }
        }
        let key: Key = (r.cycle.clone(), r.ratee.clone(), r.reviewer.clone(), r.kind);
        let competency_key = r.competency.to_lowercase();
        if let Some(first) = seen.get(&(key.clone(), competency_key.clone())) {
            problems.push(format!(
                "competency \"{}\" for this review is already on line {first}",
                r.competency
            ));
        }
        if let Some((i, first)) = review_at.get(&key) {
            if reviews[*i].submitted_on != r.submitted_on {
                problems.push(format!(
                    "this review was submitted on {} according to line {first}, not {}",
                    reviews[*i].submitted_on, r.submitted_on
                ));
            }
        }
        if !problems.is_empty() {
            errors.push(RowError {
                line,
                message: format!("Line {line}: {}.", problems.join("; ")),
            });
            continue;
        }
        seen.insert((key.clone(), competency_key.clone()), line);
        let i = match review_at.get(&key) {
            Some((i, _)) => *i,
            None => {
                reviews.push(PlannedReview {
                    cycle: r.cycle.clone(),
                    ratee: r.ratee.clone(),
                    reviewer: r.reviewer.clone(),
                    kind: r.kind,
                    ratings: Vec::new(),
                    overall: None,
                    submitted_on: r.submitted_on,
                });
                review_at.insert(key, (reviews.len() - 1, line));
                reviews.len() - 1
            }
        };
        if competency_key == OVERALL {
            reviews[i].overall = Some(r.rating);
        } else {
            reviews[i].ratings.push(PlannedRating {
                competency: r.competency,
                rating: r.rating,
                comment: r.comment,
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ImportPlan {
        cycles: cycles.into_values().map(|(c, _)| c).collect(),
        reviews,
    })
}

/// A review's overall score: its overall rating when it has one, otherwise
/// the mean of its competency ratings.
pub fn score(overall: Option<u8>, ratings: &[u8]) -> Option<f64> {
    match overall {
        Some(o) => Some(f64::from(o)),
        None if ratings.is_empty() => None,
        None => Some(ratings.iter().map(|&r| f64::from(r)).sum::<f64>() / ratings.len() as f64),
    }
}

/// A top performer by their last manager review: a score of 4 or more.
pub const TOP_PERFORMER: f64 = 4.0;

#[cfg(test)]
mod tests;
