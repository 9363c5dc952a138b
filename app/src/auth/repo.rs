//! Session records: created at sign-in, looked up per request, deleted at sign-out.
//! `links` holds the single-use sign-in links (invitations, resets).

pub mod links;
pub mod oidc;

use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec, key_of, person_rid};
use crate::shared::ids::PersonId;
use surrealdb::types::RecordId;

/// How long a session lasts without signing in again.
pub const SESSION_DAYS: i64 = 14;

/// Stores a new session for `person`, valid for [`SESSION_DAYS`].
pub async fn create(db: &Db, person: &PersonId, token_hash: &str) -> Result<(), AppError> {
    exec(
        db.query("CREATE session SET token_hash = $hash, person = $person, expires_at = time::now() + $ttl")
            .bind(("hash", token_hash.to_owned()))
            .bind(("person", person_rid(person)))
            .bind((
                "ttl",
                surrealdb::types::Duration::from_secs(SESSION_DAYS as u64 * 86_400),
            )),
    )
    .await
}

/// The person behind a live (unexpired) session.
pub async fn person_for(db: &Db, token_hash: &str) -> Result<Option<PersonId>, AppError> {
    let mut res = db
        .query("SELECT VALUE person FROM session WHERE token_hash = $hash AND expires_at > time::now() LIMIT 1")
        .bind(("hash", token_hash.to_owned()))
        .await
        .map_err(db_err)?;
    let people: Vec<RecordId> = res.take(0).map_err(db_err)?;
    Ok(people.first().and_then(|r| PersonId::parse(&key_of(r))))
}

/// Ends a session. Deleting one that is already gone is not an error.
pub async fn delete(db: &Db, token_hash: &str) -> Result<(), AppError> {
    exec(
        db.query("DELETE session WHERE token_hash = $hash")
            .bind(("hash", token_hash.to_owned())),
    )
    .await
}

/// Ends every session of one person (they left).
pub async fn delete_all(db: &Db, person: &PersonId) -> Result<(), AppError> {
    exec(
        db.query("DELETE session WHERE person = $person")
            .bind(("person", person_rid(person))),
    )
    .await
}

/// Removes expired sessions; returns nothing, as the count is not needed.
pub async fn purge_expired(db: &Db) -> Result<(), AppError> {
    exec(db.query("DELETE session WHERE expires_at <= time::now()")).await
}

/// Sets a new password hash and ends every other session of the person
/// (the one with `keep_hash` stays), audited as a password change. One
/// transaction.
pub async fn set_password(db: &Db, person: &PersonId, hash: &str, keep_hash: &str) -> Result<(), AppError> {
    exec(
        db.query(
            "BEGIN TRANSACTION;
             UPDATE $p SET password_hash = $hash RETURN NONE;
             DELETE session WHERE person = $p AND token_hash != $keep RETURN NONE;
             CREATE people_change SET person = $p, what = 'password', effective = <string> time::format(time::now(), '%Y-%m-%d'),
                 by = $p, source = 'admin' RETURN NONE;
             COMMIT TRANSACTION;",
        )
        .bind(("p", person_rid(person)))
        .bind(("hash", hash.to_owned()))
        .bind(("keep", keep_hash.to_owned())),
    )
    .await
}
