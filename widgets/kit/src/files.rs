//! Evidence files: what happens when a person chooses a document, and what the outbox does with
//! it before sending the submission that lists it.
//!
//! On choosing, the file is read, checked here for a quick message (size, and type from its
//! bytes, as the server will check them), hashed (SHA-256, hex as `sha256sum` prints it), kept in
//! IndexedDB ([`crate::idb`]) and uploaded at once when it can be. The form's data carries only
//! the [`EvidenceItem`]; the signature covers its hash, so it covers the document. Before the
//! outbox sends a submission, [`ensure_uploaded`] asks the server which of its files it lacks
//! (`HEAD /v1/files/{sha256}`) and uploads those from IndexedDB; a network failure there leaves
//! the submission in the outbox, retried like any other. The kept bytes are forgotten once the
//! submission is received.

use careform_rules::files::{MAX_FILE_BYTES, allowed_types_text, sha256_hex, sniff};
use gloo_net::http::{Method, Request, RequestBuilder};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::idb;
use crate::submit::DeliveryError;

/// One document as the form's data lists it (`data.evidence[]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceItem {
    /// What the document is, e.g. `complaints_policy`.
    pub kind: String,
    /// The file's name on the person's device.
    pub name: String,
    /// Its type, read from its bytes.
    pub media_type: String,
    /// Its size.
    pub bytes: u64,
    /// Its SHA-256, 64 lowercase hex digits.
    pub sha256: String,
}

/// Where chosen files are uploaded: the widget's server and form (provided by `use_form`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileTarget {
    /// The Careform server's base URL.
    pub endpoint: String,
    /// The form id, which selects the origins allowed to upload.
    pub form: &'static str,
}

/// A size in the words GOV.UK uses ("2.5MB", "300KB").
pub fn size_text(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} bytes"),
        b if b < 1024 * 1024 => format!("{}KB", b.div_ceil(1024)),
        b => format!("{:.1}MB", b as f64 / (1024.0 * 1024.0)),
    }
}

/// The bytes of `file`, once they pass the checks the server will make, with their type.
pub async fn read_checked(file: &web_sys::File) -> Result<(Vec<u8>, &'static str), String> {
    let size = file.size() as u64;
    if size == 0 {
        return Err("The selected file is empty".into());
    }
    if size > MAX_FILE_BYTES {
        return Err("The selected file must be smaller than 10MB".into());
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "The selected file could not be read; choose it again".to_owned())?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let media_type = sniff(&bytes).ok_or_else(|| format!("The selected file must be a {}", allowed_types_text()))?;
    Ok((bytes, media_type))
}

/// A chosen file made into its evidence item: checked, kept on this device and, when `target` is
/// given and the server can be reached, uploaded. The item is good either way: what is only kept
/// here is uploaded by the outbox before the submission goes.
pub async fn choose(target: Option<&FileTarget>, kind: &str, file: &web_sys::File) -> Result<EvidenceItem, String> {
    let (bytes, media_type) = read_checked(file).await?;
    let item = EvidenceItem {
        kind: kind.to_owned(),
        name: file.name(),
        media_type: media_type.to_owned(),
        bytes: bytes.len() as u64,
        sha256: sha256_hex(&bytes),
    };
    let kept = idb::put(&item.sha256, &bytes).await.is_ok();
    let Some(target) = target else {
        return if kept { Ok(item) } else { Err("This browser could not keep the file; try again".into()) };
    };
    match upload(target, &bytes).await {
        Ok(()) => Ok(item),
        Err(DeliveryError::Refused(message)) => {
            let _ = idb::delete(&item.sha256).await;
            Err(message)
        }
        Err(DeliveryError::Network(_)) if kept => Ok(item),
        Err(DeliveryError::Network(_)) => {
            Err("The file could not be uploaded or kept on this device; try again".into())
        }
    }
}

fn files_url(endpoint: &str) -> String {
    format!("{endpoint}/v1/files")
}

fn network(e: impl std::fmt::Display) -> DeliveryError {
    DeliveryError::Network(format!("Could not reach the server to upload your files ({e}). They are kept; try again."))
}

/// Uploads `bytes` for the target's form.
pub async fn upload(target: &FileTarget, bytes: &[u8]) -> Result<(), DeliveryError> {
    let url = format!("{}?form={}", files_url(&target.endpoint), js_sys::encode_uri_component(target.form));
    let response = Request::post(&url)
        .header("Content-Type", "application/octet-stream")
        .body(js_sys::Uint8Array::from(bytes))
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    match response.status() {
        200 | 201 => Ok(()),
        // Busy, rate-limited or failing: the same upload may work later.
        429 | 500..=599 => Err(network(format!("status {}", response.status()))),
        _ => {
            let body: Value = response.json().await.unwrap_or(Value::Null);
            let detail = body["detail"].as_str().unwrap_or("the server refused the file");
            Err(DeliveryError::Refused(format!("The file was not accepted: {detail}.")))
        }
    }
}

/// Whether the server holds the file named `sha256`.
async fn held(endpoint: &str, sha256: &str) -> Result<bool, DeliveryError> {
    let url = format!("{}/{sha256}", files_url(endpoint));
    let response = RequestBuilder::new(&url).method(Method::HEAD).send().await.map_err(network)?;
    match response.status() {
        200 => Ok(true),
        404 => Ok(false),
        s => Err(network(format!("status {s}"))),
    }
}

/// The evidence items `data` lists (none when it lists none, or not in this shape: the server
/// then says what is wrong).
pub fn evidence(data: &Map<String, Value>) -> Vec<EvidenceItem> {
    data.get("evidence").and_then(|v| serde_json::from_value(v.clone()).ok()).unwrap_or_default()
}

/// Makes sure the server holds every file `data` lists, uploading from this device what it lacks.
/// `Network` when the server could not be reached (the submission waits in the outbox);
/// `Refused` when a file is gone from this device or the server refuses it.
pub async fn ensure_uploaded(target: &FileTarget, data: &Map<String, Value>) -> Result<(), DeliveryError> {
    let mut done: Vec<String> = Vec::new();
    for item in evidence(data) {
        if done.contains(&item.sha256) || held(&target.endpoint, &item.sha256).await? {
            continue;
        }
        let bytes = idb::get(&item.sha256).await.ok().flatten().ok_or_else(|| {
            DeliveryError::Refused(format!("{} is no longer kept on this device; choose the file again", item.name))
        })?;
        upload(target, &bytes).await?;
        done.push(item.sha256);
    }
    Ok(())
}

/// Forgets the kept copies of the files `data` lists: the server has the submission and them.
pub async fn forget(data: &Map<String, Value>) {
    for item in evidence(data) {
        let _ = idb::delete(&item.sha256).await;
    }
}

/// The bytes kept on this device for `sha256`, if any (for tests and support).
pub async fn kept(sha256: &str) -> Option<Vec<u8>> {
    idb::get(sha256).await.ok().flatten()
}
