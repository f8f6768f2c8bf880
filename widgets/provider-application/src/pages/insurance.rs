//! Insurance: the policies, asked exactly as `<careform-dbs-insurance>` asks them (the kit's
//! policy questions), checked by the same validator.

use careform_kit::parts::{PolicyBlocks, PolicyKind};
use leptos::prelude::*;

use crate::answers::Answers;

/// The policies the enterprise needs.
#[component]
pub(crate) fn InsurancePage(answers: Answers) -> impl IntoView {
    view! {
        <p class="govuk-body">"Give the details from each policy's certificate or schedule. Employers' liability is asked once anyone other than you is paid."</p>
        <PolicyBlocks policies=answers.policies asks=move |kind: &PolicyKind| answers.asks(kind) />
    }
}
