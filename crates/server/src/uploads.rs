//! `POST /v1/files` and `HEAD /v1/files/{sha256}`: a widget uploads each evidence file before the
//! submission that lists it, and asks which files the server still lacks.

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{head, post};
use axum::{Json, Router};
use careform_rules::files::{MAX_FILE_BYTES, allowed_types_text, is_sha256_hex, sniff};
use serde::Deserialize;
use serde_json::json;

use crate::files::FileStore;
use crate::http::{ApiError, request_origin};
use crate::state::AppState;

/// How many uploads are read at once: each holds up to 10 MiB in memory until it is written.
pub const MAX_CONCURRENT_UPLOADS: usize = 4;

/// The file routes (mounted with the rest of `/v1/`, under its rate limit and CORS).
pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/files", post(upload)).route("/v1/files/{sha256}", head(held))
}

#[derive(Deserialize)]
struct UploadQuery {
    form: Option<String>,
}

/// Checks the page may upload for `form`: the form exists and, when the browser names the page's
/// origin, that origin may submit it (as `/v1/submissions` checks the payload's origin).
fn check_form(state: &AppState, headers: &HeaderMap, form: Option<&str>) -> Result<(), ApiError> {
    let form = form.ok_or_else(|| {
        ApiError::new(StatusCode::BAD_REQUEST, "formRequired", "name the form the file is for: /v1/files?form=FORM_ID")
    })?;
    if careform_rules::entry(form).is_none() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "unknownForm",
            format!("no form has the id {form:?}; GET /v1/forms lists them"),
        ));
    }
    if let Some(origin) = request_origin(headers)?
        && !state.config.origin_allowed(form, &origin)
    {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "originNotAllowed",
            format!("{origin} may not upload files for the form {form:?}"),
        ));
    }
    Ok(())
}

fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "fileTooLarge",
        format!("a file may be at most {MAX_FILE_BYTES} bytes (10 MiB); make it smaller or split it"),
    )
    .with("limit", json!(MAX_FILE_BYTES))
}

async fn upload(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<UploadQuery>,
    body: Body,
) -> Result<Response, ApiError> {
    check_form(&state, &headers, q.form.as_deref())?;
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_FILE_BYTES) {
        return Err(too_large());
    }
    // Refused rather than queued: a client told to wait retries, a queue holds connections open.
    let _permit = state.uploads.clone().try_acquire_owned().map_err(|_| {
        let mut e = ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            "the server is receiving other files; try again in a few seconds",
        );
        e.retry_after = Some(5);
        e
    })?;
    // Reads at most the limit: a body that goes on past it is cut off there.
    let bytes = crate::http::read_body(body, MAX_FILE_BYTES as usize, too_large).await?;
    let media_type = sniff(&bytes).ok_or_else(|| {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupportedFileType",
            format!("this file is not one of the accepted types: {}", allowed_types_text()),
        )
        .with("accepted", json!(careform_rules::files::MEDIA_TYPES.map(|(t, _)| t)))
    })?;
    let files = FileStore::new(&state.config.data_dir);
    let stored = tokio::task::spawn_blocking(move || files.put(&bytes, media_type)).await?.map_err(|e| {
        tracing::error!("storing an uploaded file: {e}");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "the server could not store this file; try again")
    })?;
    let status = if stored.new { StatusCode::CREATED } else { StatusCode::OK };
    let body = json!({ "sha256": stored.sha256, "media_type": stored.media_type, "bytes": stored.bytes });
    let mut r = (status, Json(body)).into_response();
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

/// 200 when the file is held, 404 when not (so an outbox knows what to upload), 400 for a name
/// that is not a SHA-256.
async fn held(State(state): State<AppState>, Path(sha256): Path<String>) -> Result<Response, ApiError> {
    if !is_sha256_hex(&sha256) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "badHash",
            "a file is named by its SHA-256 as 64 lowercase hexadecimal digits",
        ));
    }
    let files = FileStore::new(&state.config.data_dir);
    // A file asked for is about to be listed by a submission: it is kept from purges a while longer.
    let size = tokio::task::spawn_blocking(move || {
        let size = files.size(&sha256)?;
        if size.is_some() {
            files.touch(&sha256)?;
        }
        Ok::<_, std::io::Error>(size)
    })
    .await?
    .map_err(|e| {
        tracing::error!("looking up a file: {e}");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "the server could not look this file up")
    })?;
    let status = if size.is_some() { StatusCode::OK } else { StatusCode::NOT_FOUND };
    let mut r = status.into_response();
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

/// Every hour, removes the uploaded files no submission lists once they are
/// [`crate::files::UNREFERENCED_HOURS`] old (see [`FileStore::purge`]). Runs until the server stops.
pub async fn purge_unreferenced(state: AppState) {
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        let (files, store) = (FileStore::new(&state.config.data_dir), state.store.clone());
        let cutoff =
            std::time::SystemTime::now() - std::time::Duration::from_secs(crate::files::UNREFERENCED_HOURS * 3600);
        match tokio::task::spawn_blocking(move || files.purge(cutoff, &|sha256| store.file_referenced(sha256))).await {
            Ok(Ok(0)) => {}
            Ok(Ok(n)) => tracing::info!("removed {n} uploaded files no submission lists"),
            Ok(Err(e)) => tracing::error!("purging uploaded files: {e}"),
            Err(e) => tracing::error!("purging uploaded files: {e}"),
        }
    }
}
