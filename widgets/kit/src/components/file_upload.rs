//! GOV.UK file upload, for evidence documents.
//!
//! ```ignore
//! let policy = RwSignal::new(None::<EvidenceItem>);
//! view! { <FileUpload id="complaints-policy" kind="complaints_policy" label="Complaints policy" value=policy /> }
//! ```
//! Choosing a file checks it here (size, and type read from its bytes, as the server does), keeps
//! it on this device and uploads it (see [`crate::files`]); `value` then holds the evidence item to
//! put in the form's `data.evidence`. A file that fails the checks shows the GOV.UK message beside
//! the control and in the error summary, and leaves `value` empty. Inside a form made by
//! `use_form` files go to its server; elsewhere they are only kept on the device.

use leptos::prelude::*;
use wasm_bindgen::JsCast as _;

use super::{ErrorMessage, Text, field_state, group_class, hint_view, use_errors};
use crate::files::{EvidenceItem, FileTarget, choose, size_text};

/// What the file picker offers (the server reads the type from the bytes whatever the name).
const ACCEPT: &str = ".pdf,.jpg,.jpeg,.png,.docx,.odt,application/pdf,image/jpeg,image/png,\
                      application/vnd.openxmlformats-officedocument.wordprocessingml.document,\
                      application/vnd.oasis.opendocument.text";

/// The hint when none is given: the types and the size limit.
pub fn default_hint() -> String {
    format!("The file must be a {}, smaller than 10MB", careform_rules::files::allowed_types_text())
}

/// A file upload with label, hint (the accepted types and size unless given) and its error.
#[component]
pub fn FileUpload(
    /// The control's id (and `name`); hint and error ids derive from it, and its error is found by it.
    #[prop(into)]
    id: Text,
    /// The evidence kind the item gets, e.g. `complaints_policy`.
    kind: &'static str,
    /// The visible label.
    #[prop(into)]
    label: Text,
    /// Hint text under the label; by default the accepted types and the size limit.
    #[prop(optional, into)]
    hint: Option<Text>,
    /// The evidence item of the file chosen, once it is checked and kept.
    value: RwSignal<Option<EvidenceItem>>,
) -> impl IntoView {
    let hint = hint.unwrap_or_else(|| default_hint().into());
    let (error, describe) = field_state(&id, true);
    let errors = use_errors();
    let target = use_context::<FileTarget>();
    let busy = RwSignal::new(None::<String>);
    let field = id.to_string();
    let show_error = move |message: Option<String>| {
        errors.update(|list| {
            list.retain(|e| e.target != field);
            if let Some(m) = message {
                list.push(super::FieldError::new(field.clone(), m));
            }
        });
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        busy.set(Some(file.name()));
        let target = target.clone();
        let show_error = show_error.clone();
        leptos::task::spawn_local(async move {
            match choose(target.as_ref(), kind, &file).await {
                Ok(item) => {
                    show_error(None);
                    value.set(Some(item));
                }
                Err(message) => {
                    value.set(None);
                    input.set_value("");
                    show_error(Some(message));
                }
            }
            busy.set(None);
        });
    };
    let status_id = format!("{id}-status");
    view! {
        <div class=group_class(error)>
            <label class="govuk-label" for=id.clone()>{label}</label>
            {hint_view(&id, Some(hint))}
            <ErrorMessage id=id.clone() message=error />
            <input
                class=move || if error.get().is_some() { "govuk-file-upload govuk-file-upload--error" } else { "govuk-file-upload" }
                id=id.clone()
                name=id.clone()
                type="file"
                accept=ACCEPT
                aria-describedby=describe
                aria-invalid=move || error.get().map(|_| "true")
                on:change=on_change
            />
            <p class="govuk-body govuk-!-margin-top-2" id=status_id role="status" data-careform-file=move || value.get().map(|v| v.sha256)>
                {move || match (busy.get(), value.get()) {
                    (Some(name), _) => format!("Checking and saving {name}…"),
                    (None, Some(item)) => format!("{} ({}) is ready to send.", item.name, size_text(item.bytes)),
                    (None, None) => String::new(),
                }}
            </p>
        </div>
    }
}
