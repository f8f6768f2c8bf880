//! The HTTP surface: thin handlers over [`crate::receive`] and the store.

use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use careform_seal::{Jwk, Jwks};
use serde::Deserialize;
use serde_json::{Value, json};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::client_addr::ClientIp;
use crate::config::normalise_origin;
use crate::receive::{Accepted, Refusal, receive};
pub use crate::state::AppState;
use crate::store::{Record, StoreError};

/// Largest submission body accepted.
pub const MAX_BODY_BYTES: usize = 256 * 1024;
use crate::receive::NONCE_TTL_SECS;
/// The policy every page this server sends is held to; widgets need only `'wasm-unsafe-eval'`.
pub const CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'";

/// A JSON error with its status: `{"error": CODE, "detail": TEXT, ...}`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: Value,
    /// Seconds to send as `Retry-After`.
    pub(crate) retry_after: Option<u32>,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, code: &str, detail: impl Into<String>) -> Self {
        ApiError { status, body: json!({ "error": code, "detail": detail.into() }), retry_after: None }
    }
    pub(crate) fn with(mut self, key: &str, value: Value) -> Self {
        self.body[key] = value;
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body)).into_response();
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Some(secs) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

/// The application's routes.
pub fn router(state: AppState) -> Router {
    let cors_config = state.config.clone();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(move |origin: &HeaderValue, _| {
            origin.to_str().ok().and_then(|o| normalise_origin(o).ok()).is_some_and(|o| cors_config.origin_known(&o))
        }))
        .allow_methods([Method::GET, Method::HEAD, Method::POST])
        .allow_headers([header::CONTENT_TYPE])
        .max_age(std::time::Duration::from_secs(600));
    let api = Router::new()
        .route("/v1/nonce", get(nonce))
        .route("/v1/submissions", post(submit))
        .route("/v1/forms", get(forms_list))
        .route("/v1/checkpoint", get(crate::checkpoint::current))
        .route("/v1/forms/{id}", get(form_detail))
        .merge(crate::uploads::routes())
        .layer(middleware::from_fn_with_state(state.clone(), rate_limit))
        .layer(cors);
    let staff = Router::new()
        .route("/staff", get(crate::staff::dashboard))
        .route("/staff/requests", post(crate::staff::issue))
        .route("/staff/logout", post(crate::staff::logout))
        .route(
            "/staff/login",
            get(crate::staff::login_page)
                .post(crate::staff::login)
                // Its own limits, not the /v1/ bucket: a busy embedding page must not lock staff out.
                .layer(middleware::from_fn(crate::sign_in::limit)),
        )
        .merge(crate::inbox::routes())
        .layer(middleware::from_fn_with_state(state.clone(), crate::inbox::security_headers));
    Router::new()
        .route("/", get(index))
        .merge(staff)
        .route("/healthz", get(|| async { "ok" }))
        // Browsers ask for it on every page; an empty answer keeps their consoles clean.
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        // Any origin may read the key: a widget on a council's page checks its receipt with it.
        .route("/.well-known/jwks.json", get(jwks).layer(crate::assets::public_cors()))
        // Any origin may read the API's description too (tools such as Swagger UI run elsewhere).
        .route("/v1/openapi.json", get(openapi).layer(crate::assets::public_cors()))
        .merge(api)
        // One widget on its own page for hosts that allow only an iframe; sets its own CSP.
        .merge(crate::embed::routes())
        .nest_service("/widgets", crate::assets::widgets(&state.config.widgets_dir))
        .nest_service("/demo", ServeDir::new(&state.config.demo_dir))
        .layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .with_state(state)
}

/// Refuses a client address past the configured requests per minute (`429 rateLimited`).
pub(crate) async fn rate_limit(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    req: Request,
    next: Next,
) -> Response {
    if state.over_rate_limit(client).await {
        let mut r = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rateLimited",
            "too many requests from this address; wait a minute and try again",
        )
        .into_response();
        r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        return r;
    }
    next.run(req).await
}

async fn index() -> Html<&'static str> {
    Html(include_str!("index.html"))
}

async fn jwks(State(state): State<AppState>) -> Json<Jwks> {
    Json(Jwks { keys: vec![Jwk::from_key(&state.key.verifying_key())] })
}

async fn openapi(State(state): State<AppState>) -> Json<Value> {
    Json(crate::openapi::document(&state.config.public_url))
}

async fn forms_list() -> Json<Value> {
    Json(crate::forms::list())
}

async fn form_detail(axum::extract::Path(id): axum::extract::Path<String>) -> Result<Json<Value>, ApiError> {
    crate::forms::detail(&id).map(Json).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "unknownForm",
            format!("no form has the id {id:?}; GET /v1/forms lists them"),
        )
    })
}

#[derive(Deserialize)]
struct NonceQuery {
    origin: Option<String>,
}

/// The origin a nonce is for: the `Origin` header (browsers send it cross-origin), else `?origin=`
/// (same-origin GETs carry no `Origin`).
async fn nonce(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<NonceQuery>,
) -> Result<Response, ApiError> {
    let origin = match request_origin(&headers)? {
        Some(o) => o,
        None => {
            let o = q.origin.ok_or_else(|| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "originRequired",
                    "send an Origin header or ?origin= naming the embedding page's origin",
                )
            })?;
            normalise_origin(&o).map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "badOrigin", e))?
        }
    };
    if !state.config.origin_known(&origin) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "originNotAllowed",
            format!("{origin} may not submit forms here"),
        ));
    }
    let fresh = fresh_nonce(&state, &origin).await?;
    let mut r = Json(json!({ "nonce": fresh })).into_response();
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

pub(crate) fn request_origin(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    match headers.get(header::ORIGIN) {
        None => Ok(None),
        Some(v) => {
            let text = v
                .to_str()
                .map_err(|_| ApiError::new(StatusCode::BAD_REQUEST, "badOrigin", "the Origin header is not text"))?;
            normalise_origin(text).map(Some).map_err(|e| ApiError::new(StatusCode::FORBIDDEN, "originNotAllowed", e))
        }
    }
}

async fn fresh_nonce(state: &AppState, origin: &str) -> Result<String, ApiError> {
    let nonce = crate::receive::new_nonce();
    let now = chrono::Utc::now().timestamp();
    let (store, n, o) = (state.store.clone(), nonce.clone(), origin.to_owned());
    tokio::task::spawn_blocking(move || store.issue_nonce(&n, &o, now, now + NONCE_TTL_SECS)).await??;
    Ok(nonce)
}

/// What failed inside the server: logged in full, answered as a bare 500 (nothing of it is the
/// client's business).
#[derive(Debug, thiserror::Error)]
enum Internal {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("a blocking task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
    #[error("a stored receipt is not JSON: {0}")]
    StoredReceipt(#[from] serde_json::Error),
}

impl From<Internal> for ApiError {
    fn from(e: Internal) -> Self {
        tracing::error!("{e}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the server could not store this; nothing was recorded, try again",
        )
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        Internal::from(e).into()
    }
}

impl From<tokio::task::JoinError> for ApiError {
    fn from(e: tokio::task::JoinError) -> Self {
        Internal::from(e).into()
    }
}

async fn submit(State(state): State<AppState>, headers: HeaderMap, body: Body) -> Result<Response, ApiError> {
    let media_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
    if media_type.as_deref() != Some("application/jose+json") {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupportedMediaType",
            "send Content-Type: application/jose+json",
        ));
    }
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "tooLarge",
            format!("a submission may be at most {MAX_BODY_BYTES} bytes"),
        )
    };
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        return Err(too_large());
    }
    let bytes = read_body(body, MAX_BODY_BYTES, too_large).await?;
    let origin = request_origin(&headers)?;

    let s = state.clone();
    let outcome = tokio::task::spawn_blocking(move || {
        receive(&s.config, s.store.as_ref(), &s.key, &bytes, origin.as_deref(), chrono::Utc::now())
    })
    .await?;

    match outcome {
        Ok(Accepted::New { record, next_nonce }) => {
            receipt_response(&state, StatusCode::CREATED, &record, Some(next_nonce)).await
        }
        Ok(Accepted::Retry(record)) => receipt_response(&state, StatusCode::OK, &record, None).await,
        Err(Refusal::Malformed { code, detail }) => Err(ApiError::new(StatusCode::BAD_REQUEST, code, detail)),
        Err(Refusal::BadNonce(origin)) => {
            let fresh = fresh_nonce(&state, &origin).await?;
            Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "badNonce",
                "the nonce is used, expired or unknown; sign again with this one",
            )
            .with("nonce", json!(fresh)))
        }
        Err(Refusal::OriginNotAllowed(detail)) => Err(ApiError::new(StatusCode::FORBIDDEN, "originNotAllowed", detail)),
        Err(Refusal::SidReused) => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "sidReused",
            "this sid was already used for a different submission",
        )),
        Err(Refusal::Invalid { code, detail, problems }) => {
            let problems: Vec<Value> =
                problems.into_iter().map(|(field, message)| json!({ "field": field, "message": message })).collect();
            Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, detail).with("problems", json!(problems)))
        }
        Err(Refusal::RulesFailed(report)) => {
            let failed: Vec<&careform_rules::Finding> =
                report.findings.iter().filter(|f| f.outcome == careform_rules::Outcome::Fail).collect();
            let messages: Vec<&str> = failed.iter().map(|f| f.message.as_str()).collect();
            Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "rulesFailed",
                format!("the form's rules refused it: {}", messages.join(" ")),
            )
            .with("findings", json!(failed)))
        }
        Err(Refusal::Store(e)) => Err(e.into()),
    }
}

/// Reads a whole body up to `limit`: `too_large` past it, `408 bodyTimeout` when the client paused
/// longer than the serve loop's body timeout.
pub(crate) async fn read_body(
    body: Body,
    limit: usize,
    too_large: impl Fn() -> ApiError,
) -> Result<axum::body::Bytes, ApiError> {
    axum::body::to_bytes(body, limit).await.map_err(|e| {
        if crate::listen::is_body_timeout(&e) {
            ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                "bodyTimeout",
                "the request body stopped arriving; send it again",
            )
        } else {
            too_large()
        }
    })
}

/// The receipt, the next nonce (issued with the record, or now for a retry) and the checkpoint.
async fn receipt_response(
    state: &AppState,
    status: StatusCode,
    record: &Record,
    next_nonce: Option<String>,
) -> Result<Response, ApiError> {
    let receipt: Value = serde_json::from_str(&record.receipt).map_err(Internal::from)?;
    let next_nonce = match next_nonce {
        Some(issued) => issued,
        None => fresh_nonce(state, &record.origin).await?,
    };
    // The checkpoint of the chain up to this receipt: kept, it shows if the chain is cut later.
    let checkpoint =
        crate::checkpoint::sign_head(&state.key, &state.config.public_url, Some((record.seq, &record.receipt)))
            .map_err(|e| ApiError::from(StoreError::Build(e)))?;
    let mut body = json!({ "receipt": receipt, "next_nonce": next_nonce, "checkpoint": checkpoint });
    // A key-holding return's response names the agreement it closes, so the receipt shows both.
    if let Some(agreement) = crate::returns::refers_to(record) {
        body["refers_to"] = json!({ "reference": agreement });
    }
    let mut r = (status, Json(body)).into_response();
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}
