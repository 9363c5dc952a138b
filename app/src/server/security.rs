//! Browser-side defences on every page Tend renders: a Content Security
//! Policy carrying the per-request nonce that `leptos_axum` puts on every
//! inline script it writes, and whether a request came over https (for
//! `Secure` cookies and HSTS without any setting, issue 22).

use http::HeaderMap;

/// The policy for a page whose inline scripts carry `nonce`. Scripts come
/// only from Tend itself or with the nonce; the wasm bundle needs
/// `wasm-unsafe-eval` to compile, and nothing else is evaluated. Inline
/// `style` attributes (progress bars' widths) stay allowed: they run no code.
pub fn content_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// Whether the request reached Tend over https: the proxy that ends TLS in
/// front of it says so in `X-Forwarded-Proto` (or the standard `Forwarded`).
/// A client that fakes it only marks its own cookies `Secure` and gets HSTS.
pub fn is_https(headers: &HeaderMap) -> bool {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("");
    let first = |v: &str| v.split(',').next().unwrap_or("").trim().to_ascii_lowercase();
    first(get("x-forwarded-proto")) == "https"
        || first(get("forwarded"))
            .split(';')
            .any(|pair| pair.trim() == "proto=https")
}

/// Sends the policy with the page being rendered; called from the shell,
/// where the request's nonce is in context. Outside a page render (no
/// response options) it does nothing.
pub fn send_content_policy() {
    use leptos::prelude::use_context;
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(value) = content_policy(&nonce).parse() {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// Whether this server function's request came over https (see `is_https`).
pub fn request_is_https() -> bool {
    leptos::prelude::use_context::<http::request::Parts>().is_some_and(|p| is_https(&p.headers))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_is_what_the_proxy_says() {
        let mut h = HeaderMap::new();
        assert!(!is_https(&h));
        h.insert("x-forwarded-proto", "https".parse().unwrap());
        assert!(is_https(&h));
        h.insert("x-forwarded-proto", "http".parse().unwrap());
        assert!(!is_https(&h));
        h.insert("x-forwarded-proto", "HTTPS, http".parse().unwrap());
        assert!(is_https(&h), "the first proxy's view counts");
        h.remove("x-forwarded-proto");
        h.insert(
            "forwarded",
            "for=192.0.2.60;proto=https;by=203.0.113.43".parse().unwrap(),
        );
        assert!(is_https(&h));
        h.insert("forwarded", "for=192.0.2.60;proto=http".parse().unwrap());
        assert!(!is_https(&h));
    }

    #[test]
    fn the_policy_allows_only_nonced_inline_scripts() {
        let p = content_policy("abc123");
        assert!(p.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"));
        assert!(!p.contains("'unsafe-eval'") || p.contains("'wasm-unsafe-eval'"));
        assert!(!p.contains("script-src 'self' 'unsafe-inline'"));
        assert!(p.contains("frame-ancestors 'none'") && p.contains("object-src 'none'"));
    }
}
