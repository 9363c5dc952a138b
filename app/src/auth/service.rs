//! Sign-in machinery: Argon2id passwords, opaque session tokens, the session
//! cookie and the login rate limiter.

pub mod cookie;
pub mod limiter;
pub mod links;
pub mod oidc;
pub mod password;
pub mod request_limit;

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

/// How many Argon2 checks run at once. Each takes tens of milliseconds of
/// one core and some memory; a burst of sign-ins queues here instead of
/// starving every other request.
const VERIFY_AT_ONCE: usize = 4;
pub(crate) static VERIFYING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(VERIFY_AT_ONCE);

/// Checks an email and password: the attempt is reserved with the limiter
/// first (and counts as a failure until it succeeds), waits any delay the
/// account's failures call for, then takes one of the few Argon2 slots. On
/// success stores a new session and returns its token for the cookie.
pub async fn sign_in(db: &Db, limiter: &LoginLimiter, creds: Credentials, ip: &str) -> Result<String, AppError> {
    let delay = limiter
        .reserve(&creds.email, ip, Instant::now())
        .map_err(AppError::RateLimited)?;
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let found = people::credentials(db, &creds.email).await?;
    let person = {
        let _slot = VERIFYING.acquire().await.map_err(AppError::internal)?;
        // Argon2 is deliberately slow; keep it off the async workers.
        let attempt = creds.password.clone();
        tokio::task::spawn_blocking(move || match found {
            Some(a) => password::verify(&attempt, &a.password_hash).then_some((a.id, a.left)),
            None => {
                password::verify_dummy(&attempt);
                None
            }
        })
        .await
        .map_err(AppError::internal)?
    };
    let Some((person, left)) = person else {
        return Err(AppError::BadCredentials);
    };
    if left {
        // Said only after the right password, so it tells a stranger nothing.
        return Err(AppError::Invalid(crate::auth::model::ACCOUNT_CLOSED.into()));
    }
    limiter.succeeded(&creds.email, ip);
    open_session(db, &person).await
}

/// Stores a new session for `person` and returns its token for the cookie
/// (after a password, or after single sign-on).
pub async fn open_session(db: &Db, person: &crate::shared::ids::PersonId) -> Result<String, AppError> {
    let (token, hash) = new_token()?;
    sessions::create(db, person, &hash).await?;
    Ok(token)
}

/// Hashes a new password in one of the few Argon2 slots, off the async workers.
pub(crate) async fn hash_password(new: String) -> Result<String, AppError> {
    let _slot = VERIFYING.acquire().await.map_err(AppError::internal)?;
    tokio::task::spawn_blocking(move || password::hash(&new))
        .await
        .map_err(AppError::internal)?
}

/// Changes the signed-in person's password: the current one must match
/// (attempts count against the sign-in limits, as a guess would), the new
/// one must pass the policy, and every other session of theirs ends.
pub async fn change_password(
    db: &Db,
    limiter: &LoginLimiter,
    user: &CurrentUser,
    token: &str,
    ip: &str,
    current: String,
    new: String,
) -> Result<(), AppError> {
    if let Some(why) = crate::auth::password_policy::weakness(&new, &user.name, &user.email) {
        return Err(AppError::field("new", why));
    }
    let delay = limiter
        .reserve(&user.email, ip, Instant::now())
        .map_err(AppError::RateLimited)?;
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let account = people::credentials(db, &user.email)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let hashed = {
        let _slot = VERIFYING.acquire().await.map_err(AppError::internal)?;
        tokio::task::spawn_blocking(move || {
            password::verify(&current, &account.password_hash).then(|| password::hash(&new))
        })
        .await
        .map_err(AppError::internal)?
    };
    let Some(hash) = hashed else {
        return Err(AppError::field("current", "That is not your current password."));
    };
    limiter.succeeded(&user.email, ip);
    sessions::set_password(db, &user.id, &hash?, &hash_token(token)).await?;
    // Other open pages of theirs re-check their sessions now.
    announce(&user.id);
    Ok(())
}

/// Ends the session behind a cookie's token, if it is still stored; the
/// person's open live streams in this process check theirs at once.
pub async fn sign_out(db: &Db, token: &str) -> Result<(), AppError> {
    let person = sessions::person_for(db, &hash_token(token)).await?;
    sessions::delete(db, &hash_token(token)).await?;
    if let Some(p) = person {
        announce(&p);
    }
    Ok(())
}

/// Ends every session of someone who has left, and tells their open live
/// streams in this process to check at once (streams in other processes
/// find out within their re-check minute).
pub async fn close_account(db: &Db, person: &crate::shared::ids::PersonId) -> Result<(), AppError> {
    sessions::delete_all(db, person).await?;
    announce(person);
    Ok(())
}

/// People whose sessions have just ended, for live streams to re-check.
static ENDED: std::sync::LazyLock<tokio::sync::broadcast::Sender<String>> =
    std::sync::LazyLock::new(|| tokio::sync::broadcast::channel(256).0);

fn announce(person: &crate::shared::ids::PersonId) {
    // Nobody listening is fine: no stream is open.
    let _ = ENDED.send(person.as_str().to_owned());
}

/// A feed of people (record keys) whose sessions ended in this process.
pub fn ended_sessions() -> tokio::sync::broadcast::Receiver<String> {
    ENDED.subscribe()
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

    /// 50 wrong passwords for one account at once from one address: no more
    /// than the limit are checked (only a checked attempt answers
    /// `BadCredentials`), and the owner, from another address, still signs in.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_burst_of_guesses_checks_at_most_the_limit_and_never_locks_the_owner_out() {
        use crate::server::seed::DEMO_PASSWORD;
        use crate::server::testing::seeded_db;
        use std::sync::Arc;
        let (db, _) = seeded_db().await;
        let email = "employee@tend.example".to_owned();
        let limiter = Arc::new(LoginLimiter::default());
        let guesses: Vec<_> = (0..50)
            .map(|i| {
                let (db, limiter, email) = (db.clone(), Arc::clone(&limiter), email.clone());
                tokio::spawn(async move {
                    let creds = Credentials::parse(&email, &format!("guess-{i}")).unwrap();
                    sign_in(&db, &limiter, creds, "6.6.6.6").await
                })
            })
            .collect();
        let mut checked = 0;
        for g in guesses {
            match g.await.unwrap() {
                Err(AppError::BadCredentials) => checked += 1,
                Err(AppError::RateLimited(_)) => {}
                other => panic!("a guess got {other:?}"),
            }
        }
        assert_eq!(checked, limiter::ACCOUNT_IP_LIMIT);
        let owner = Credentials::parse(&email, DEMO_PASSWORD).unwrap();
        let token = sign_in(&db, &limiter, owner, "7.7.7.7")
            .await
            .expect("the owner signs in");
        assert!(resolve_session(&db, &token).await.unwrap().is_some());
    }
}
