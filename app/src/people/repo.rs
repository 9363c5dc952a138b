//! People and the `reports_to` graph.

pub mod org_chart;
pub mod units;

use crate::error::AppError;
use crate::people::model::{Demographics, OrgUnitRef, PersonProfile, PersonSummary, Role, Viewer};
use crate::server::db::Db;
use crate::server::repo::{db_err, key_of, person_rid};
use crate::shared::ids::PersonId;
use surrealdb::types::{RecordId, SurrealValue};

#[derive(SurrealValue)]
struct SummaryRow {
    id: RecordId,
    name: String,
    title: String,
    direct_reports: i64,
}

impl From<SummaryRow> for PersonSummary {
    fn from(r: SummaryRow) -> Self {
        PersonSummary {
            id: PersonId::parse(&key_of(&r.id)).unwrap_or_else(|| PersonId::parse("invalid").expect("static id")),
            name: r.name,
            title: r.title,
            direct_reports: r.direct_reports.max(0) as u32,
        }
    }
}

#[derive(SurrealValue)]
struct ViewerRow {
    id: RecordId,
    name: String,
    email: String,
    is_hr: bool,
    direct_reports: i64,
    managing_reports: i64,
    left_on: Option<String>,
}

#[derive(SurrealValue)]
struct ProfileRow {
    id: RecordId,
    name: String,
    email: String,
    title: String,
    is_hr: bool,
    gender: Option<String>,
    ethnicity: Option<String>,
    age_band: Option<String>,
    location: Option<String>,
    unit_id: RecordId,
    unit_name: String,
    unit_kind: String,
    direct_reports: i64,
    managing_reports: i64,
    manager: Option<RecordId>,
}

// Field lists shared by several queries, as macros so each query stays one
// compile-time literal: nothing but constants ever becomes SurrealQL text.
macro_rules! summary_fields {
    () => {
        "id, name, title, count(<-reports_to) AS direct_reports"
    };
}
macro_rules! role_fields {
    () => {
        "count(<-reports_to) AS direct_reports, count(<-reports_to<-person[WHERE count(<-reports_to) > 0]) AS managing_reports"
    };
}
/// Deepest reporting chain the graph walks follow (real orgs are far
/// shallower), as text so queries can be built with `concat!`.
macro_rules! depth {
    () => {
        "32"
    };
}

fn count(n: i64) -> u32 {
    n.clamp(0, u32::MAX as i64) as u32
}

/// The signed-in person's identity and role, or `None` if they no longer
/// exist or have left: a leaver acts as nobody, so every session of theirs
/// stops working and no reach over their former team remains (issue 22).
pub async fn viewer(db: &Db, id: &PersonId) -> Result<Option<Viewer>, AppError> {
    let sql = concat!(
        "SELECT id, name, email, is_hr, left_on, ",
        role_fields!(),
        " FROM ONLY $id"
    );
    let mut res = db.query(sql).bind(("id", person_rid(id))).await.map_err(db_err)?;
    let row: Option<ViewerRow> = res.take(0).map_err(db_err)?;
    Ok(row.filter(|r| r.left_on.is_none()).map(|r| Viewer {
        id: PersonId::parse(&key_of(&r.id)).unwrap_or_else(|| id.clone()),
        name: r.name,
        email: r.email,
        role: Role::from_counts(count(r.direct_reports), count(r.managing_reports)),
        is_hr: r.is_hr,
    }))
}

/// A sign-in email's account: its id, password hash, and whether the person
/// has left (their account is closed).
pub struct Account {
    pub id: PersonId,
    pub password_hash: String,
    pub left: bool,
}

/// The account for a sign-in email.
pub async fn credentials(db: &Db, email: &str) -> Result<Option<Account>, AppError> {
    #[derive(SurrealValue)]
    struct Row {
        id: RecordId,
        password_hash: String,
        left: bool,
    }
    let mut res = db
        .query("SELECT id, password_hash, left_on != NONE AS left FROM person WHERE email = $email LIMIT 1")
        .bind(("email", email.to_owned()))
        .await
        .map_err(db_err)?;
    let rows: Vec<Row> = res.take(0).map_err(db_err)?;
    Ok(rows.into_iter().next().and_then(|r| {
        Some(Account {
            id: PersonId::parse(&key_of(&r.id))?,
            password_hash: r.password_hash,
            left: r.left,
        })
    }))
}

/// Whether a person with this id exists.
pub async fn exists(db: &Db, id: &PersonId) -> Result<bool, AppError> {
    let mut res = db
        .query("RETURN record::exists($id)")
        .bind(("id", person_rid(id)))
        .await
        .map_err(db_err)?;
    let found: Option<bool> = res.take(0).map_err(db_err)?;
    Ok(found.unwrap_or(false))
}

/// True when `manager` is anywhere above `person` in the reporting graph.
pub async fn is_above(db: &Db, manager: &PersonId, person: &PersonId) -> Result<bool, AppError> {
    let sql = concat!(
        "RETURN $manager IN $person.{1..",
        depth!(),
        "+collect}->reports_to->person"
    );
    let mut res = db
        .query(sql)
        .bind(("manager", person_rid(manager)))
        .bind(("person", person_rid(person)))
        .await
        .map_err(db_err)?;
    let above: Option<bool> = res.take(0).map_err(db_err)?;
    Ok(above.unwrap_or(false))
}

/// A person's direct reports, by name.
pub async fn direct_reports(db: &Db, id: &PersonId) -> Result<Vec<PersonSummary>, AppError> {
    let sql = concat!(
        "SELECT ",
        summary_fields!(),
        " FROM $id<-reports_to<-person ORDER BY name"
    );
    let mut res = db.query(sql).bind(("id", person_rid(id))).await.map_err(db_err)?;
    let rows: Vec<SummaryRow> = res.take(0).map_err(db_err)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// The people in one org unit (not its sub-units) who manage anyone.
/// The people placed in `$unit`, as summaries.
pub const MANAGERS_IN_UNIT: &str = concat!(
    "SELECT ",
    summary_fields!(),
    " FROM person WHERE org_unit = $unit AND left_on = NONE ORDER BY name"
);

pub async fn managers_in_unit(db: &Db, unit: &RecordId) -> Result<Vec<PersonSummary>, AppError> {
    let mut res = db
        .query(MANAGERS_IN_UNIT)
        .bind(("unit", unit.clone()))
        .await
        .map_err(db_err)?;
    let rows: Vec<SummaryRow> = res.take(0).map_err(db_err)?;
    Ok(rows
        .into_iter()
        .map(PersonSummary::from)
        .filter(|p| p.direct_reports > 0)
        .collect())
}

/// How many people sit anywhere below this person.
pub async fn subtree_size(db: &Db, id: &PersonId) -> Result<u32, AppError> {
    let sql = concat!("RETURN count($id.{1..", depth!(), "+collect}<-reports_to<-person)");
    let mut res = db.query(sql).bind(("id", person_rid(id))).await.map_err(db_err)?;
    let n: Option<i64> = res.take(0).map_err(db_err)?;
    Ok(count(n.unwrap_or(0)))
}

/// One person's summary line.
pub async fn summary(db: &Db, id: &PersonId) -> Result<Option<PersonSummary>, AppError> {
    let sql = concat!("SELECT ", summary_fields!(), " FROM ONLY $id");
    let mut res = db.query(sql).bind(("id", person_rid(id))).await.map_err(db_err)?;
    let row: Option<SummaryRow> = res.take(0).map_err(db_err)?;
    Ok(row.map(Into::into))
}

/// Name search for HR admins' directory: case-insensitive substring, at most `limit` rows.
pub async fn search(db: &Db, needle: &str, limit: u32) -> Result<Vec<PersonSummary>, AppError> {
    let sql = concat!(
        "SELECT ",
        summary_fields!(),
        " FROM person WHERE string::lowercase(name) CONTAINS $needle OR email CONTAINS $needle ORDER BY name LIMIT $limit"
    );
    matching(db, sql, needle, limit).await
}

/// People whose name contains `needle`, for anyone choosing a colleague.
/// Not the email: matching it would let anyone test addresses one
/// fragment at a time (the directory, with email, is HR's).
pub async fn search_names(db: &Db, needle: &str, limit: u32) -> Result<Vec<PersonSummary>, AppError> {
    let sql = concat!(
        "SELECT ",
        summary_fields!(),
        " FROM person WHERE string::lowercase(name) CONTAINS $needle ORDER BY name LIMIT $limit"
    );
    matching(db, sql, needle, limit).await
}

async fn matching(db: &Db, sql: &'static str, needle: &str, limit: u32) -> Result<Vec<PersonSummary>, AppError> {
    let mut res = db
        .query(sql)
        .bind(("needle", needle.to_lowercase()))
        .bind(("limit", limit as i64))
        .await
        .map_err(db_err)?;
    let rows: Vec<SummaryRow> = res.take(0).map_err(db_err)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// The whole profile. Demographics are read only when the caller may see them.
pub async fn profile(db: &Db, id: &PersonId, with_demographics: bool) -> Result<Option<PersonProfile>, AppError> {
    let sql = concat!(
        "SELECT id, name, email, title, is_hr, gender, ethnicity, age_band, location,
                org_unit AS unit_id, org_unit.name AS unit_name, org_unit.kind AS unit_kind, ",
        role_fields!(),
        ", (->reports_to->person)[0] AS manager FROM ONLY $id"
    );
    let mut res = db.query(sql).bind(("id", person_rid(id))).await.map_err(db_err)?;
    let Some(r): Option<ProfileRow> = res.take(0).map_err(db_err)? else {
        return Ok(None);
    };
    let manager = match r.manager.as_ref().and_then(|m| PersonId::parse(&key_of(m))) {
        Some(m) => summary(db, &m).await?,
        None => None,
    };
    let reports = direct_reports(db, id).await?;
    Ok(Some(PersonProfile {
        id: id.clone(),
        name: r.name,
        email: r.email,
        title: r.title,
        role: Role::from_counts(count(r.direct_reports), count(r.managing_reports)),
        is_hr: r.is_hr,
        org_unit: OrgUnitRef {
            id: key_of(&r.unit_id),
            name: r.unit_name,
            kind: r.unit_kind,
        },
        manager,
        // Only the caller knows who is looking; `api` fills this in via `authz`.
        manager_reachable: false,
        reports,
        demographics: with_demographics.then_some(Demographics {
            gender: r.gender,
            ethnicity: r.ethnicity,
            age_band: r.age_band,
            location: r.location,
        }),
    }))
}

/// How many people exist.
pub async fn count_all(db: &Db) -> Result<u64, AppError> {
    let mut res = db
        .query("RETURN count(SELECT VALUE id FROM person)")
        .await
        .map_err(db_err)?;
    let n: Option<i64> = res.take(0).map_err(db_err)?;
    Ok(n.unwrap_or(0).max(0) as u64)
}

/// Everyone anywhere below this person.
pub async fn subtree_ids(db: &Db, id: &PersonId) -> Result<Vec<RecordId>, AppError> {
    let sql = concat!("RETURN $id.{1..", depth!(), "+collect}<-reports_to<-person");
    let mut res = db.query(sql).bind(("id", person_rid(id))).await.map_err(db_err)?;
    let ids: Vec<RecordId> = res.take(0).map_err(db_err)?;
    Ok(ids)
}
