//! Sign-in links as stored: issued (replacing the person's unused link of
//! the same kind), looked up by the token's hash, and redeemed once in one
//! transaction that sets the password, ends every session and opens a new
//! one. Two redemptions of one link conflict on its record: one wins.

use crate::auth::links::LinkKind;
use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec, key_of, person_rid};
use crate::shared::ids::PersonId;
use surrealdb::types::{Datetime, Duration, RecordId, SurrealValue};

/// Stores a new link; the person's unused links of this kind stop working.
pub async fn issue(
    db: &Db,
    person: &PersonId,
    kind: LinkKind,
    token_hash: &str,
    by: Option<&PersonId>,
) -> Result<(), AppError> {
    exec(
        db.query(
            "BEGIN TRANSACTION;
             UPDATE sign_in_link SET expires_at = time::now() WHERE person = $p AND kind = $kind AND used_at = NONE
                AND expires_at > time::now() RETURN NONE;
             CREATE sign_in_link SET person = $p, kind = $kind, token_hash = $hash, by = $by,
                expires_at = time::now() + $ttl RETURN NONE;
             COMMIT TRANSACTION;",
        )
        .bind(("p", person_rid(person)))
        .bind(("kind", kind.as_str()))
        .bind(("hash", token_hash.to_owned()))
        .bind(("by", by.map(person_rid)))
        .bind(("ttl", Duration::from_secs(kind.lifetime_secs()))),
    )
    .await
}

/// A stored link and its person.
#[derive(Debug, Clone, SurrealValue)]
pub struct Link {
    pub person: RecordId,
    pub kind: String,
    pub expires_at: Datetime,
    pub used: bool,
    pub name: String,
    pub email: String,
    pub left: bool,
}

impl Link {
    pub fn person_id(&self) -> Option<PersonId> {
        PersonId::parse(&key_of(&self.person))
    }
}

/// The link with this token hash, if one was issued.
pub async fn find(db: &Db, token_hash: &str) -> Result<Option<Link>, AppError> {
    let mut res = db
        .query(
            "SELECT person, kind, expires_at, used_at != NONE AS used, person.name AS name, person.email AS email,
                person.left_on != NONE AS left
             FROM sign_in_link WHERE token_hash = $hash LIMIT 1",
        )
        .bind(("hash", token_hash.to_owned()))
        .await
        .map_err(db_err)?;
    let rows: Vec<Link> = res.take(0).map_err(db_err)?;
    Ok(rows.into_iter().next())
}

/// Uses a link: marks it used (only if it is still unused and unexpired),
/// sets the password, ends the person's sessions and stores a new one.
/// `false` when the link could not be used (a race with another use).
pub async fn redeem(
    db: &Db,
    token_hash: &str,
    password_hash: &str,
    session_hash: &str,
    session_secs: u64,
) -> Result<bool, AppError> {
    let res = db
        .query(
            "BEGIN TRANSACTION;
             LET $l = (UPDATE sign_in_link SET used_at = time::now()
                WHERE token_hash = $hash AND used_at = NONE AND expires_at > time::now() AND person.left_on = NONE
                RETURN person, kind)[0];
             IF $l = NONE { THROW 'tend:link-unusable' };
             UPDATE $l.person SET password_hash = $pw RETURN NONE;
             DELETE session WHERE person = $l.person RETURN NONE;
             CREATE session SET token_hash = $new_session, person = $l.person, expires_at = time::now() + $ttl RETURN NONE;
             CREATE people_change SET person = $l.person, what = IF $l.kind = 'invitation' { 'invitation accepted' }
                ELSE { 'password reset' }, effective = <string> time::format(time::now(), '%Y-%m-%d'),
                by = $l.person, source = 'admin' RETURN NONE;
             COMMIT TRANSACTION;",
        )
        .bind(("hash", token_hash.to_owned()))
        .bind(("pw", password_hash.to_owned()))
        .bind(("new_session", session_hash.to_owned()))
        .bind(("ttl", Duration::from_secs(session_secs)))
        .await
        .map_err(db_err)?;
    let mut res = res;
    let errors = res.take_errors();
    if errors.is_empty() {
        return Ok(true);
    }
    let lost = errors.values().any(|e| {
        let s = e.to_string();
        s.contains("tend:link-unusable") || crate::server::repo::lost_race(e)
    });
    if lost {
        return Ok(false);
    }
    let detail = errors.values().map(|e| e.to_string()).collect::<Vec<_>>().join("; ");
    Err(AppError::internal(detail))
}

/// Someone a link can be mailed to: active, with whether they have a password.
#[derive(Debug, Clone, SurrealValue)]
pub struct Holder {
    pub id: RecordId,
    pub name: String,
    pub email: String,
    pub has_password: bool,
}

impl Holder {
    pub fn person_id(&self) -> Option<PersonId> {
        PersonId::parse(&key_of(&self.id))
    }
}

macro_rules! holder_fields {
    () => {
        "SELECT id, name, email, password_hash != '' AS has_password FROM "
    };
}

/// The person with this key, unless they left.
pub async fn holder(db: &Db, person: &PersonId) -> Result<Option<Holder>, AppError> {
    let sql = concat!(holder_fields!(), "$p WHERE left_on = NONE");
    let mut res = db.query(sql).bind(("p", person_rid(person))).await.map_err(db_err)?;
    let rows: Vec<Holder> = res.take(0).map_err(db_err)?;
    Ok(rows.into_iter().next())
}

/// The person with this (lower-case) email, unless they left.
pub async fn holder_by_email(db: &Db, email: &str) -> Result<Option<Holder>, AppError> {
    let sql = concat!(holder_fields!(), "person WHERE email = $e AND left_on = NONE LIMIT 1");
    let mut res = db.query(sql).bind(("e", email.to_owned())).await.map_err(db_err)?;
    let rows: Vec<Holder> = res.take(0).map_err(db_err)?;
    Ok(rows.into_iter().next())
}

/// The organisation's name: its top unit's.
pub async fn org_name(db: &Db) -> Result<String, AppError> {
    let mut res = db
        .query("SELECT VALUE name FROM org_unit WHERE parent = NONE LIMIT 1")
        .await
        .map_err(db_err)?;
    let names: Vec<String> = res.take(0).map_err(db_err)?;
    Ok(names.into_iter().next().unwrap_or_else(|| "your organisation".into()))
}
