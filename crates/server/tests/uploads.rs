//! `POST /v1/files` and `HEAD /v1/files/{sha256}` in process (the router through
//! `tower::ServiceExt::oneshot`, a real SQLite store and data directory): every accepted type
//! stored once under its hash, retries harmless, oversize, wrong types and bad origins refused.

mod common;

use common::samples;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Request, StatusCode, header};
use careform_rules::files::{DOCX, JPEG, MAX_FILE_BYTES, ODT, PDF, PNG, sha256_hex};
use careform_server::config::{Config, DEFAULT_TIME_ZONE};
use careform_server::http::{AppState, router};
use careform_server::store;
use serde_json::{Value, json};
use tower::ServiceExt as _;

const BASE: &str = "http://127.0.0.1:8080";
const COUNCIL: &str = "https://council.example";
const FORM: &str = "careform-demo";

fn app(dir: &std::path::Path) -> axum::Router {
    let config = Config {
        address: "127.0.0.1:8080".parse().unwrap(),
        public_url: BASE.into(),
        data_dir: dir.to_owned(),
        database_url: format!("sqlite:{}", dir.join("careform.db").display()),
        origins: BTreeMap::from([(FORM.to_owned(), vec![COUNCIL.to_owned()])]),
        rate_limit_per_minute: 1000,
        widgets_dir: dir.join("widgets"),
        demo_dir: dir.join("demo"),
        pa_page_url: format!("{BASE}/demo/pa-acknowledgement.html"),
        time_zone: DEFAULT_TIME_ZONE,
        delivery: Default::default(),
    };
    let store: Arc<dyn store::Store> = Arc::from(store::open(&config.database_url, false).unwrap());
    router(AppState::new(config, store, careform_seal::generate_key()))
        .layer(MockConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000))))
}

async fn answer(app: axum::Router, request: Request<Body>) -> (StatusCode, Value) {
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

fn upload_to(uri: &str, body: impl Into<Body>, origin: &str) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/octet-stream")
        .header(header::ORIGIN, origin)
        .body(body.into())
        .unwrap()
}

fn upload(bytes: Vec<u8>) -> Request<Body> {
    upload_to(&format!("/v1/files?form={FORM}"), bytes, COUNCIL)
}

fn head(sha256: &str) -> Request<Body> {
    Request::head(format!("/v1/files/{sha256}")).header(header::ORIGIN, COUNCIL).body(Body::empty()).unwrap()
}

/// Every file the store holds, as paths under `files/`.
fn stored_files(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(folders) = std::fs::read_dir(dir.join("files")) else { return out };
    for folder in folders {
        let folder = folder.unwrap().path();
        for f in std::fs::read_dir(&folder).unwrap() {
            let name = f.unwrap().file_name().into_string().unwrap();
            out.push(format!("{}/{name}", folder.file_name().unwrap().to_str().unwrap()));
        }
    }
    out.sort();
    out
}

#[tokio::test]
async fn each_accepted_type_is_stored_once_under_its_hash() {
    let dir = tempfile::tempdir().unwrap();
    let jpeg = [&[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10][..], b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0\xFF\xD9"].concat();
    let files = [
        (samples::pdf("DBS check"), PDF),
        (samples::png(), PNG),
        (jpeg, JPEG),
        (samples::docx(), DOCX),
        (samples::odt(), ODT),
    ];
    let mut expected = Vec::new();
    for (bytes, media_type) in &files {
        let sha256 = sha256_hex(bytes);
        assert_eq!(answer(app(dir.path()), head(&sha256)).await.0, StatusCode::NOT_FOUND, "{media_type} not held yet");
        let want = json!({ "sha256": sha256, "media_type": media_type, "bytes": bytes.len() });
        assert_eq!(answer(app(dir.path()), upload(bytes.clone())).await, (StatusCode::CREATED, want.clone()));
        // The retry of an upload whose answer was lost: harmless, the same answer, nothing new stored.
        assert_eq!(answer(app(dir.path()), upload(bytes.clone())).await, (StatusCode::OK, want));
        assert_eq!(answer(app(dir.path()), head(&sha256)).await.0, StatusCode::OK, "{media_type} held");
        expected.push(format!("{}/{}", &sha256[..2], &sha256[2..]));
        let path = dir.path().join("files").join(&sha256[..2]).join(&sha256[2..]);
        assert_eq!(&std::fs::read(path).unwrap(), bytes, "stored byte for byte");
    }
    expected.sort();
    assert_eq!(stored_files(dir.path()), expected, "one file per content, nothing half-written left beside them");
}

#[tokio::test]
async fn other_files_are_refused_naming_the_accepted_types() {
    let dir = tempfile::tempdir().unwrap();
    for (what, bytes) in [
        ("a text file named .pdf", samples::text_named_pdf()),
        ("a plain zip", samples::plain_zip()),
        ("a spreadsheet (an Office zip, not Word)", samples::xlsx()),
        ("an empty file", vec![]),
    ] {
        let (status, body) = answer(app(dir.path()), upload(bytes)).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::UNSUPPORTED_MEDIA_TYPE, Some("unsupportedFileType")),
            "{what}"
        );
        let detail = body["detail"].as_str().unwrap();
        assert!(detail.contains("PDF, JPEG, PNG, Word (DOCX) or OpenDocument text (ODT)"), "{what}: {detail}");
        assert_eq!(body["accepted"].as_array().unwrap().len(), 5);
    }
    assert_eq!(stored_files(dir.path()), Vec::<String>::new());
}

#[tokio::test]
async fn a_file_over_10_mib_is_refused_without_reading_past_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    // Declared too large: refused before a byte of the body is read.
    let mut declared = upload(vec![]);
    declared.headers_mut().insert(header::CONTENT_LENGTH, (MAX_FILE_BYTES + 1).into());
    let (status, body) = answer(app(dir.path()), declared).await;
    assert_eq!(
        (status, body["error"].as_str(), &body["limit"]),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("fileTooLarge"), &json!(MAX_FILE_BYTES))
    );
    assert!(body["detail"].as_str().unwrap().contains("10 MiB"));

    // Not declared (streamed): 20 MiB offered in 64 KiB pieces; reading stops at the limit.
    const PIECE: usize = 64 * 1024;
    let read = Arc::new(AtomicUsize::new(0));
    let counter = read.clone();
    let pieces = (0..(20 * 1024 * 1024 / PIECE)).map(move |i| {
        counter.fetch_add(PIECE, Ordering::SeqCst);
        let mut piece = vec![b'x'; PIECE];
        if i == 0 {
            piece[..8].copy_from_slice(b"%PDF-1.4");
        }
        Ok::<_, std::io::Error>(piece)
    });
    let streamed =
        upload_to(&format!("/v1/files?form={FORM}"), Body::from_stream(futures_util::stream::iter(pieces)), COUNCIL);
    let (status, body) = answer(app(dir.path()), streamed).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::PAYLOAD_TOO_LARGE, Some("fileTooLarge")));
    let consumed = read.load(Ordering::SeqCst);
    assert!(consumed <= MAX_FILE_BYTES as usize + PIECE, "read {consumed} bytes of a refused upload");

    // Exactly the limit is accepted.
    let mut at_limit = samples::pdf("big");
    at_limit.resize(MAX_FILE_BYTES as usize, b' ');
    assert_eq!(answer(app(dir.path()), upload(at_limit)).await.0, StatusCode::CREATED);
}

#[tokio::test]
async fn the_form_and_the_pages_origin_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = samples::pdf("x");
    for (what, request, status, code) in [
        ("no form", upload_to("/v1/files", pdf.clone(), COUNCIL), StatusCode::BAD_REQUEST, "formRequired"),
        (
            "unknown form",
            upload_to("/v1/files?form=nope", pdf.clone(), COUNCIL),
            StatusCode::BAD_REQUEST,
            "unknownForm",
        ),
        (
            "an origin not allowed for the form",
            upload_to(&format!("/v1/files?form={FORM}"), pdf.clone(), "https://elsewhere.example"),
            StatusCode::FORBIDDEN,
            "originNotAllowed",
        ),
        (
            "an origin allowed for another form only",
            upload_to("/v1/files?form=task-scope", pdf.clone(), COUNCIL),
            StatusCode::FORBIDDEN,
            "originNotAllowed",
        ),
    ] {
        let (got, body) = answer(app(dir.path()), request).await;
        assert_eq!((got, body["error"].as_str()), (status, Some(code)), "{what}: {body}");
    }
    assert_eq!(stored_files(dir.path()), Vec::<String>::new());
    assert_eq!(answer(app(dir.path()), head("ABC")).await.0, StatusCode::BAD_REQUEST, "not a SHA-256");

    // The browser's preflight for a cross-origin upload from the council's page is answered.
    let preflight = Request::options(format!("/v1/files?form={FORM}"))
        .header(header::ORIGIN, COUNCIL)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
        .body(Body::empty())
        .unwrap();
    let response = app(dir.path()).oneshot(preflight).await.unwrap();
    assert_eq!(response.headers().get(header::ACCESS_CONTROL_ALLOW_ORIGIN).unwrap(), COUNCIL);
}
