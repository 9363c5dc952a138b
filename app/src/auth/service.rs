//! Sign-in machinery: Argon2id passwords, opaque session tokens, the session
//! cookie and the login rate limiter.

pub mod cookie;
pub mod limiter;
pub mod password;

use crate::auth::model::Credentials;
use crate::auth::repo as sessions;
use crate::error::AppError;
use crate::people::repo as people;
use crate::server::db::Db;
use limiter::LoginLimiter;
use std::time::Instant;

/// The signed-in person, resolved from the session cookie once per request.
pub use crate::people::model::Viewer as CurrentUser;

pub use super::repo::SESSION_DAYS;

/// A new random session token (32 bytes, hex) and the hash we store for it.
pub fn new_token() -> Result<(String, String), AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(AppError::internal)?;
    let token = hex::encode(bytes);
    let hash = hash_token(&token);
    Ok((token, hash))
}

/// The stored form of a token. A leaked session table does not leak live cookies.
pub fn hash_token(token: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Looks up the person behind a session cookie value, if the session is live.
pub async fn resolve_session(db: &Db, token: &str) -> Result<Option<CurrentUser>, AppError> {
    // A token we issued is exactly 64 hex digits; anything else is not worth a query.
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    match sessions::person_for(db, &hash_token(token)).await? {
        Some(person) => people::viewer(db, &person).await,
        None => Ok(None),
    }
}

/// Checks an email and password against the limiter and the stored hash;
/// on success stores a new session and returns its token for the cookie.
/// A failure counts against the account and the client address.
pub async fn sign_in(db: &Db, limiter: &LoginLimiter, creds: Credentials, ip: &str) -> Result<String, AppError> {
    let now = Instant::now();
    limiter.check(&creds.email, ip, now).map_err(AppError::RateLimited)?;
    let found = people::credentials(db, &creds.email).await?;
    // Argon2 is deliberately slow; keep it off the async workers.
    let attempt = creds.password.clone();
    let person = tokio::task::spawn_blocking(move || match found {
        Some((id, hash)) => password::verify(&attempt, &hash).then_some(id),
        None => {
            password::verify_dummy(&attempt);
            None
        }
    })
    .await
    .map_err(AppError::internal)?;
    let Some(person) = person else {
        limiter.record_failure(&creds.email, ip, now);
        return Err(AppError::BadCredentials);
    };
    limiter.record_success(&creds.email);
    let (token, hash) = new_token()?;
    sessions::create(db, &person, &hash).await?;
    Ok(token)
}

/// Ends the session behind a cookie's token, if it is still stored.
pub async fn sign_out(db: &Db, token: &str) -> Result<(), AppError> {
    sessions::delete(db, &hash_token(token)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, ha) = new_token().unwrap();
        let (b, _) = new_token().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(ha, hash_token(&a));
        assert_ne!(ha, a);
    }
}
