//! HR's one-at-a-time changes: add or edit a person (HR access included),
//! move them to another manager with a dated, kept history, and create,
//! rename, move or merge org units. People changes go through the import's
//! write path (`import_service::commit`): one transaction, audited in
//! `people_change`, leavers signed out, counters recounted. Only HR.

use crate::error::{AppError, FieldError};
use crate::hr::admin_rules::{check_person, closes_loop};
use crate::hr::import_apply::{change, field_changes, Fields, UnitNode, Writes};
use crate::hr::import_service::commit;
use crate::hr::model::{PersonForm, PersonRecord, UnitLine};
use crate::hr::repo::{self, admin};
use crate::hr::unit_tree::UnitTree;
use crate::people::model::OwnerRef;
use crate::server::authz::ensure_hr;
use crate::server::db::Db;
use crate::server::repo::{new_key, person_rid};
use crate::server::CurrentUser;
use crate::shared::date::Day;
use crate::shared::ids::PersonId;

/// Most history lines shown on a person's page.
const HISTORY: u32 = 200;

fn made(user: &CurrentUser, effective: Day) -> repo::Made {
    repo::Made {
        by: Some(person_rid(&user.id)),
        import: None,
        effective: effective.to_string(),
    }
}

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::InvalidFields(vec![FieldError {
        field: field.into(),
        message: message.into(),
    }])
}

/// A person with their unit's path, manager and history (HR only).
pub async fn person(db: &Db, user: &CurrentUser, id: &str) -> Result<PersonRecord, AppError> {
    ensure_hr(user)?;
    let key = PersonId::parse(id).ok_or(AppError::NotFound)?;
    let s = repo::stored(db, key.as_str()).await?.ok_or(AppError::NotFound)?;
    let units = repo::units(db).await?;
    let tree = UnitTree::new(&units);
    let manager = match s.manager.as_deref().and_then(PersonId::parse) {
        Some(m) => crate::people::repo::summary(db, &m)
            .await?
            .map(|p| OwnerRef { id: p.id, name: p.name }),
        None => None,
    };
    Ok(PersonRecord {
        id: s.key.clone(),
        employee_id: s.fields.employee_id,
        email: s.fields.email,
        name: s.fields.name,
        title: s.fields.title,
        unit: (s.fields.unit.clone(), tree.path(&s.fields.unit).join("/")),
        is_hr: s.fields.is_hr,
        time_zone: s.fields.time_zone,
        start_date: s.fields.start_date,
        left_on: s.left_on,
        manager,
        history: admin::history(db, &s.key, HISTORY).await?,
    })
}

/// Adds a person (no `id`) or edits one; returns their key.
pub async fn save(db: &Db, user: &CurrentUser, form: PersonForm, today: Day) -> Result<String, AppError> {
    ensure_hr(user)?;
    let f = check_person(&form)?;
    let units = repo::units(db).await?;
    let tree = UnitTree::new(&units);
    if tree.get(&f.unit).is_none() {
        return Err(invalid("unit", "Choose an org unit from the list."));
    }
    let employee_id = Some(f.employee_id.clone()).filter(|e| !e.is_empty());
    if let Some(other) = admin::holder(db, &f.email, employee_id.as_deref(), f.id.as_deref()).await? {
        return Err(invalid(
            "email",
            format!("{other} already has this email or employee id."),
        ));
    }
    let path = |k: &str| tree.path(k).join("/");
    let mut w = Writes::default();
    let key = match f.id.as_deref() {
        None => {
            let key = new_key("p");
            let manager = match f.manager.as_deref().and_then(PersonId::parse) {
                Some(m) => Some(active(db, &m, "manager").await?),
                None if crate::people::repo::count_all(db).await? > 0 => {
                    return Err(invalid("manager", "Choose who they report to."));
                }
                None => None,
            };
            w.new_people.push((key.clone(), fields(&f, employee_id, None)));
            if let Some(m) = manager {
                w.edges.push((key.clone(), m));
            }
            w.changes.push(change(&key, "joined", None, Some(f.name.clone())));
            key
        }
        Some(id) => {
            let s = repo::stored(db, id).await?.ok_or(AppError::NotFound)?;
            if let Some(day) = &s.left_on {
                return Err(AppError::Invalid(format!(
                    "{} left on {day}; their record is kept as it was.",
                    s.fields.name
                )));
            }
            if s.key == user.id.as_str() && s.fields.is_hr && !f.is_hr {
                return Err(invalid("is_hr", "Another HR admin must remove your own HR access."));
            }
            let now = fields(&f, employee_id, Some(&s.fields));
            w.changes = field_changes(&s.key, &s.fields, &now, &path);
            if now != s.fields {
                w.updated.push((s.key.clone(), now));
            }
            s.key
        }
    };
    if !w.is_empty() {
        Box::pin(commit(db, &w, made(user, today))).await?;
    }
    Ok(key)
}

/// [`save`], then for a new person with `form.invite`, mails them an
/// invitation to choose a password.
pub async fn save_and_invite(
    db: &Db,
    mail: &crate::email::transport::Mail,
    user: &CurrentUser,
    form: PersonForm,
    today: Day,
) -> Result<String, AppError> {
    let invite = form.invite && form.id.is_none();
    let key = Box::pin(save(db, user, form, today)).await?;
    if invite {
        let id = PersonId::parse(&key).ok_or_else(|| AppError::internal("a new person key did not parse"))?;
        Box::pin(crate::auth::service::links::invite(db, mail, Some(&user.id), &id)).await?;
    }
    Ok(key)
}

/// The key of an active person, or why not, against `field`.
async fn active(db: &Db, id: &PersonId, field: &str) -> Result<String, AppError> {
    match repo::stored(db, id.as_str()).await? {
        None => Err(invalid(field, "There is no such person; pick someone from the list.")),
        Some(s) if s.left_on.is_some() => Err(invalid(field, format!("{} has left.", s.fields.name))),
        Some(s) => Ok(s.key),
    }
}

fn fields(f: &PersonForm, employee_id: Option<String>, held: Option<&Fields>) -> Fields {
    let opt = |s: &str| Some(s.to_owned()).filter(|s| !s.is_empty());
    Fields {
        employee_id: employee_id.or_else(|| held.and_then(|h| h.employee_id.clone())),
        email: f.email.clone(),
        name: f.name.clone(),
        title: f.title.clone(),
        unit: f.unit.clone(),
        is_hr: f.is_hr,
        time_zone: opt(&f.time_zone),
        start_date: opt(&f.start_date),
        end_date: held.and_then(|h| h.end_date.clone()),
        demographics: held.map(|h| h.demographics.clone()).unwrap_or_default(),
    }
}

/// Moves a person to another manager from `effective` (today or earlier),
/// kept in their history.
pub async fn change_manager(
    db: &Db,
    user: &CurrentUser,
    person: &str,
    manager: &str,
    effective: Day,
    today: Day,
) -> Result<(), AppError> {
    ensure_hr(user)?;
    let p = PersonId::parse(person).ok_or(AppError::NotFound)?;
    let s = repo::stored(db, p.as_str()).await?.ok_or(AppError::NotFound)?;
    if s.left_on.is_some() {
        return Err(AppError::Invalid(format!("{} has left.", s.fields.name)));
    }
    let m = PersonId::parse(manager).ok_or_else(|| invalid("manager", "Pick the new manager from the list."))?;
    let m = active(db, &m, "manager").await?;
    if effective > today {
        return Err(invalid(
            "effective",
            "A move counts from today or an earlier day; make a future move on its day.",
        ));
    }
    if s.manager.as_deref() == Some(m.as_str()) {
        return Err(invalid("manager", "They already report to this person."));
    }
    let m_rid = surrealdb::types::RecordId::new("person", m.as_str());
    let chain: Vec<String> = crate::people::repo::org_chart::managers(db, &m_rid)
        .await?
        .iter()
        .map(crate::server::repo::key_of)
        .collect();
    if closes_loop(&s.key, &m, &chain) {
        return Err(invalid(
            "manager",
            format!(
                "That person reports to {}, directly or through others: the chain would loop.",
                s.fields.name
            ),
        ));
    }
    let mut w = Writes::default();
    if s.manager.is_some() {
        w.unlink.push(s.key.clone());
    }
    w.edges.push((s.key.clone(), m.clone()));
    let was = match s.manager.as_deref() {
        Some(k) => name_of(db, k).await?,
        None => None,
    };
    w.changes.push(change(&s.key, "manager", was, name_of(db, &m).await?));
    Box::pin(commit(db, &w, made(user, effective))).await
}

async fn name_of(db: &Db, key: &str) -> Result<Option<String>, AppError> {
    match PersonId::parse(key) {
        Some(id) => Ok(crate::people::repo::summary(db, &id).await?.map(|p| p.name)),
        None => Ok(None),
    }
}

/// Every org unit with its headcount, parents before children (HR only).
pub async fn units(db: &Db, user: &CurrentUser) -> Result<Vec<UnitLine>, AppError> {
    ensure_hr(user)?;
    let units = repo::units(db).await?;
    let tree = UnitTree::new(&units);
    let ordered = tree.ordered();
    let keys: Vec<String> = ordered.iter().map(|(u, _)| u.key.clone()).collect();
    let counts = crate::people::repo::units::headcounts(db, &keys).await?;
    Ok(ordered
        .into_iter()
        .zip(counts)
        .map(|((u, _), n)| UnitLine {
            id: u.key.clone(),
            name: u.name.clone(),
            kind: u.kind.clone(),
            path: tree.path(&u.key).join("/"),
            depth: tree.depth(&u.key) as u32,
            parent: u.parent.clone(),
            headcount: n,
        })
        .collect())
}

pub mod joiners;
mod unit_changes;
pub use unit_changes::{create_unit, merge_units, move_unit, rename_unit};

/// A unit of the tree, or "no such unit" against `field`.
fn unit_in<'a>(tree: &UnitTree<'a>, key: &str, field: &str) -> Result<&'a UnitNode, AppError> {
    tree.get(key)
        .ok_or_else(|| invalid(field, "There is no such org unit; pick one from the list."))
}

#[cfg(test)]
mod tests;
