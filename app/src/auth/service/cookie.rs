//! The session cookie: building it, clearing it and reading it from headers.

use http::header::COOKIE;
use http::HeaderMap;

/// The cookie's name.
pub const NAME: &str = "tend_session";

/// `Set-Cookie` value for a fresh session. HttpOnly keeps it from scripts;
/// SameSite=Lax keeps it off cross-site posts.
pub fn set(token: &str, max_age_secs: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{NAME}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}")
}

/// `Set-Cookie` value that removes the session cookie.
pub fn clear(secure: bool) -> String {
    set("", 0, secure)
}

/// The single sign-on cookie: binds an answer from the identity provider
/// to the browser that went there. Only sent to `/auth/oidc/`, and gone
/// after ten minutes (the attempt's own lifetime).
pub const SSO_NAME: &str = "tend_oidc";

/// `Set-Cookie` for a single sign-on attempt. SameSite=Lax still sends it
/// on the provider's top-level redirect back to Tend.
pub fn set_sso(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{SSO_NAME}={token}; Path=/auth/oidc/; HttpOnly; SameSite=Lax; Max-Age=600{secure}")
}

/// `Set-Cookie` that removes the single sign-on cookie.
pub fn clear_sso(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{SSO_NAME}=; Path=/auth/oidc/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
}

/// The session token sent by the browser, if any.
pub fn read(headers: &HeaderMap) -> Option<String> {
    read_named(headers, NAME)
}

/// The value of the cookie `name`, if the browser sent a non-empty one.
pub fn read_named(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes() {
        let c = set("abc", 60, true);
        assert!(c.starts_with("tend_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=60"));
        assert!(c.ends_with("; Secure"));
        assert!(!set("abc", 60, false).contains("Secure"));
        assert!(clear(false).contains("Max-Age=0"));
        let sso = set_sso("t", false);
        assert!(sso.starts_with("tend_oidc=t; Path=/auth/oidc/; HttpOnly; SameSite=Lax; Max-Age=600"));
        assert!(clear_sso(true).contains("Max-Age=0") && clear_sso(true).ends_with("; Secure"));
    }

    #[test]
    fn reads_among_other_cookies() {
        let mut h = HeaderMap::new();
        h.insert(COOKIE, "a=1; tend_session=tok; b=2".parse().unwrap());
        assert_eq!(read(&h).as_deref(), Some("tok"));
        assert_eq!(read_named(&h, "b").as_deref(), Some("2"));
        h.insert(COOKIE, "tend_session=".parse().unwrap());
        assert_eq!(read(&h), None);
    }
}
