//! People who join by signing in: single sign-on's just-in-time creation,
//! off unless the organisation names whose team newcomers join
//! (`TEND_OIDC_CREATE_PEOPLE_UNDER`, an HR admin say). Tend places everyone
//! under a manager and in a unit, which an identity provider does not know,
//! so a newcomer reports to that person, in their unit, until HR moves
//! them; the change is audited like HR's own ("joined", by nobody).

use super::{fields, invalid};
use crate::error::AppError;
use crate::hr::admin_rules::check_person;
use crate::hr::import_apply::{change, Writes};
use crate::hr::import_service::commit;
use crate::hr::model::PersonForm;
use crate::hr::repo::{self, admin};
use crate::server::db::Db;
use crate::server::repo::new_key;
use crate::shared::date::Day;
use crate::shared::ids::PersonId;

/// Longest name kept from a provider (the person form's limit).
const MAX_NAME: usize = 120;

/// Adds the person with this verified `email`, named as the provider says
/// (or by their email's local part), reporting to the active person whose
/// email is `under`. Refused if anyone already has the email.
pub async fn join_by_sign_in(
    db: &Db,
    email: &str,
    name: Option<&str>,
    under: &str,
    today: Day,
) -> Result<PersonId, AppError> {
    let host = crate::people::repo::credentials(db, under)
        .await?
        .filter(|a| !a.left)
        .ok_or_else(|| {
            AppError::Invalid(format!(
                "Newcomers join {under}'s team, but nobody active has that email."
            ))
        })?;
    let host = repo::stored(db, host.id.as_str()).await?.ok_or(AppError::NotFound)?;
    // A provider's name may hold anything: no control characters, and no
    // longer than the form allows.
    let clean: String = name
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_NAME)
        .collect();
    let local = email.split('@').next().unwrap_or(email);
    let form = PersonForm {
        id: None,
        employee_id: String::new(),
        email: email.to_owned(),
        name: if clean.trim().is_empty() {
            local.to_owned()
        } else {
            clean
        },
        title: String::new(),
        unit: host.fields.unit.clone(),
        is_hr: false,
        time_zone: String::new(),
        start_date: today.to_string(),
        manager: Some(host.key.clone()),
        invite: false,
    };
    let f = check_person(&form)?;
    if admin::holder(db, &f.email, None, None).await?.is_some() {
        return Err(invalid("email", "Someone already has this email."));
    }
    let key = new_key("p");
    let mut w = Writes::default();
    w.new_people.push((key.clone(), fields(&f, None, None)));
    w.edges.push((key.clone(), host.key.clone()));
    w.changes.push(change(&key, "joined", None, Some(f.name.clone())));
    let made = repo::Made {
        by: None,
        import: None,
        effective: today.to_string(),
    };
    Box::pin(commit(db, &w, made)).await?;
    PersonId::parse(&key).ok_or_else(|| AppError::internal("a new person key did not parse"))
}
