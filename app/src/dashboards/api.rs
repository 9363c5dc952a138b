//! The dashboards' server functions: thin, every one authenticates, checks
//! its input and leaves the authorisation to `dashboards::service`.

#[cfg(feature = "ssr")]
use crate::dashboards::model::HrEventKind;
use crate::dashboards::model::{AuditView, HrDashboard, ManagerDashboard};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::shared::date::Day;
#[cfg(feature = "ssr")]
use crate::shared::ids::PersonId;
use leptos::prelude::*;

#[cfg(test)]
mod tests;

#[cfg(feature = "ssr")]
/// A period from the browser: both days, or the default (the last 90 days).
fn parse_period(from: &str, to: &str, today: Day) -> Result<(Day, Day), AppError> {
    let day = |s: &str, default: Day, what: &str| {
        if s.trim().is_empty() {
            Ok(default)
        } else {
            Day::parse(s).ok_or_else(|| AppError::Invalid(format!("The {what} date must be a real date, YYYY-MM-DD.")))
        }
    };
    Ok((day(from, today.plus_days(-90), "start")?, day(to, today, "end")?))
}

/// The signed-in manager's dashboard of their direct reports.
#[server(prefix = "/api", endpoint = "manager_dashboard")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn team_dashboard() -> Result<ManagerDashboard, AppError> {
    let (state, user) = crate::server::request()?;
    crate::dashboards::service::manager(&state.db, &user, Day::today()).await
}

/// The review-quality audit of `manager`'s part of the organisation (empty:
/// the viewer's own), over a period (empty: the last 90 days).
#[server(prefix = "/api", endpoint = "audit_dashboard")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn audit_dashboard(manager: String, from: String, to: String) -> Result<AuditView, AppError> {
    let (state, user) = crate::server::request()?;
    let (from, to) = parse_period(&from, &to, Day::today())?;
    let manager = if manager.trim().is_empty() {
        user.id.clone()
    } else {
        PersonId::parse(&manager).ok_or(AppError::NotFound)?
    };
    crate::dashboards::service::audit(&state.db, &user, &manager, from, to).await
}

/// HR's adoption and outcomes view of an org unit (empty: the company).
#[server(prefix = "/api", endpoint = "hr_dashboard")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn org_dashboard(unit: String, from: String, to: String) -> Result<HrDashboard, AppError> {
    let (state, user) = crate::server::request()?;
    let (from, to) = parse_period(&from, &to, Day::today())?;
    let unit = Some(unit.trim().to_owned()).filter(|u| !u.is_empty());
    if unit.as_ref().is_some_and(|u| u.len() > 64) {
        return Err(AppError::Invalid(
            "There is no org unit by that name. Pick one from the list.".into(),
        ));
    }
    crate::dashboards::service::hr(&state.db, &user, unit, from, to).await
}

/// HR records that someone left or was promoted.
#[server(prefix = "/api", endpoint = "record_hr_event")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn record_hr_event(person: String, kind: String, day: String, reason: String) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    let person = PersonId::parse(&person)
        .ok_or_else(|| AppError::Invalid("There is no such person. Pick someone from the list.".into()))?;
    let kind = HrEventKind::parse(&kind)
        .ok_or_else(|| AppError::Invalid("Choose what happened: left by choice, let go, or promoted.".into()))?;
    let day = Day::parse(&day).ok_or_else(|| AppError::Invalid("The date must be a real date, YYYY-MM-DD.".into()))?;
    crate::dashboards::service::record_event(&state.db, &user, &person, kind, day, &reason, Day::today()).await
}
