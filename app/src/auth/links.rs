//! Single-use sign-in links: an invitation (a first password, 7 days) and
//! a password reset (1 hour). What a link says when it cannot be used, in
//! words that never reveal whether an account exists.

use serde::{Deserialize, Serialize};

/// How long an invitation works.
pub const INVITATION_DAYS: u32 = 7;
/// How long a reset link works.
pub const RESET_MINUTES: u32 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkKind {
    Invitation,
    Reset,
}

impl LinkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Invitation => "invitation",
            LinkKind::Reset => "reset",
        }
    }

    pub fn parse(s: &str) -> Option<LinkKind> {
        match s {
            "invitation" => Some(LinkKind::Invitation),
            "reset" => Some(LinkKind::Reset),
            _ => None,
        }
    }

    /// Seconds from issue to expiry.
    pub fn lifetime_secs(self) -> u64 {
        match self {
            LinkKind::Invitation => INVITATION_DAYS as u64 * 86_400,
            LinkKind::Reset => RESET_MINUTES as u64 * 60,
        }
    }
}

/// What the set-password page learns about a link before the form is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkInfo {
    pub kind: LinkKind,
    /// The person's name, to greet them.
    pub name: String,
    pub email: String,
}

/// Why a stored link cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unusable {
    Unknown,
    Used,
    Expired,
    Closed,
}

impl Unusable {
    /// The page's message: what happened and what to do next.
    pub fn message(self) -> &'static str {
        match self {
            Unusable::Unknown => {
                "This link is not valid. Check that the whole address was copied, or ask for a new one from the sign-in page (“Forgot your password?”)."
            }
            Unusable::Used => {
                "This link was already used; each works once. Sign in with your password, or ask for a new link from the sign-in page."
            }
            Unusable::Expired => {
                "This link has expired. Ask for a new one from the sign-in page (“Forgot your password?”), or ask HR to send a new invitation."
            }
            Unusable::Closed => crate::auth::model::ACCOUNT_CLOSED,
        }
    }
}

/// Whether a stored link can be used now: `now` and `expires` are Unix seconds.
pub fn usable(used: bool, expires: i64, now: i64, left: bool) -> Result<(), Unusable> {
    if used {
        Err(Unusable::Used)
    } else if now >= expires {
        Err(Unusable::Expired)
    } else if left {
        Err(Unusable::Closed)
    } else {
        Ok(())
    }
}

/// A token as we issue it: 64 hex digits. Anything else is not looked up.
pub fn well_formed(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_works_once_until_it_expires_and_not_for_a_leaver() {
        assert_eq!(usable(false, 100, 99, false), Ok(()));
        assert_eq!(
            usable(false, 100, 100, false),
            Err(Unusable::Expired),
            "expiry is exclusive"
        );
        assert_eq!(usable(true, 100, 50, false), Err(Unusable::Used), "used beats expired");
        assert_eq!(usable(false, 100, 50, true), Err(Unusable::Closed));
    }

    #[test]
    fn lifetimes_are_seven_days_and_one_hour() {
        assert_eq!(LinkKind::Invitation.lifetime_secs(), 604_800);
        assert_eq!(LinkKind::Reset.lifetime_secs(), 3_600);
        for k in [LinkKind::Invitation, LinkKind::Reset] {
            assert_eq!(LinkKind::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn only_issued_shapes_are_looked_up() {
        assert!(well_formed(&"a1".repeat(32)));
        assert!(!well_formed(&"a1".repeat(31)));
        assert!(!well_formed(&format!("{}zz", "a".repeat(62))));
        assert!(!well_formed("' OR 1=1"));
    }

    #[test]
    fn messages_say_what_to_do_next() {
        for u in [Unusable::Unknown, Unusable::Used, Unusable::Expired] {
            assert!(u.message().contains("sign-in page"), "{u:?}");
        }
    }
}
