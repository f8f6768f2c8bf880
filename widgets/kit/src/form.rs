//! The form scaffold every widget stands on: its answers as one serde struct, kept as the draft
//! by one effect and put back on load; its errors, given to every control as context; its
//! delivery; and the page around it (receipt, delivery status, error summary, send button).

use careform_rules::{AttestationRef, FormDefinition};
use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::components::{ErrorSummary, Errors, FieldError, provide_errors};
use crate::flow::{self, Delivery, Frame, Stage};
use crate::{Config, draft};

/// A widget's form: what it shows and sends, apart from its answers.
#[derive(Clone, Copy)]
pub struct Form {
    /// The problems shown in the error summary and beside their fields.
    pub errors: Errors,
    /// Where the submission stands once sent.
    pub delivery: Delivery,
    definition: &'static FormDefinition,
    config: StoredValue<Config>,
}

/// Sets up the form `definition` on this page and returns it with its answers: the saved draft's,
/// or `A::default()` when there is none (or it no longer reads as `A`, after a change of
/// questions). Give `A` `#[serde(default)]` so a draft saved before a question was added still
/// loads. From here on every change to the answers is saved, until a receipt arrives.
pub fn use_form<A>(definition: &'static FormDefinition, config: &Config) -> (Form, A)
where
    A: Serialize + DeserializeOwned + Default + Copy + Send + Sync + 'static,
{
    let id = definition.id;
    let answers: A = draft::load(id).and_then(|saved| serde_json::from_value(saved).ok()).unwrap_or_default();
    let errors: Errors = RwSignal::new(Vec::new());
    provide_errors(errors);
    // Where a FileUpload in this form sends the documents chosen.
    provide_context(crate::files::FileTarget { endpoint: config.endpoint.clone(), form: id });
    let delivery = Delivery::start(id, config);
    // Serializing reads every signal in `answers`, so this one effect follows them all.
    Effect::new(move |_| {
        let snapshot = serde_json::to_value(answers).expect("answers serialize");
        if !matches!(delivery.stage.get(), Stage::Received(_)) {
            draft::save(id, &snapshot);
        }
    });
    (Form { errors, delivery, definition, config: StoredValue::new(config.clone()) }, answers)
}

impl Form {
    /// Shows `problems` (or clears them); true when there are none.
    pub fn check(&self, problems: Vec<FieldError>) -> bool {
        let ok = problems.is_empty();
        self.errors.set(problems);
        ok
    }

    /// Signs `data` (and what the person attested) as this form's submission and sends it.
    pub fn send(&self, data: Map<String, Value>, attestations: Vec<AttestationRef>) {
        let payload = self.config.with_value(|config| flow::payload(config, self.definition, data, attestations));
        self.delivery.submit(payload);
    }
}

/// A checker form's `data`: the built-in profile it was checked under and its structured input
/// under `field`, the two members the server reads back (`careform_rules::entry`).
pub fn checker_data(profile: &str, field: &str, value: &impl Serialize) -> Map<String, Value> {
    let mut data = Map::new();
    data.insert("profile".into(), Value::String(profile.to_owned()));
    data.insert(field.into(), serde_json::to_value(value).expect("checker inputs serialize"));
    data
}

/// What a [`FormPage`] says around its questions.
pub struct Wording {
    /// What is sent, in words ("acknowledgement", "check").
    pub what: &'static str,
    /// The receipt panel's title, e.g. "Check received".
    pub title: &'static str,
    /// A sentence under the receipt: what the server did with it.
    pub note: &'static str,
    /// The sentence at the top saying the answers are kept on this device.
    pub draft: &'static str,
    /// The send button's words.
    pub send: &'static str,
}

/// The whole widget around its questions: the receipt once it arrives and where delivery stands
/// ([`Frame`]), the error summary, the note that answers are kept, and the send button. Pressing
/// it runs `on_send`, which checks the answers and calls [`Form::send`].
#[component]
pub fn FormPage(
    /// The form.
    form: Form,
    /// What the page says.
    wording: Wording,
    /// Checks the answers and sends them.
    on_send: impl Fn() + Send + 'static,
    /// Rows shown under Reference and Received on the receipt.
    #[prop(optional)]
    rows: Vec<(&'static str, String)>,
    /// The questions.
    children: Children,
) -> impl IntoView {
    let Wording { what, title, note, draft, send } = wording;
    let stage = form.delivery.stage;
    view! {
        <Frame delivery=form.delivery what title note rows>
            <form novalidate on:submit=move |ev| {
                ev.prevent_default();
                on_send();
            }>
                <ErrorSummary />
                <p class="govuk-body govuk-!-font-size-16" data-careform-draft>{draft}</p>
                {children()}
                <button type="submit" class="govuk-button" disabled=move || stage.get() == Stage::Sending>{send}</button>
            </form>
        </Frame>
    }
}

/// The built-in policy profile the element's `profile` attribute names (or `default`), or the
/// message to show instead of the form.
pub fn profile(config: &Config, default: &str) -> Result<StoredValue<careform_rules::task_scope::Profile>, AnyView> {
    let id = config.profile.as_deref().unwrap_or(default);
    careform_rules::task_scope::Profile::built_in(id)
        .map(StoredValue::new)
        .map_err(|e| flow::unavailable(e.to_string()))
}
