//! The widget bundle at `/widgets/`: precompressed, cache-friendly, and readable from any origin.
//!
//! Host pages live on council sites, not on this server, and `<script type="module">` and the
//! widget's own `fetch`es of its wasm and styles are CORS requests, so the bundle (and the JWKS the
//! widget checks receipts against) answers `Access-Control-Allow-Origin: *`. That is safe because
//! these responses are public and identical for everyone: no cookies are read and credentials are
//! never allowed. Who may *submit* is still decided per origin on `/v1/`.

use std::path::Path;
use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use tower_http::cors::{Any, CorsLayer};
use tower_http::services::ServeDir;

/// For `NAME.HASH.EXT`: the content decides the name, so a cached copy can never be stale.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For the entry (`careform.js`) and anything else unhashed: cache, but ask each time (a 304 is cheap).
pub const REVALIDATE: &str = "no-cache";

/// CORS for public, credential-free resources: any origin may read them.
pub fn public_cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::HEAD])
        .allow_headers(Any)
        .max_age(Duration::from_secs(24 * 60 * 60))
        // The answer is the same whatever the Origin, so caches need not key on it.
        .vary(Vec::<HeaderName>::new())
}

/// The service for `/widgets/`: files from `dir`, as `FILE.br` or `FILE.gz` when the browser
/// accepts that encoding and the sibling exists, else the plain file.
pub fn widgets(dir: &Path) -> Router {
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    // CORS outermost, so a preflight is answered before it reaches the files.
    Router::new().fallback_service(files).layer(middleware::from_fn(cache_headers)).layer(public_cors())
}

async fn cache_headers(req: Request, next: Next) -> Response {
    let hashed = is_content_hashed(req.uri().path());
    let mut response = next.run(req).await;
    let status = response.status();
    let headers = response.headers_mut();
    if status.is_success() || status == StatusCode::NOT_MODIFIED {
        let policy = if hashed { IMMUTABLE } else { REVALIDATE };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
        // ServeDir picks `.br`/`.gz` by Accept-Encoding but does not say so; without this a
        // shared cache could hand brotli bytes to a client that cannot read them.
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    } else {
        // A file missing during a rolling deploy must not be remembered as missing.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Whether the last segment of `path` is `NAME.HASH.EXT` (HASH: 8 to 64 lowercase hex digits),
/// optionally followed by `.br` or `.gz` when a precompressed sibling is asked for directly.
pub fn is_content_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let name = name.strip_suffix(".br").or_else(|| name.strip_suffix(".gz")).unwrap_or(name);
    let mut parts = name.rsplitn(3, '.');
    let (Some(ext), Some(hash), Some(stem)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !stem.is_empty()
        && !ext.is_empty()
        && (8..=64).contains(&hash.len())
        && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::is_content_hashed;

    #[test]
    fn hashed_names_are_recognised_and_nothing_else() {
        for hashed in [
            "/task-scope.3f9a12bc.wasm",
            "/kit.0a1b2c3d.css",
            "/sub/dir/pa.1234abcd.js",
            "/x.0123abcd.wasm.br",
            "/x.0123abcd.wasm.gz",
            &format!("/long.{}.js", "a".repeat(64)),
        ] {
            assert!(is_content_hashed(hashed), "{hashed}");
        }
        for plain in [
            "/careform.js",
            "/careform.js.br",
            "/careform-wasm_bg.wasm",
            "/jquery.min.js",
            "/x.0123abc.wasm",
            "/x.0123ABCD.wasm",
            &format!("/long.{}.js", "a".repeat(65)),
            "/.0123abcd.js",
            "/x.0123abcd.",
            "/0123abcd.js",
            "/",
            "",
        ] {
            assert!(!is_content_hashed(plain), "{plain}");
        }
    }
}
