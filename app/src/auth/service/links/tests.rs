//! Invitations and resets on `mem://`: a link works once, for its time,
//! for someone who has not left; the password policy holds; using it signs
//! in and ends other sessions; "forgot" says nothing and sends nothing for
//! unknown or departed addresses, and stops mailing past its limit.

use super::*;
use crate::auth::service::resolve_session;
use crate::server::testing::{pid, seeded_db};
use surrealdb::types::RecordId;

const STRONG: &str = "maple-harbour-quietly-47";

fn mail() -> Mail {
    Mail::folder(std::env::temp_dir().join("tend-links-test"), "http://tend.test")
}

/// The tokens in every queued message to `to`, oldest first.
async fn tokens_mailed_to(db: &Db, to: &str) -> Vec<String> {
    let mut res = db
        .query("SELECT VALUE text FROM email WHERE to = $to ORDER BY queued_at")
        .bind(("to", to.to_owned()))
        .await
        .unwrap();
    let texts: Vec<String> = res.take(0).unwrap();
    texts
        .iter()
        .map(|t| {
            let at = t.find("/set-password?token=").expect("a link") + "/set-password?token=".len();
            t[at..at + 64].to_owned()
        })
        .collect()
}

async fn email_of(db: &Db, p: &PersonId) -> String {
    crate::people::repo::viewer(db, p).await.unwrap().unwrap().email
}

/// A demo person as an import leaves them: no password yet.
async fn without_password(db: &Db, p: &PersonId) -> PersonId {
    db.query("UPDATE $p SET password_hash = ''")
        .bind(("p", RecordId::new("person", p.as_str())))
        .await
        .unwrap();
    p.clone()
}

#[tokio::test]
async fn an_invitation_sets_a_first_password_once_and_signs_in() {
    let (db, d) = seeded_db().await;
    // Someone with a password is not invited: an invitation sets one.
    let refused = invite(&db, &mail(), Some(&pid(d.hr)), &pid(40)).await.unwrap_err();
    assert!(refused.to_string().contains("already has a password"), "{refused}");
    let who = without_password(&db, &pid(40)).await;
    let to = email_of(&db, &who).await;
    invite(&db, &mail(), Some(&pid(d.hr)), &who).await.unwrap();
    let [token] = tokens_mailed_to(&db, &to).await.try_into().unwrap();
    let about = info(&db, &token).await.unwrap();
    assert_eq!((about.kind, about.email.as_str()), (LinkKind::Invitation, to.as_str()));
    // The policy holds, and a refused password leaves the link usable.
    let weak = redeem(&db, &token, "password1234".into()).await.unwrap_err();
    assert!(weak.field_message("password").is_some(), "{weak:?}");
    let session = redeem(&db, &token, STRONG.into()).await.unwrap();
    assert_eq!(resolve_session(&db, &session).await.unwrap().unwrap().id, who);
    let again = redeem(&db, &token, STRONG.into()).await.unwrap_err();
    assert_eq!(again, AppError::Invalid(Unusable::Used.message().into()));
    assert_eq!(
        info(&db, &token).await.unwrap_err(),
        AppError::Invalid(Unusable::Used.message().into())
    );
    // The new password signs in.
    let limiter = crate::auth::service::limiter::LoginLimiter::default();
    let creds = crate::auth::model::Credentials::parse(&to, STRONG).unwrap();
    assert!(crate::auth::service::sign_in(&db, &limiter, creds, "10.0.0.1")
        .await
        .is_ok());
}

#[tokio::test]
async fn forged_expired_superseded_and_departed_links_are_refused_with_what_to_do() {
    let (db, d) = seeded_db().await;
    let who = without_password(&db, &pid(41)).await;
    let to = email_of(&db, &who).await;
    let unknown = AppError::Invalid(Unusable::Unknown.message().into());
    assert_eq!(info(&db, &"ab".repeat(32)).await.unwrap_err(), unknown);
    assert_eq!(info(&db, "not-a-token").await.unwrap_err(), unknown);
    invite(&db, &mail(), Some(&pid(d.hr)), &who).await.unwrap();
    invite(&db, &mail(), Some(&pid(d.hr)), &who).await.unwrap();
    let [first, second] = tokens_mailed_to(&db, &to).await.try_into().unwrap();
    let expired = AppError::Invalid(Unusable::Expired.message().into());
    assert_eq!(
        info(&db, &first).await.unwrap_err(),
        expired,
        "a new invitation replaces the old"
    );
    db.query("UPDATE sign_in_link SET expires_at = time::now() - 1s WHERE person = $p")
        .bind(("p", RecordId::new("person", who.as_str())))
        .await
        .unwrap();
    assert_eq!(redeem(&db, &second, STRONG.into()).await.unwrap_err(), expired);
    // Someone who left cannot use a link issued before they left.
    let leaver = without_password(&db, &pid(42)).await;
    invite(&db, &mail(), Some(&pid(d.hr)), &leaver).await.unwrap();
    let [t] = tokens_mailed_to(&db, &email_of(&db, &leaver).await)
        .await
        .try_into()
        .unwrap();
    db.query("UPDATE $p SET left_on = '2026-12-01'")
        .bind(("p", RecordId::new("person", leaver.as_str())))
        .await
        .unwrap();
    let closed = AppError::Invalid(Unusable::Closed.message().into());
    assert_eq!(redeem(&db, &t, STRONG.into()).await.unwrap_err(), closed);
    assert!(
        invite(&db, &mail(), Some(&pid(d.hr)), &leaver).await.is_err(),
        "no invitation for a leaver"
    );
}

#[tokio::test]
async fn a_reset_ends_every_session_and_two_uses_at_once_let_one_through() {
    let (db, _) = seeded_db().await;
    let who = pid(43);
    let to = email_of(&db, &who).await;
    let (old, old_hash) = new_token().unwrap();
    crate::auth::repo::create(&db, &who, &old_hash).await.unwrap();
    forgot(&db, &mail(), &to.to_uppercase()).await.unwrap();
    let [token] = tokens_mailed_to(&db, &to).await.try_into().unwrap();
    assert_eq!(info(&db, &token).await.unwrap().kind, LinkKind::Reset);
    let (a, b) = tokio::join!(
        redeem(&db, &token, STRONG.into()),
        redeem(&db, &token, "another-long-phrase-90".into())
    );
    assert_eq!(usize::from(a.is_ok()) + usize::from(b.is_ok()), 1, "{a:?} {b:?}");
    assert!(
        resolve_session(&db, &old).await.unwrap().is_none(),
        "the old session ended"
    );
}

#[tokio::test]
async fn forgot_says_nothing_and_sends_nothing_for_strangers_leavers_or_past_its_limit() {
    let (db, _) = seeded_db().await;
    forgot(&db, &mail(), "nobody@nowhere.test").await.unwrap();
    let leaver = pid(44);
    let gone = email_of(&db, &leaver).await;
    db.query("UPDATE $p SET left_on = '2026-12-01'")
        .bind(("p", RecordId::new("person", leaver.as_str())))
        .await
        .unwrap();
    forgot(&db, &mail(), &gone).await.unwrap();
    let mut res = db.query("SELECT VALUE to FROM email").await.unwrap();
    assert!(res.take::<Vec<String>>(0).unwrap().is_empty());
    let who = email_of(&db, &pid(45)).await;
    for _ in 0..FORGOT_PER_EMAIL + 2 {
        forgot(&db, &mail(), &who).await.unwrap();
    }
    assert_eq!(tokens_mailed_to(&db, &who).await.len(), FORGOT_PER_EMAIL);
    let ip = "203.0.113.77";
    assert!((0..FORGOT_PER_IP).all(|_| forgot_allowed(ip).is_ok()));
    assert!(forgot_allowed(ip).is_err());
}
