//! The form kit: GOV.UK Design System patterns as Leptos components, accessible by construction,
//! one file per component as GOV.UK Frontend keeps one folder per component.
//!
//! Every control has a label; hints and errors are tied to it with `aria-describedby`; errors set
//! `aria-invalid` and carry a visually hidden "Error:" prefix, so nothing depends on colour.
//! A control finds its own error in the form's [`FormErrors`] context by its id, so callers never
//! pass errors around; outside a form (a test, a preview) there are none.

use leptos::prelude::*;
use wasm_bindgen::JsCast as _;

mod add_another;
mod character_count;
mod checkboxes;
mod confirm;
mod date_input;
mod error_summary;
mod fieldset;
mod file_upload;
mod problems;
mod radios;
mod summary_list;
mod tag;
mod task_list;
mod text_input;

pub use add_another::{AddAnother, AddAnotherList, Editing, List, Row, RowActions, indefinite_article};
pub use character_count::CharacterCount;
pub use checkboxes::{CheckboxOption, Checkboxes};
pub use confirm::Confirm;
pub use date_input::{DateInput, DateParts};
pub use error_summary::ErrorSummary;
pub use fieldset::Fieldset;
pub use file_upload::{FileUpload, default_hint};
pub use problems::Problems;
pub use radios::{ChoiceOption, RadioOption, Radios};
pub use summary_list::SummaryRow;
pub use tag::{Verdict, outcome_tag};
pub use task_list::{Task, TaskList, TaskStatus};
pub use text_input::TextInput;

/// An id or label: a literal, or a string built at run time (a list row's ids).
pub type Text = Oco<'static, str>;

/// One problem with one field, as shown in the error summary and beside the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The id of the control to focus (the first input of a group).
    pub target: String,
    /// What to do, written for this field in the GOV.UK style ("Enter your full name").
    pub message: String,
}

impl FieldError {
    /// The problem `message` with the field `target`.
    pub fn new(target: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError { target: target.into(), message: message.into() }
    }
}

/// The errors of a whole form, in the order of its fields.
pub type Errors = RwSignal<Vec<FieldError>>;

/// The form's errors as context: what every control and the error summary read.
#[derive(Clone, Copy)]
pub struct FormErrors(pub Errors);

/// Makes `errors` the errors every control below the current component reads.
pub fn provide_errors(errors: Errors) {
    provide_context(FormErrors(errors));
}

/// The form's errors from context; an empty list that nothing fills outside a form.
pub fn use_errors() -> Errors {
    use_context::<FormErrors>().map_or_else(|| RwSignal::new(Vec::new()), |FormErrors(e)| e)
}

/// The message for the field `target`, if the form has one.
pub fn error_for(target: impl Into<String>) -> Signal<Option<String>> {
    let errors = use_errors();
    let target = target.into();
    Signal::derive(move || errors.with(|e| e.iter().find(|f| f.target == target).map(|f| f.message.clone())))
}

/// A field's error (found in the form's errors by its id) and its `aria-describedby`: its hint
/// and its error, when present.
pub(crate) fn field_state(
    id: &str,
    has_hint: bool,
) -> (Signal<Option<String>>, impl Fn() -> Option<String> + Send + Sync + 'static + use<>) {
    let error = error_for(id);
    let id = id.to_owned();
    (error, move || described_by(&id, has_hint, error.get().is_some()))
}

fn described_by(id: &str, has_hint: bool, has_error: bool) -> Option<String> {
    let ids: Vec<String> = [has_hint.then(|| format!("{id}-hint")), has_error.then(|| format!("{id}-error"))]
        .into_iter()
        .flatten()
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// Focuses a control by id inside the same shadow root (or document) as `from`; in-page links
/// cannot reach into a shadow root, so the error summary's links do this instead.
pub fn focus_by_id(from: &web_sys::Element, id: &str) {
    let root = from.get_root_node();
    let target = match root.dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.get_element_by_id(id),
        None => root.dyn_ref::<web_sys::Document>().and_then(|d| d.get_element_by_id(id)),
    };
    if let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
        el.scroll_into_view();
    }
}

/// The error message paragraph under a label or legend (`{id}-error`).
#[component]
pub fn ErrorMessage(
    /// The field's id.
    #[prop(into)]
    id: Text,
    /// The message, while there is one.
    message: Signal<Option<String>>,
) -> impl IntoView {
    move || {
        message.get().map(|m| {
            view! {
                <p class="govuk-error-message" id=format!("{id}-error")>
                    <span class="govuk-visually-hidden">"Error: "</span>
                    {m}
                </p>
            }
        })
    }
}

/// The hint under a label or legend (`{id}-hint`), when there is one.
pub(crate) fn hint_view(id: &str, hint: Option<Text>) -> impl IntoView + use<> {
    let id = format!("{id}-hint");
    hint.map(|h| view! { <div class="govuk-hint" id=id>{h}</div> })
}

pub(crate) fn group_class(error: Signal<Option<String>>) -> impl Fn() -> &'static str + Copy {
    move || if error.get().is_some() { "govuk-form-group govuk-form-group--error" } else { "govuk-form-group" }
}

/// An input's classes: the base, an optional width, and the error modifier while in error.
pub(crate) fn input_class(
    base: &'static str,
    width: Option<&'static str>,
    error: Signal<Option<String>>,
) -> impl Fn() -> String {
    move || {
        let mut c = String::from(base);
        for extra in [width, error.get().map(|_| "govuk-input--error")].into_iter().flatten() {
            c.push(' ');
            c.push_str(extra);
        }
        c
    }
}
