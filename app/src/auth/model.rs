//! Sign-in input and its validation.

/// Longest email we accept (RFC 5321's path limit).
pub const MAX_EMAIL: usize = 254;
/// Argon2 is happy with long passwords, but hashing megabytes is a denial of service.
pub const MAX_PASSWORD: usize = 256;

/// What a leaver is told, however they try to sign in (password, link or
/// single sign-on), and only once they have proved who they are.
pub const ACCOUNT_CLOSED: &str =
    "Your account is closed: HR recorded that you have left. If that is a mistake, ask HR.";

/// Email and password as typed, validated before anything touches the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

impl Credentials {
    /// Normalises the email (trimmed, lower-case) and checks both fields,
    /// returning a sentence that names the field at fault.
    pub fn parse(email: &str, password: &str) -> Result<Self, String> {
        let email = email.trim().to_lowercase();
        if email.is_empty() {
            return Err("Enter your work email.".into());
        }
        if email.len() > MAX_EMAIL {
            return Err("That email is too long.".into());
        }
        let valid_shape = match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
            }
            None => false,
        };
        if !valid_shape || email.chars().any(char::is_whitespace) {
            return Err("Enter an email address like name@company.com.".into());
        }
        if password.is_empty() {
            return Err("Enter your password.".into());
        }
        if password.len() > MAX_PASSWORD {
            return Err("That password is too long.".into());
        }
        Ok(Credentials {
            email,
            password: password.to_owned(),
        })
    }
}

/// Longest `next` path kept after sign-in.
const MAX_NEXT: usize = 2_000;

/// Where to go after sign-in: a path on this site, or `/`.
///
/// Browsers normalise a `Location` before following it: the URL standard
/// drops tabs and newlines anywhere, reads `\` as `/`, and takes a path
/// starting with two slashes as another host. So `/\t/evil.example` or
/// `/\\evil.example` would leave the site. Rather than mimic that
/// normalisation, only plain paths pass: printable ASCII without spaces or
/// backslashes, one leading slash, not the sign-in page itself. Anything
/// else goes to `/`. A value that passes is also a valid header value, so
/// building the redirect can never fail on it.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(p)
            if p.len() <= MAX_NEXT
                && p.starts_with('/')
                && !matches!(p.as_bytes().get(1), Some(b'/' | b'\\'))
                && p.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
                && !p.starts_with("/login") =>
        {
            p.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_email() {
        let c = Credentials::parse("  Ada@Tend.Example ", "pw").unwrap();
        assert_eq!(c.email, "ada@tend.example");
    }

    #[test]
    fn names_the_field_at_fault() {
        assert_eq!(Credentials::parse("", "x").unwrap_err(), "Enter your work email.");
        assert!(Credentials::parse("ada", "x").unwrap_err().contains("email address"));
        assert!(Credentials::parse("ada@localhost", "x")
            .unwrap_err()
            .contains("email address"));
        assert_eq!(Credentials::parse("a@b.co", "").unwrap_err(), "Enter your password.");
        assert!(Credentials::parse("a@b.co", &"x".repeat(300))
            .unwrap_err()
            .contains("too long"));
    }

    #[test]
    fn next_stays_on_site() {
        assert_eq!(safe_next(Some("/people/p3")), "/people/p3");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("/login")), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn hostile_next_values_go_home() {
        let hostile = [
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "\t//evil.example",
            " /evil",
            "/ /evil.example",
            "\\\\evil.example",
            "/\\/evil.example",
            "\\/evil.example",
            "//evil.example/path",
            "///evil.example",
            "/\u{0}/evil.example",
            "/\u{7f}/x",
            "/caf\u{e9}",
            "https:/evil.example",
            "javascript:alert(1)",
            "%2F%2Fevil.example",
            "evil.example",
            "",
            "/login?next=//evil.example",
            "/people/p3\nSet-Cookie: x=1",
        ];
        for next in hostile {
            assert_eq!(safe_next(Some(next)), "/", "{next:?} must not be followed");
        }
        assert_eq!(safe_next(Some(&format!("/{}", "a".repeat(MAX_NEXT)))), "/");
    }

    #[test]
    fn ordinary_paths_survive() {
        for next in [
            "/",
            "/goals/g1?quarter=2026-Q4",
            "/feedback/new?to=p3&ask=a1",
            "/reviews/write?cycle=c1#ratings",
            "/people/p3/%2F%2Fnot-a-host",
            "/..//evil.example",
        ] {
            assert_eq!(safe_next(Some(next)), next);
        }
    }
}
