//! Each refusal mapped to its status and error code, in process: the router answers requests
//! through `tower::ServiceExt::oneshot`, as axum's own testing example does (no process, no
//! port). What needs a real process (a crash, configuration, the CLI) stays in the other tests.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Request, StatusCode, header};
use careform_server::config::{ANY_FORM, Config, DEFAULT_TIME_ZONE};
use careform_server::http::{AppState, MAX_BODY_BYTES, router};
use careform_server::store;
use serde_json::Value;
use tower::ServiceExt as _;

const BASE: &str = "http://127.0.0.1:8080";

fn app(dir: &std::path::Path) -> axum::Router {
    let config = Config {
        address: "127.0.0.1:8080".parse().unwrap(),
        public_url: BASE.into(),
        data_dir: dir.to_owned(),
        database_url: format!("sqlite:{}", dir.join("careform.db").display()),
        origins: BTreeMap::from([(ANY_FORM.to_owned(), vec![BASE.to_owned()])]),
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

fn submission(body: impl Into<Body>, content_type: &str) -> Request<Body> {
    Request::post("/v1/submissions")
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ORIGIN, BASE)
        .body(body.into())
        .unwrap()
}

#[tokio::test]
async fn each_refusal_has_its_status_and_code() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Request<Body>, StatusCode, &str)> = vec![
        (
            "wrong media type",
            submission("{}", "application/json"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupportedMediaType",
        ),
        (
            "too large",
            submission(vec![b' '; MAX_BODY_BYTES + 1], "application/jose+json"),
            StatusCode::PAYLOAD_TOO_LARGE,
            "tooLarge",
        ),
        ("not JSON", submission("not json", "application/jose+json"), StatusCode::BAD_REQUEST, "badJson"),
        (
            "unknown members",
            submission(r#"{"protected":"","payload":"","signature":"","extra":1}"#, "application/jose+json"),
            StatusCode::BAD_REQUEST,
            "badStructure",
        ),
        (
            "nonce without an origin",
            Request::get("/v1/nonce").body(Body::empty()).unwrap(),
            StatusCode::BAD_REQUEST,
            "originRequired",
        ),
        (
            "nonce for an origin not allowed",
            Request::get("/v1/nonce").header(header::ORIGIN, "https://elsewhere.example").body(Body::empty()).unwrap(),
            StatusCode::FORBIDDEN,
            "originNotAllowed",
        ),
        (
            "unknown form",
            Request::get("/v1/forms/nope").body(Body::empty()).unwrap(),
            StatusCode::NOT_FOUND,
            "unknownForm",
        ),
    ];
    for (what, request, status, code) in cases {
        let (got, body) = answer(app(dir.path()), request).await;
        assert_eq!((got, body["error"].as_str()), (status, Some(code)), "{what}: {body}");
        assert!(body["detail"].as_str().is_some_and(|d| !d.is_empty()), "{what}: a detail says what to do");
    }
}

#[tokio::test]
async fn a_nonce_for_the_servers_own_origin_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let request = Request::get("/v1/nonce").header(header::ORIGIN, BASE).body(Body::empty()).unwrap();
    let (status, body) = answer(app(dir.path()), request).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body["nonce"].as_str().is_some_and(|n| n.len() >= 20));
}
