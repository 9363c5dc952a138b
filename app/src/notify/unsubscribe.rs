//! Unsubscribe links that work without signing in: a token naming one
//! person and one kind, signed with HMAC-SHA256 under a key kept in the
//! database (made on first use, shared by every process). A token cannot be
//! bent to another person or kind without the key.

use crate::error::AppError;
use crate::notify::model::Kind;
use crate::server::db::Db;
use crate::server::repo::db_err;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type Signer = Hmac<Sha256>;

/// The signing key, made once per database.
pub async fn secret(db: &Db) -> Result<Vec<u8>, AppError> {
    let mut fresh = [0u8; 32];
    getrandom::fill(&mut fresh).map_err(AppError::internal)?;
    let mut res = db
        .query(
            "INSERT IGNORE INTO app_secret { id: app_secret:unsubscribe, value: $v } RETURN NONE;
             SELECT VALUE value FROM ONLY app_secret:unsubscribe;",
        )
        .bind(("v", hex::encode(fresh)))
        .await
        .map_err(db_err)?;
    let v: Option<String> = res.take(1).map_err(db_err)?;
    v.and_then(|h| hex::decode(h).ok()).ok_or(AppError::Internal)
}

fn mac(secret: &[u8], person: &str, kind: Kind) -> Signer {
    let mut m = Signer::new_from_slice(secret).expect("HMAC takes any key length");
    m.update(b"tend-unsubscribe\0");
    m.update(person.as_bytes());
    m.update(b"\0");
    m.update(kind.code().as_bytes());
    m
}

/// The token for `person` (a person key) and `kind`.
pub fn token(secret: &[u8], person: &str, kind: Kind) -> String {
    let sig = hex::encode(mac(secret, person, kind).finalize().into_bytes());
    format!("{person}.{}.{sig}", kind.code())
}

/// The person key and kind a token was signed for, if it is genuine.
pub fn verify(secret: &[u8], token: &str) -> Option<(String, Kind)> {
    if token.len() > 300 {
        return None;
    }
    let mut parts = token.rsplitn(3, '.');
    let sig = hex::decode(parts.next()?).ok()?;
    let kind = Kind::parse(parts.next()?)?;
    let person = parts.next()?;
    if person.is_empty() {
        return None;
    }
    mac(secret, person, kind).verify_slice(&sig).ok()?;
    Some((person.to_owned(), kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";

    #[test]
    fn a_token_verifies_for_its_person_and_kind_only() {
        let t = token(KEY, "p42", Kind::FeedbackReceived);
        assert_eq!(verify(KEY, &t), Some(("p42".into(), Kind::FeedbackReceived)));
        // Another kind or person with the same signature fails.
        let sig = t.rsplit('.').next().unwrap();
        assert_eq!(verify(KEY, &format!("p42.mention.{sig}")), None);
        assert_eq!(verify(KEY, &format!("p43.feedback_received.{sig}")), None);
        // Another key, a cut signature, junk.
        assert_eq!(verify(b"another key entirely, 32 bytes!!", &t), None);
        assert_eq!(verify(KEY, &t[..t.len() - 2]), None);
        for junk in ["", "...", "p42.feedback_received.", "p42..00", &"a".repeat(400)] {
            assert_eq!(verify(KEY, junk), None, "{junk}");
        }
    }
}
