//! Delivering a signed submission: nonce, sign, POST, re-sign on `badNonce`, verify the receipt.

use careform_seal::{
    Jwks, SigningKey, SubmissionPayload, UnsignedSubmission, VerifyingKey, b64u_decode, b64u_encode, encode_payload,
    generate_key, prepare_submission, verify_receipt,
};
use ed25519_dalek::Signer as _;
use gloo_net::http::Request;
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// How many times a stale nonce is replaced before giving up.
const NONCE_RETRIES: usize = 3;
const DEVICE_KEY: &str = "careform:device-key";

/// A verified receipt, as the person sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivered {
    /// The human-readable reference.
    pub reference: String,
    /// When the server received it.
    pub received_at: String,
    /// The receipt JWS, for download.
    pub receipt_json: String,
    /// Which device signer signed: `webcrypto` or `wasm`.
    pub signer: &'static str,
    /// The reference of an earlier submission this one refers to, as the server confirmed it
    /// (a key-holding return names its agreement).
    pub refers_to: Option<String>,
}

/// Why delivery stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryError {
    /// The server could not be reached; the same submission can be sent again later.
    Network(String),
    /// The server refused it; sending it again will not help.
    Refused(String),
}

impl std::fmt::Display for DeliveryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DeliveryError::Network(m) | DeliveryError::Refused(m) => f.write_str(m),
        }
    }
}

#[wasm_bindgen]
extern "C" {
    /// The device key `careform.js` hands every widget: a non-extractable WebCrypto Ed25519 key
    /// kept in IndexedDB. One object per page, so every widget on it signs with the same key.
    #[derive(Clone)]
    pub type Device;
    #[wasm_bindgen(method, catch, js_name = publicKey)]
    async fn public_key(this: &Device) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch)]
    async fn sign(this: &Device, message: &[u8]) -> Result<JsValue, JsValue>;
}

thread_local! {
    static DEVICE: std::cell::RefCell<Option<Device>> = const { std::cell::RefCell::new(None) };
}

/// Keeps the page's device signer (from `careform.js`) for this module's widgets.
pub(crate) fn set_device(device: JsValue) {
    if device.is_object() {
        DEVICE.with(|d| *d.borrow_mut() = Some(device.unchecked_into()));
    }
}

fn device() -> Option<Device> {
    DEVICE.with(|d| d.borrow().clone())
}

/// Who signs for this device.
pub enum DeviceSigner {
    /// A non-extractable WebCrypto key in IndexedDB: page scripts cannot read the private key.
    WebCrypto(VerifyingKey),
    /// A key held in wasm and kept in local storage, for browsers without WebCrypto Ed25519.
    Wasm(SigningKey),
}

impl DeviceSigner {
    /// The device's signer: WebCrypto where the browser has it, else the wasm key.
    pub async fn get() -> DeviceSigner {
        if let Some(device) = device()
            && let Ok(raw) = device.public_key().await
            && let Ok(bytes) = <[u8; 32]>::try_from(js_sys::Uint8Array::new(&raw).to_vec().as_slice())
            && let Ok(key) = VerifyingKey::from_bytes(&bytes)
        {
            return DeviceSigner::WebCrypto(key);
        }
        DeviceSigner::Wasm(device_key())
    }

    /// `webcrypto` or `wasm`: which path signed (shown on the receipt for support and tests).
    pub fn kind(&self) -> &'static str {
        match self {
            DeviceSigner::WebCrypto(_) => "webcrypto",
            DeviceSigner::Wasm(_) => "wasm",
        }
    }

    fn public(&self) -> VerifyingKey {
        match self {
            DeviceSigner::WebCrypto(k) => *k,
            DeviceSigner::Wasm(k) => k.verifying_key(),
        }
    }

    async fn sign(&self, unsigned: UnsignedSubmission) -> Result<careform_seal::Envelope, DeliveryError> {
        let input = unsigned.signing_input();
        let signature: [u8; 64] = match self {
            DeviceSigner::Wasm(k) => k.sign(input.as_bytes()).to_bytes(),
            DeviceSigner::WebCrypto(_) => {
                let device = device().ok_or_else(|| DeliveryError::Refused("This page has no device key.".into()))?;
                let sig = device
                    .sign(input.as_bytes())
                    .await
                    .map_err(|e| DeliveryError::Refused(format!("This browser could not sign the form ({e:?}).")))?;
                <[u8; 64]>::try_from(js_sys::Uint8Array::new(&sig).to_vec().as_slice())
                    .map_err(|_| DeliveryError::Refused("This browser made a malformed signature.".into()))?
            }
        };
        Ok(unsigned.with_signature(&signature))
    }
}

/// The wasm-held device key. Kept in local storage: it proves "same device", not identity,
/// and holds no secret the server relies on (see the README).
fn device_key() -> SigningKey {
    if let Some(stored) = crate::storage::get::<String>(DEVICE_KEY)
        && let Ok(bytes) = b64u_decode(&stored, careform_seal::Part::Jwks)
        && let Ok(seed) = <[u8; 32]>::try_from(bytes.as_slice())
    {
        return SigningKey::from_bytes(&seed);
    }
    let key = generate_key();
    let _ = crate::storage::set(DEVICE_KEY, &b64u_encode(&key.to_bytes()));
    key
}

fn network(e: impl std::fmt::Display) -> DeliveryError {
    DeliveryError::Network(format!("Could not reach the server ({e}). Your answers are kept; try again."))
}

async fn fetch_nonce(base: &str, origin: &str) -> Result<String, DeliveryError> {
    let url = format!("{base}/v1/nonce?origin={}", js_sys::encode_uri_component(origin));
    let response = Request::get(&url).send().await.map_err(network)?;
    let body: Value = response.json().await.map_err(network)?;
    body["nonce"].as_str().map(str::to_owned).ok_or_else(|| refused(&body))
}

fn refused(body: &Value) -> DeliveryError {
    let detail = body["detail"].as_str().unwrap_or("the server refused the form");
    DeliveryError::Refused(format!("The form was not accepted: {detail}."))
}

/// Signs and delivers `payload` to the Careform server at `base`; verifies the receipt it returns.
pub async fn deliver(
    base: &str,
    signer: &DeviceSigner,
    payload: &SubmissionPayload,
) -> Result<Delivered, DeliveryError> {
    let url = format!("{base}/v1/submissions");
    let payload_b64 = encode_payload(payload).map_err(|e| DeliveryError::Refused(e.to_string()))?;
    let nonce = fetch_nonce(base, &payload.origin).await?;
    let mut envelope = signer.sign(prepare_submission(&signer.public(), &nonce, &url, payload_b64.clone())).await?;
    for _ in 0..NONCE_RETRIES {
        let response = Request::post(&url)
            .header("Content-Type", "application/jose+json")
            .body(envelope.to_json())
            .map_err(network)?
            .send()
            .await
            .map_err(network)?;
        let status = response.status();
        let body: Value = response.json().await.map_err(network)?;
        match status {
            200 | 201 => return check_receipt(base, payload, &body, signer.kind()).await,
            400 if body["error"] == "badNonce" => {
                let fresh = body["nonce"].as_str().ok_or_else(|| refused(&body))?;
                // Same payload bytes, new header: the submission stays the same submission.
                envelope = signer.sign(prepare_submission(&signer.public(), fresh, &url, payload_b64.clone())).await?;
            }
            _ => return Err(refused(&body)),
        }
    }
    Err(DeliveryError::Network("The server kept refusing the nonce; try again in a moment.".into()))
}

async fn check_receipt(
    base: &str,
    payload: &SubmissionPayload,
    body: &Value,
    signer: &'static str,
) -> Result<Delivered, DeliveryError> {
    let receipt_json = body["receipt"].to_string();
    let jwks_response = Request::get(&format!("{base}/.well-known/jwks.json")).send().await.map_err(network)?;
    let jwks: Jwks = jwks_response.json().await.map_err(network)?;
    let receipt = verify_receipt(receipt_json.as_bytes(), &jwks)
        .map_err(|e| DeliveryError::Refused(format!("The server's receipt did not verify ({e}).")))?;
    if receipt.payload.submission.sid != payload.sid || receipt.payload.submission.form != payload.form {
        return Err(DeliveryError::Refused("The server's receipt is for another submission.".into()));
    }
    Ok(Delivered {
        reference: receipt.payload.reference,
        received_at: receipt.payload.received_at,
        receipt_json,
        signer,
        refers_to: body["refers_to"]["reference"].as_str().map(str::to_owned),
    })
}

/// An object URL holding `json` as a file, for a download link (no inline data, so CSP holds).
pub fn download_url(json: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(json));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}
