//! Invitations and password resets: issue a single-use link and mail it,
//! say what a link is before its form is shown, and use it once to set a
//! password and sign in. "Forgot your password?" answers the same whether
//! or not the address belongs to anyone, and is rate-limited.

use super::request_limit::RequestLimit;
use super::{hash_password, hash_token, new_token, SESSION_DAYS};
use crate::auth::links::{usable, well_formed, LinkInfo, LinkKind, Unusable, INVITATION_DAYS, RESET_MINUTES};
use crate::auth::repo::links as repo;
use crate::email::message::{invitation, password_reset};
use crate::email::transport::Mail;
use crate::error::AppError;
use crate::server::db::Db;
use crate::shared::ids::PersonId;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

/// "Forgot your password?" requests per client address per window.
pub const FORGOT_PER_IP: usize = 10;
/// Reset mails per address per window; past it the answer stays the same, and nothing is sent.
pub const FORGOT_PER_EMAIL: usize = 3;
pub const FORGOT_WINDOW: Duration = Duration::from_secs(3_600);

static FORGOT: LazyLock<RequestLimit> = LazyLock::new(RequestLimit::default);

fn link(mail: &Mail, token: &str) -> String {
    format!("{}/set-password?token={token}", mail.public_url)
}

/// Mails `person` an invitation to choose a password (7 days, single use);
/// `by` is who sent it, named in the message. Refused for someone who left,
/// and for someone who already has a password: an invitation sets one, so
/// whoever can read it could take over the account (HR reads the outbox in
/// a trial); they use "Forgot your password?" instead.
pub async fn invite(db: &Db, mail: &Mail, by: Option<&PersonId>, person: &PersonId) -> Result<(), AppError> {
    invite_all(db, mail, by, std::slice::from_ref(person)).await.map(|_| ())
}

/// [`invite`] for several people (an import's newcomers): the sender's name
/// and the organisation's are read once. Stops at the first refusal;
/// returns how many were queued.
pub async fn invite_all(db: &Db, mail: &Mail, by: Option<&PersonId>, people: &[PersonId]) -> Result<usize, AppError> {
    let inviter = match by {
        Some(b) => repo::holder(db, b).await?.map(|h| h.name),
        None => None,
    };
    let org = repo::org_name(db).await?;
    for person in people {
        let p = repo::holder(db, person)
            .await?
            .ok_or_else(|| AppError::Invalid("That person has left or does not exist; nothing was sent.".into()))?;
        if p.has_password {
            return Err(AppError::Invalid(format!(
                "{} already has a password, so no invitation was sent. If they forgot it, “Forgot your password?” on the sign-in page mails them a link.",
                p.name
            )));
        }
        let (token, hash) = new_token()?;
        repo::issue(db, person, LinkKind::Invitation, &hash, by).await?;
        let link = link(mail, &token);
        let e = invitation(&p.email, &p.name, &org, inviter.as_deref(), &link, INVITATION_DAYS);
        crate::email::service::send(db, &e, Some(person)).await?;
    }
    Ok(people.len())
}

/// Counts a "Forgot your password?" request from a client address; past
/// the limit the request is refused (which says nothing about any account).
pub fn forgot_allowed(ip: &str) -> Result<(), AppError> {
    if FORGOT.allow(&format!("ip:{ip}"), FORGOT_PER_IP, FORGOT_WINDOW, Instant::now()) {
        Ok(())
    } else {
        Err(AppError::Invalid(
            "Too many requests from this network. Please wait an hour and try again.".into(),
        ))
    }
}

/// Sends a reset link if `email` belongs to someone who has not left, at
/// most `FORGOT_PER_EMAIL` an hour. The caller answers the same either way.
pub async fn forgot(db: &Db, mail: &Mail, email: &str) -> Result<(), AppError> {
    let now = Instant::now();
    let email = email.trim().to_lowercase();
    if !FORGOT.allow(&format!("email:{email}"), FORGOT_PER_EMAIL, FORGOT_WINDOW, now) {
        return Ok(());
    }
    // Nobody, or someone who left: nothing is sent, and the answer is the same.
    let Some(p) = repo::holder_by_email(db, &email).await? else {
        return Ok(());
    };
    let Some(id) = p.person_id() else {
        return Ok(());
    };
    let (token, hash) = new_token()?;
    repo::issue(db, &id, LinkKind::Reset, &hash, None).await?;
    let e = password_reset(&p.email, &p.name, &link(mail, &token), RESET_MINUTES);
    crate::email::service::send(db, &e, Some(&id)).await
}

fn unusable(u: Unusable) -> AppError {
    AppError::Invalid(u.message().into())
}

async fn usable_link(db: &Db, token: &str) -> Result<repo::Link, AppError> {
    if !well_formed(token) {
        return Err(unusable(Unusable::Unknown));
    }
    let l = repo::find(db, &hash_token(token))
        .await?
        .ok_or(unusable(Unusable::Unknown))?;
    let now = surrealdb::types::Datetime::now().timestamp();
    usable(l.used, l.expires_at.timestamp(), now, l.left).map_err(unusable)?;
    Ok(l)
}

/// What a link is for and whom, or why it cannot be used.
pub async fn info(db: &Db, token: &str) -> Result<LinkInfo, AppError> {
    let l = usable_link(db, token).await?;
    Ok(LinkInfo {
        kind: LinkKind::parse(&l.kind).ok_or_else(|| AppError::internal("a stored link has an unknown kind"))?,
        name: l.name,
        email: l.email,
    })
}

/// Uses a link: the new password must pass the policy; then it is set,
/// every other session ends, and a new session's token is returned.
pub async fn redeem(db: &Db, token: &str, new_password: String) -> Result<String, AppError> {
    let l = usable_link(db, token).await?;
    if let Some(why) = crate::auth::password_policy::weakness(&new_password, &l.name, &l.email) {
        return Err(AppError::field("password", why));
    }
    let pw = hash_password(new_password).await?;
    let (session, session_hash) = new_token()?;
    let secs = SESSION_DAYS as u64 * 86_400;
    if !repo::redeem(db, &hash_token(token), &pw, &session_hash, secs).await? {
        return Err(unusable(Unusable::Used));
    }
    if let Some(p) = l.person_id() {
        super::announce(&p);
    }
    Ok(session)
}

#[cfg(test)]
mod tests;
