//! Single sign-on attempts in flight (`oidc_login`, migration 0030): stored
//! when Tend sends the browser to the identity provider, taken exactly once
//! when the provider sends it back.

use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec};
use surrealdb::types::SurrealValue;

/// How long a person has at the identity provider before the attempt lapses.
pub const PENDING_SECS: u64 = 600;

/// What the callback needs to finish an attempt.
#[derive(Debug, Clone, SurrealValue)]
pub struct Pending {
    pub browser_hash: String,
    pub pkce_verifier: String,
    pub nonce: String,
    pub next: String,
}

/// Stores an attempt, and clears lapsed ones (an index on `expires_at`
/// keeps that cheap), so abandoned attempts never pile up.
pub async fn save(db: &Db, state_hash: &str, p: Pending) -> Result<(), AppError> {
    exec(
        db.query(
            "DELETE oidc_login WHERE expires_at <= time::now() RETURN NONE;
             CREATE oidc_login SET state_hash = $state, browser_hash = $browser, pkce_verifier = $verifier,
                 nonce = $nonce, next = $next, expires_at = time::now() + $ttl RETURN NONE;",
        )
        .bind(("state", state_hash.to_owned()))
        .bind(("browser", p.browser_hash))
        .bind(("verifier", p.pkce_verifier))
        .bind(("nonce", p.nonce))
        .bind(("next", p.next))
        .bind(("ttl", surrealdb::types::Duration::from_secs(PENDING_SECS))),
    )
    .await
}

/// Removes the attempt with this state and returns it if it had not lapsed
/// (lapsed ones go at the next [`save`]). A delete that returns the row is
/// the claim: of two callbacks carrying the same state, at most one gets it.
pub async fn take(db: &Db, state_hash: &str) -> Result<Option<Pending>, AppError> {
    let mut res = db
        .query(
            "DELETE oidc_login WHERE state_hash = $state AND expires_at > time::now()
             RETURN BEFORE;",
        )
        .bind(("state", state_hash.to_owned()))
        .await
        .map_err(db_err)?;
    let rows: Vec<Pending> = res.take(0).map_err(db_err)?;
    Ok(rows.into_iter().next())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::testing::fresh_db;

    fn row(next: &str) -> Pending {
        Pending {
            browser_hash: "b".repeat(64),
            pkce_verifier: "v".repeat(43),
            nonce: "n".into(),
            next: next.into(),
        }
    }

    #[tokio::test]
    async fn an_attempt_is_taken_once_and_a_lapsed_one_never() {
        let db = fresh_db().await;
        save(&db, "s1", row("/goals")).await.unwrap();
        assert_eq!(take(&db, "s1").await.unwrap().unwrap().next, "/goals");
        assert!(take(&db, "s1").await.unwrap().is_none(), "a state is good once");
        assert!(take(&db, "never-issued").await.unwrap().is_none());
        save(&db, "s2", row("/")).await.unwrap();
        db.query("UPDATE oidc_login SET expires_at = time::now() - 1s")
            .await
            .unwrap();
        assert!(take(&db, "s2").await.unwrap().is_none(), "lapsed");
        // The next attempt clears lapsed ones.
        save(&db, "s3", row("/")).await.unwrap();
        let mut res = db.query("SELECT VALUE state_hash FROM oidc_login").await.unwrap();
        let left: Vec<String> = res.take(0).unwrap();
        assert_eq!(left, vec!["s3".to_owned()]);
    }
}
