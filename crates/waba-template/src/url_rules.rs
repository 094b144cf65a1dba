//! URL checks shared by button URLs and map-provider URLs.

/// Whether `s` is an absolute URL with an allowed scheme, a host and no user info, written the
/// way the `url` crate writes it back (no whitespace, control characters or backslashes that
/// WHATWG parsing would silently drop or turn into slashes).
pub(crate) fn is_web_url(s: &str, allow_http: bool) -> bool {
    if s.bytes().any(|b| b <= b' ' || b == 0x7f || b == b'\\') {
        return false;
    }
    let Ok(u) = url::Url::parse(s) else {
        return false;
    };
    let scheme_ok = u.scheme() == "https" || (allow_http && u.scheme() == "http");
    // WHATWG parsing rewrites hosts (`0x7f.1` → `127.0.0.1`, IDN → `xn--…`, upper → lower case)
    // and escapes: what is sent must be what was written (hostile-inputs 40–42).
    let written = u.as_str() == s
        || u.as_str().strip_suffix('/') == Some(s)
        || with_root_path(s).is_some_and(|r| u.as_str() == r);
    scheme_ok && written && u.username().is_empty() && u.password().is_none() && u.host().is_some()
}

/// `s` with the root path `/` the `url` crate writes before a query or fragment that follows the
/// host directly (`https://a.com?q` → `https://a.com/?q`); `None` when `s` has a path.
fn with_root_path(s: &str) -> Option<String> {
    let after_scheme = s.find("://")? + 3;
    let rest = s.get(after_scheme..)?;
    let end = rest.find(['/', '?', '#'])?;
    if rest.as_bytes().get(end) == Some(&b'/') {
        return None;
    }
    let at = after_scheme + end;
    Some(format!("{}/{}", s.get(..at)?, s.get(at..)?))
}

/// The host of a URL, as the `url` crate writes it.
pub(crate) fn host(s: &str) -> Option<String> {
    url::Url::parse(s).ok()?.host_str().map(str::to_owned)
}

/// Whether `s` is an `https` URL without user info.
pub(crate) fn is_https_url(s: &str) -> bool {
    is_web_url(s, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_urls() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
            "http://example.com/",
            " https://example.com/",
            "https://exa\nmple.com/",
            "https://good.com@evil.com/",
            "https:\\\\evil.com\\path",
            "www.example.com",
            "https://example.com:99999/",
            "https://Example.com/",
            "http://0x7f.1/",
            "https://2130706433/",
            "https://ex\u{430}mple.com/",
            "https://example.com/a\"b",
        ] {
            assert!(!is_https_url(bad), "{bad}");
        }
        assert!(is_https_url("https://example.com/a?b=c"));
        assert!(is_https_url("https://example.com"));
        assert!(is_https_url("https://xn--exmple-4nf.com/"));
        assert!(is_web_url("http://example.com/", true));
        assert!(is_https_url("https://example.com?q=1"));
        assert!(is_https_url("https://example.com#top"));
        assert!(!is_https_url("https://Example.com?q=1"));
    }

    #[test]
    fn hosts_a_customer_resolves_are_taken_as_written() {
        // Group 41: a button URL is opened by the customer's phone, never fetched by us or by
        // Meta, so a private or loopback host is no request forgery here; what matters is that
        // it is sent as written (the rewritten forms above are refused).
        for url in [
            "https://localhost/",
            "https://127.0.0.1/",
            "https://169.254.169.254/latest",
            "https://[::1]/",
            "https://example.com./",
        ] {
            assert!(is_https_url(url), "{url}");
        }
        // Forms WHATWG parsing would rewrite stay refused.
        for url in ["https://[0:0::1]/", "https://127.1/", "https://LOCALHOST/"] {
            assert!(!is_https_url(url), "{url}");
        }
    }
}
