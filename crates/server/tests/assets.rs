//! `/widgets/` and the JWKS as a host page on another origin sees them: CORS `*`, precompressed
//! files chosen by Accept-Encoding, and cache headers that follow the file name.

mod common;

use std::path::Path;

use common::*;
use reqwest::blocking::Response;
use reqwest::header::HeaderMap;

const FOREIGN: &str = "https://some-council.example";
const HASHED: &str = "x.0123abcd.wasm";

/// A widgets dir shaped like the build's output: an unhashed entry and a hashed file in a
/// subfolder, each with `.br` and `.gz` siblings. The bytes are only labels: what matters is
/// which file the server picked.
fn widgets_dir(root: &Path) -> std::path::PathBuf {
    let dir = root.join("widgets");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    for name in ["careform.js", HASHED, &format!("sub/{HASHED}")] {
        std::fs::write(dir.join(name), format!("plain {name}")).unwrap();
        std::fs::write(dir.join(format!("{name}.br")), format!("brotli {name}")).unwrap();
        std::fs::write(dir.join(format!("{name}.gz")), format!("gzip {name}")).unwrap();
    }
    std::fs::write(dir.join("kit.0a1b2c3d.css"), "plain css").unwrap();
    dir
}

fn start(root: &Path) -> Server {
    let dir = widgets_dir(root);
    Server::start(&root.join("data"), &["--widgets-dir", dir.to_str().unwrap()])
}

fn get(url: &str, headers: &[(&str, &str)]) -> Response {
    let mut req = http().get(url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.send().unwrap()
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).map(|v| v.to_str().unwrap())
}

/// Every Vary value, however the server split them over header lines.
fn vary(headers: &HeaderMap) -> Vec<String> {
    headers
        .get_all("vary")
        .iter()
        .flat_map(|v| v.to_str().unwrap().split(',').map(|s| s.trim().to_ascii_lowercase()).collect::<Vec<_>>())
        .collect()
}

fn preflight(url: &str, origin: &str, method: &str) -> Response {
    http()
        .request(reqwest::Method::OPTIONS, url)
        .header("Origin", origin)
        .header("Access-Control-Request-Method", method)
        .send()
        .unwrap()
}

#[test]
fn widgets_and_the_jwks_are_readable_from_any_origin_without_credentials() {
    let root = tempfile::tempdir().unwrap();
    let server = start(root.path());
    for path in ["/widgets/careform.js", &format!("/widgets/{HASHED}"), "/.well-known/jwks.json"] {
        let url = format!("{}{path}", server.base);
        for r in [get(&url, &[("Origin", FOREIGN)]), http().head(&url).header("Origin", FOREIGN).send().unwrap()] {
            assert_eq!(r.status(), 200, "{path}");
            assert_eq!(header(r.headers(), "access-control-allow-origin"), Some("*"), "{path}");
            assert_eq!(header(r.headers(), "access-control-allow-credentials"), None, "{path}");
            // The layers every response carries are still there.
            assert_eq!(header(r.headers(), "x-content-type-options"), Some("nosniff"), "{path}");
            assert!(r.headers().contains_key("content-security-policy"), "{path}");
            assert_eq!(header(r.headers(), "referrer-policy"), Some("same-origin"), "{path}");
        }
        let p = preflight(&url, FOREIGN, "GET");
        assert!(p.status().is_success(), "{path}: {}", p.status());
        assert_eq!(header(p.headers(), "access-control-allow-origin"), Some("*"), "{path}");
        assert!(header(p.headers(), "access-control-allow-methods").is_some_and(|m| m.contains("GET")), "{path}");
        assert_eq!(header(p.headers(), "access-control-allow-credentials"), None, "{path}");
    }
    // The JWKS is still the key set it was.
    let keys = get(&format!("{}/.well-known/jwks.json", server.base), &[("Origin", FOREIGN)]);
    assert_eq!(keys.json::<serde_json::Value>().unwrap()["keys"][0]["kty"], "OKP");
}

#[test]
fn nonces_and_submissions_still_answer_cors_only_to_configured_origins() {
    let root = tempfile::tempdir().unwrap();
    let server = start(root.path());
    for path in ["/v1/nonce", "/v1/submissions"] {
        let url = format!("{}{path}", server.base);
        let allowed = preflight(&url, ORIGIN, "POST");
        assert_eq!(header(allowed.headers(), "access-control-allow-origin"), Some(ORIGIN), "{path}");
        let refused = preflight(&url, FOREIGN, "POST");
        assert_eq!(header(refused.headers(), "access-control-allow-origin"), None, "{path}");
    }
    let refused = get(&format!("{}/v1/nonce", server.base), &[("Origin", FOREIGN)]);
    assert_eq!(refused.status(), 403);
    assert_eq!(header(refused.headers(), "access-control-allow-origin"), None);
    let allowed = get(&format!("{}/v1/nonce", server.base), &[("Origin", ORIGIN)]);
    assert_eq!(
        (allowed.status().as_u16(), header(allowed.headers(), "access-control-allow-origin")),
        (200, Some(ORIGIN))
    );
}

#[test]
fn the_encoding_follows_accept_encoding_and_falls_back_to_the_plain_file() {
    let root = tempfile::tempdir().unwrap();
    let server = start(root.path());
    for name in ["careform.js", HASHED, &format!("sub/{HASHED}")] {
        let url = format!("{}/widgets/{name}", server.base);
        for (accept, encoding, label) in [
            (Some("br, gzip"), Some("br"), "brotli"),
            (Some("gzip, deflate, br;q=0.5"), Some("gzip"), "gzip"),
            (Some("gzip"), Some("gzip"), "gzip"),
            (Some("identity"), None, "plain"),
            (None, None, "plain"),
        ] {
            let headers: Vec<(&str, &str)> = accept.map(|a| vec![("Accept-Encoding", a)]).unwrap_or_default();
            let r = get(&url, &headers);
            assert_eq!(r.status(), 200, "{name} {accept:?}");
            assert_eq!(header(r.headers(), "content-encoding"), encoding, "{name} {accept:?}");
            assert!(vary(r.headers()).contains(&"accept-encoding".to_owned()), "{name} {accept:?}");
            assert_eq!(r.text().unwrap(), format!("{label} {name}"), "{name} {accept:?}");
        }
    }
    // No siblings: the plain file whatever the browser accepts.
    let r = get(&format!("{}/widgets/kit.0a1b2c3d.css", server.base), &[("Accept-Encoding", "br, gzip")]);
    assert_eq!(header(r.headers(), "content-encoding"), None);
    assert_eq!(r.text().unwrap(), "plain css");
}

#[test]
fn content_types_follow_the_file_not_its_encoding() {
    let root = tempfile::tempdir().unwrap();
    let server = start(root.path());
    for (name, mime) in
        [("careform.js", "text/javascript"), (HASHED, "application/wasm"), ("kit.0a1b2c3d.css", "text/css")]
    {
        for accept in ["br", "gzip", "identity"] {
            let r = get(&format!("{}/widgets/{name}", server.base), &[("Accept-Encoding", accept)]);
            let content_type = header(r.headers(), "content-type").unwrap();
            assert_eq!(content_type.split(';').next(), Some(mime), "{name} {accept}");
        }
    }
}

#[test]
fn hashed_files_are_immutable_and_the_entry_is_revalidated_with_a_304() {
    let root = tempfile::tempdir().unwrap();
    let server = start(root.path());
    for name in [HASHED, &format!("sub/{HASHED}"), "kit.0a1b2c3d.css"] {
        let r = get(&format!("{}/widgets/{name}", server.base), &[("Accept-Encoding", "br")]);
        assert_eq!(header(r.headers(), "cache-control"), Some("public, max-age=31536000, immutable"), "{name}");
    }
    let url = format!("{}/widgets/careform.js", server.base);
    for accept in ["br", "gzip", "identity"] {
        let first = get(&url, &[("Accept-Encoding", accept)]);
        assert_eq!(header(first.headers(), "cache-control"), Some("no-cache"), "{accept}");
        let etag = header(first.headers(), "etag").map(str::to_owned);
        let modified = header(first.headers(), "last-modified").map(str::to_owned);
        assert!(etag.is_some() || modified.is_some(), "{accept}: a validator to revalidate against");
        let mut again = vec![("Accept-Encoding", accept)];
        if let Some(e) = &etag {
            again.push(("If-None-Match", e));
        }
        if let Some(m) = &modified {
            again.push(("If-Modified-Since", m));
        }
        let second = get(&url, &again);
        assert_eq!(second.status(), 304, "{accept}");
        assert_eq!(header(second.headers(), "cache-control"), Some("no-cache"), "{accept}");
        assert!(second.bytes().unwrap().is_empty());
    }
    // A file that is not there is not cached as missing (it may be mid-deploy).
    let missing = get(&format!("{}/widgets/y.89abcdef.wasm", server.base), &[]);
    assert_eq!(missing.status(), 404);
    assert_eq!(header(missing.headers(), "cache-control"), Some("no-store"));
}
