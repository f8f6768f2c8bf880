//! What every widget does once the person presses send: sign, deliver through the outbox,
//! retry until a receipt arrives, show where it stands, and keep the receipt.

use careform_rules::FormDefinition;
use careform_seal::{
    Attestation, FormRef, SubmissionPayload, b64u_encode, canonicalize_serializable, random_bytes, sha256_b64u,
};
use leptos::prelude::*;
use serde_json::{Map, Value};

use crate::components::SummaryRow;
use crate::files::{self, FileTarget};
use crate::submit::{Delivered, DeliveryError, DeviceSigner, deliver};
use crate::{Config, draft, outbox};

/// Where a form is after the person presses send.
#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    /// Being filled in.
    Filling,
    /// On its way.
    Sending,
    /// In the outbox: the server could not be reached; it is retried automatically.
    Waiting(String),
    /// Refused for good (or could not be kept): the draft stays.
    Failed(DeliveryError),
    /// Delivered; the verified receipt.
    Received(Delivered),
}

/// How often a waiting submission is retried, besides when the browser says it is back online.
const RETRY_MS: u32 = 10_000;

/// The payload for `def` with these answers, a fresh `sid` and the browser's time.
pub fn payload(
    config: &Config,
    def: &FormDefinition,
    data: Map<String, Value>,
    attestations: Vec<careform_rules::AttestationRef>,
) -> SubmissionPayload {
    SubmissionPayload {
        v: 1,
        form: FormRef {
            id: def.id.into(),
            version: def.version.into(),
            sha256: sha256_b64u(&canonicalize_serializable(def)),
        },
        origin: config.origin.clone(),
        aud: config.endpoint.clone(),
        iat: (js_sys::Date::now() / 1000.0) as i64,
        sid: b64u_encode(&random_bytes::<16>()),
        data,
        attestations: attestations
            .into_iter()
            .map(|a| Attestation { id: a.id, version: a.version, text_sha256: a.text_sha256, accepted: true })
            .collect(),
    }
}

/// Sends whatever is in `form`'s outbox, one at a time; the outcome moves `stage` on.
fn send_pending(form: &'static str, endpoint: String, stage: RwSignal<Stage>) {
    let Some(payload) = outbox::pending(form) else { return };
    if stage.get_untracked() == Stage::Sending {
        return;
    }
    send(form, endpoint, payload, stage, true);
}

/// Delivers `payload`, after uploading any of its evidence files the server lacks. `kept`: it is in the outbox, so a network failure means "waiting, will
/// retry"; otherwise (the browser refused to store it) the failure is final for this attempt.
fn send(form: &'static str, endpoint: String, payload: SubmissionPayload, stage: RwSignal<Stage>, kept: bool) {
    stage.set(Stage::Sending);
    leptos::task::spawn_local(async move {
        // The server must hold every document the submission lists before it is sent.
        let target = FileTarget { endpoint: endpoint.clone(), form };
        let delivered = match files::ensure_uploaded(&target, &payload.data).await {
            Ok(()) => deliver(&endpoint, &DeviceSigner::get().await, &payload).await,
            Err(e) => Err(e),
        };
        match delivered {
            Ok(receipt) => {
                outbox::clear(form);
                draft::clear(form);
                stage.set(Stage::Received(receipt));
                files::forget(&payload.data).await;
            }
            Err(DeliveryError::Network(message)) if kept => stage.set(Stage::Waiting(message)),
            Err(failed) => {
                // Sending it again will not help (or cannot happen); the draft stays so the
                // person can fix it or try again.
                outbox::clear(form);
                stage.set(Stage::Failed(failed));
            }
        }
    });
}

/// The delivery of one form on this page: starts what an earlier visit left in the outbox,
/// retries when the browser comes back online and every [`RETRY_MS`].
#[derive(Clone, Copy)]
pub struct Delivery {
    form: &'static str,
    endpoint: StoredValue<String>,
    /// Where the form stands.
    pub stage: RwSignal<Stage>,
}

impl Delivery {
    /// Starts delivery for `form`; call once per widget.
    pub fn start(form: &'static str, config: &Config) -> Delivery {
        let d = Delivery {
            form,
            endpoint: StoredValue::new(config.endpoint.clone()),
            stage: RwSignal::new(Stage::Filling),
        };
        if outbox::pending(form).is_some() {
            d.retry();
        }
        let _online = window_event_listener(leptos::ev::online, move |_| d.retry());
        leptos::task::spawn_local(async move {
            loop {
                gloo_timers::future::TimeoutFuture::new(RETRY_MS).await;
                if matches!(d.stage.get_untracked(), Stage::Waiting(_)) {
                    d.retry();
                }
            }
        });
        d
    }

    /// Sends what is waiting in the outbox now.
    pub fn retry(&self) {
        send_pending(self.form, self.endpoint.get_value(), self.stage);
    }

    /// Puts a signed-off submission in the outbox and sends it.
    pub fn submit(&self, payload: SubmissionPayload) {
        match outbox::put(self.form, &payload) {
            Ok(()) => self.retry(),
            // Storage refused (private mode, full): send directly, without the safety net.
            Err(_) => send(self.form, self.endpoint.get_value(), payload, self.stage, false),
        }
    }

    /// Whether the answers are fixed: sent, or waiting to be.
    pub fn locked(&self) -> bool {
        matches!(self.stage.get(), Stage::Received(_) | Stage::Waiting(_))
    }
}

/// Sending, waiting in the outbox, or refused: what the person needs to know, in words for `what`
/// (e.g. "acknowledgement").
#[component]
pub fn DeliveryStatus(
    /// The form's delivery.
    delivery: Delivery,
    /// What is sent, in words ("acknowledgement", "check").
    what: &'static str,
) -> impl IntoView {
    let stage = delivery.stage;
    move || {
        match stage.get() {
        Stage::Sending => view! { <p class="govuk-body" role="status">{format!("Sending your {what}…")}</p> }.into_any(),
        Stage::Waiting(message) => view! {
            <div class="govuk-notification-banner" role="region" aria-labelledby="careform-outbox-title" data-careform-outbox="waiting">
                <div class="govuk-notification-banner__header">
                    <h2 class="govuk-notification-banner__title" id="careform-outbox-title">"Not sent yet"</h2>
                </div>
                <div class="govuk-notification-banner__content">
                    <p class="govuk-notification-banner__heading">{format!("Your {what} is saved on this device and will be sent when the connection comes back.")}</p>
                    <p class="govuk-body">{message}</p>
                    <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| delivery.retry()>"Try again now"</button>
                </div>
            </div>
        }.into_any(),
        Stage::Failed(e) => view! {
            <div class="govuk-error-summary" role="alert" tabindex="-1">
                <h2 class="govuk-error-summary__title">{format!("Your {what} was not sent")}</h2>
                <div class="govuk-error-summary__body"><p class="govuk-body">{e.to_string()}</p></div>
            </div>
        }.into_any(),
        Stage::Filling | Stage::Received(_) => ().into_any(),
    }
    }
}

/// Keep the receipt: a file anyone can verify (`careform verify receipt`), and a printed page.
#[component]
fn ReceiptActions(receipt: Delivered) -> impl IntoView {
    let file_name = format!("careform-receipt-{}.json", receipt.reference);
    let href = crate::submit::download_url(&receipt.receipt_json);
    view! {
        <div class="govuk-button-group">
            <a class="govuk-button govuk-button--secondary" role="button" draggable="false" href=href download=file_name>
                "Download the signed receipt"
            </a>
            <button
                type="button"
                class="govuk-button govuk-button--secondary"
                on:click=|_| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.print();
                    }
                }
            >
                "Print this page"
            </button>
        </div>
    }
}

/// Every widget's outer frame: the verified receipt once it arrives, where delivery stands, and
/// the form, fixed once sent (or waiting to be) so there is no second, different submission.
#[component]
pub fn Frame(
    /// The form's delivery.
    delivery: Delivery,
    /// What is sent, in words ("acknowledgement", "check").
    what: &'static str,
    /// The receipt panel's title, e.g. "Check received".
    title: &'static str,
    /// A sentence under the receipt: what the server did with it.
    note: &'static str,
    /// Rows shown under Reference and Received, e.g. the code version acknowledged.
    #[prop(optional)]
    rows: Vec<(&'static str, String)>,
    /// The form.
    children: Children,
) -> impl IntoView {
    let stage = delivery.stage;
    let rows = StoredValue::new(rows);
    view! {
        <div class="careform-widget">
            {move || match stage.get() {
                Stage::Received(receipt) => view! {
                    <div
                        class="govuk-panel govuk-panel--confirmation"
                        data-careform-receipt=receipt.reference.clone()
                        data-careform-signer=receipt.signer
                    >
                        <h2 class="govuk-panel__title">{title}</h2>
                        <div class="govuk-panel__body">"Your reference" <br /> <strong>{receipt.reference.clone()}</strong></div>
                    </div>
                    <dl class="govuk-summary-list">
                        <SummaryRow key="Reference" value=receipt.reference.clone() />
                        <SummaryRow key="Received" value=receipt.received_at.clone() />
                        {receipt.refers_to.clone().map(|value| view! { <SummaryRow key="Refers to" value /> })}
                        {rows.get_value().into_iter().map(|(key, value)| view! { <SummaryRow key value /> }).collect_view()}
                    </dl>
                    <p class="govuk-body">{note}</p>
                    <ReceiptActions receipt />
                }.into_any(),
                _ => ().into_any(),
            }}
            <DeliveryStatus delivery what />
            <div hidden=move || delivery.locked()>{children()}</div>
        </div>
    }
}

/// What a widget shows instead of its form when it cannot work (an unknown profile, say).
pub fn unavailable(message: String) -> AnyView {
    view! {
        <div class="govuk-error-summary" role="alert">
            <h2 class="govuk-error-summary__title">"This checker cannot start"</h2>
            <div class="govuk-error-summary__body"><p class="govuk-body">{message}</p></div>
        </div>
    }
    .into_any()
}
