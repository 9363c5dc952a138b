//! Single sign-on (OpenID Connect), the parts both sides share: which ways
//! of signing in this server offers, why a sign-in through the identity
//! provider was refused (a short code in the sign-in page's address, and
//! the message it stands for), and the rule that turns the provider's claims
//! into the email Tend looks people up by. The flow itself is server only:
//! `service::oidc` and `repo::oidc`.

use serde::{Deserialize, Serialize};

/// How people sign in here: shown by the sign-in page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SignInMethods {
    /// Email and password (off for organisations that use only SSO).
    pub password: bool,
    /// The identity provider's name for the button, when SSO is set up.
    pub sso: Option<String>,
}

/// Why a single sign-on attempt ended without a session. The code travels
/// in the sign-in page's address (`/login?sso=CODE`), so nothing the
/// provider or an attacker wrote is ever shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No state, a state this browser did not start, or one that expired.
    State,
    /// The provider answered with an error (other than a cancel).
    Provider,
    /// The person cancelled at the provider.
    Cancelled,
    /// The code exchange failed, or the ID token failed a check
    /// (signature, issuer, audience, expiry, nonce).
    Token,
    /// No email, or one the provider has not verified.
    Unverified,
    /// A verified email nobody in Tend has.
    Unknown,
    /// The person has left.
    Left,
    /// The provider could not be reached.
    Unavailable,
    /// Too many attempts started from one network address.
    TooMany,
}

impl Refusal {
    const ALL: [Refusal; 9] = [
        Refusal::State,
        Refusal::Provider,
        Refusal::Cancelled,
        Refusal::Token,
        Refusal::Unverified,
        Refusal::Unknown,
        Refusal::Left,
        Refusal::Unavailable,
        Refusal::TooMany,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Refusal::State => "state",
            Refusal::Provider => "provider",
            Refusal::Cancelled => "cancelled",
            Refusal::Token => "token",
            Refusal::Unverified => "unverified",
            Refusal::Unknown => "unknown",
            Refusal::Left => "left",
            Refusal::Unavailable => "unavailable",
            Refusal::TooMany => "busy",
        }
    }

    pub fn from_code(code: &str) -> Option<Refusal> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// What the sign-in page says, and what to do next.
    pub fn message(self) -> &'static str {
        match self {
            Refusal::State => "That sign-in took too long or was started in another browser. Please try again.",
            Refusal::Provider => "Your identity provider did not sign you in. Please try again; if it keeps happening, tell your IT team.",
            Refusal::Cancelled => "Single sign-on was cancelled. Sign in again when you are ready.",
            Refusal::Token => "Tend could not verify the answer from your identity provider, so you are not signed in. Please try again; if it keeps happening, tell your IT team.",
            Refusal::Unverified => "Your identity provider has not verified your email address, so Tend cannot tell who you are. Ask your IT team to verify it.",
            Refusal::Unknown => "Your identity provider signed you in, but nobody in Tend has that email address. Ask HR to add you with your work email.",
            Refusal::Left => crate::auth::model::ACCOUNT_CLOSED,
            Refusal::Unavailable => "Your identity provider could not be reached. Please try again in a minute.",
            Refusal::TooMany => "Too many sign-in attempts from your network. Please wait a few minutes and try again.",
        }
    }

    /// The provider's `error` parameter, read only for a cancel: any other
    /// value is the provider's business and is logged, not shown.
    pub fn from_provider_error(error: &str) -> Refusal {
        if error == "access_denied" {
            Refusal::Cancelled
        } else {
            Refusal::Provider
        }
    }
}

/// The email Tend looks a person up by: present, verified by the provider
/// (`email_verified` exactly true: absent is not verified), trimmed and
/// lower-cased, as Tend stores emails.
pub fn identity_email(email: Option<&str>, verified: Option<bool>) -> Result<String, Refusal> {
    let email = email
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .ok_or(Refusal::Unverified)?;
    if verified != Some(true) || !email.contains('@') {
        return Err(Refusal::Unverified);
    }
    Ok(email.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_and_unknown_codes_read_as_nothing() {
        for r in Refusal::ALL {
            assert_eq!(Refusal::from_code(r.code()), Some(r));
            assert!(!r.message().is_empty());
        }
        assert_eq!(Refusal::from_code("<script>"), None);
        assert_eq!(Refusal::from_code(""), None);
    }

    #[test]
    fn only_a_cancel_is_told_apart_from_other_provider_errors() {
        assert_eq!(Refusal::from_provider_error("access_denied"), Refusal::Cancelled);
        assert_eq!(Refusal::from_provider_error("server_error"), Refusal::Provider);
        assert_eq!(Refusal::from_provider_error("ACCESS_DENIED"), Refusal::Provider);
    }

    #[test]
    fn an_email_counts_only_when_present_and_verified() {
        assert_eq!(
            identity_email(Some(" Ada@Example.COM "), Some(true)),
            Ok("ada@example.com".into())
        );
        assert_eq!(
            identity_email(Some("ada@example.com"), Some(false)),
            Err(Refusal::Unverified)
        );
        assert_eq!(identity_email(Some("ada@example.com"), None), Err(Refusal::Unverified));
        assert_eq!(identity_email(None, Some(true)), Err(Refusal::Unverified));
        assert_eq!(identity_email(Some("  "), Some(true)), Err(Refusal::Unverified));
        assert_eq!(
            identity_email(Some("not-an-email"), Some(true)),
            Err(Refusal::Unverified)
        );
    }
}
