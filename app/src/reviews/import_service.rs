//! Importing historical review cycles from CSV and exporting a cycle back
//! to the same format (`docs/import.md`).

use crate::error::AppError;
use crate::reviews::import_check::{RowError, COLUMNS, OVERALL};
use crate::reviews::model::ImportSummary;
use crate::reviews::{import_check as review_import, repo};
use crate::server::db::Db;
use crate::server::CurrentUser;
use crate::shared::date::Day;

/// Files larger than this are refused before parsing (about 500,000 rows).
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// At most this many bad rows are listed; the rest are counted.
const LISTED: usize = 200;

fn refuse(errors: Vec<RowError>) -> AppError {
    let n = errors.len();
    let mut lines: Vec<String> = errors.into_iter().take(LISTED).map(|e| e.message).collect();
    if n > LISTED {
        lines.push(format!("…and {} more bad rows.", n - LISTED));
    }
    AppError::Invalid(format!(
        "Nothing was imported: {n} row(s) need fixing.\n{}",
        lines.join("\n")
    ))
}

/// Checks the whole file and stores it only if every row is good. Running
/// it again with the same file changes nothing.
pub async fn import(db: &Db, text: &str, today: Day) -> Result<ImportSummary, AppError> {
    if text.len() > MAX_BYTES {
        return Err(AppError::Invalid(format!(
            "The file is larger than {} MiB; split it by cycle.",
            MAX_BYTES / 1024 / 1024
        )));
    }
    let (header, rows) = crate::server::csv::records(text).map_err(|e| {
        let line = e.line;
        refuse(vec![RowError {
            line,
            message: format!("Line {line}: {}", e.message),
        }])
    })?;
    let people = repo::keys_by_email(db).await?;
    let plan = review_import::plan(&header, &rows, &|email| people.get(email).cloned(), today).map_err(refuse)?;
    let names: Vec<String> = plan.cycles.iter().map(|c| c.name.clone()).collect();
    let clash = repo::tend_cycles_named(db, &names).await?;
    if !clash.is_empty() {
        return Err(AppError::Invalid(format!(
            "Nothing was imported: a cycle run in Tend already has the name {}. Rename it in the file.",
            clash.join(", ")
        )));
    }
    repo::store_import(db, &plan).await?;
    Ok(ImportSummary {
        cycles: plan.cycles.len(),
        reviews: plan.reviews.len(),
        ratings: plan.ratings(),
    })
}

/// The same import for HR, from the browser.
pub async fn import_as(db: &Db, user: &CurrentUser, text: &str, today: Day) -> Result<ImportSummary, AppError> {
    crate::server::authz::ensure_hr(user)?;
    import(db, text, today).await
}

/// A cycle's named reviews (self and manager) as CSV in the import format:
/// one line per rating, the overall rating as competency "overall". Peer
/// and upward reviews are left out: nobody, HR included, may read who said
/// what in them; their results are shown aggregated in Tend.
pub async fn export(db: &Db, cycle: &str) -> Result<String, AppError> {
    let lines = repo::cycle_reviews(db, cycle).await?.ok_or(AppError::NotFound)?;
    let mut w = crate::server::csv::CsvFile::new(&COLUMNS)?;
    for l in lines {
        let submitted = l.submitted_on.clone().unwrap_or_default();
        let overall = l.overall.map(|o| (OVERALL.to_owned(), o, String::new()));
        let ratings = l
            .ratings
            .iter()
            .map(|r| (r.competency.clone(), r.rating, r.comment.clone()));
        for (competency, rating, comment) in ratings.chain(overall) {
            w.row(&[
                l.cycle.as_str(),
                &l.period_start,
                &l.period_end,
                &l.ratee_email,
                &l.reviewer_email,
                &l.kind,
                &competency,
                &rating.to_string(),
                &comment,
                &submitted,
            ])?;
        }
    }
    w.finish()
}

/// Export for HR.
pub async fn export_as(db: &Db, user: &CurrentUser, cycle: &str) -> Result<String, AppError> {
    crate::server::authz::ensure_hr(user)?;
    export(db, cycle).await
}

#[cfg(test)]
mod tests;
