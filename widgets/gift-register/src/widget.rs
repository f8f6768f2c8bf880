//! `<careform-gift-register>`: a worker or the office records each offer made on a visit (date,
//! client reference, who offered what, its rough value, what happened), sees at once whether it is
//! a breach and what to do next (return it, tell the manager, tell the commissioner by when), and
//! sends the signed entry. The server re-checks it with the same rules.

use careform_kit::components::{AddAnotherList, FieldError, List, TextInput};
use careform_kit::form::{self, Form, FormPage, Wording, use_form};
use careform_kit::{Config, today};
use careform_rules::CheckError;
use careform_rules::gift_register::{self, DEFAULT_PROFILE, Offer, Provider, Register, check_register};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::offer::{OfferForm, Offers};
use crate::results::RegisterResults;

/// The answers, saved as the draft as they are typed (all but an offer not yet saved).
#[derive(Clone, Copy, Default, Serialize, Deserialize)]
#[serde(default)]
struct Answers {
    provider: RwSignal<String>,
    offers: List<Offer>,
}

impl Answers {
    /// Everything typed, as the rules read it.
    fn register(&self) -> Register {
        Register {
            provider: Provider { name: self.provider.get().trim().to_owned(), belongings_guidelines: None },
            offers: self.offers.values(),
        }
    }

    /// What must be answered before sending.
    fn missing(&self, offers: AddAnotherList<Offer>) -> Vec<FieldError> {
        let mut found = Vec::new();
        if self.provider.get().trim().is_empty() {
            found.push(FieldError::new("provider", "Enter the provider's name"));
        }
        if offers.is_open() {
            found.push(FieldError::new("offer_date", "Save or cancel the offer you are recording"));
        } else if self.offers.is_empty() {
            found.push(FieldError::new("add_offer", "Add the offer you are recording"));
        }
        found
    }
}

/// The whole widget.
#[component]
pub fn GiftRegister(config: Config) -> impl IntoView {
    let profile = match form::profile(&config, DEFAULT_PROFILE) {
        Ok(p) => p,
        Err(message) => return message,
    };
    let (form, answers): (Form, Answers) = use_form(&gift_register::DEFINITION, &config);
    let offers = AddAnotherList::new(answers.offers);
    let editor = OfferForm::default();

    let result = Memo::new(move |_| {
        let register = answers.register();
        (!register.offers.is_empty()).then(|| profile.with_value(|p| check_register(&register, p, today())))
    });
    let report = move || result.get().and_then(Result::ok);
    let offer_reports = Signal::derive(move || report().map(|r| r.parts.offers).unwrap_or_default());

    let on_send = move || {
        let mut found = untrack(|| answers.missing(offers));
        let register = untrack(|| answers.register());
        if found.is_empty()
            && let Err(CheckError::Invalid(p)) = profile.with_value(|p| check_register(&register, p, today()))
        {
            found.extend(p.into_iter().map(|(field, why)| FieldError::new("add_offer", format!("{field}: {why}"))));
        }
        if !form.check(found) {
            return;
        }
        form.send(profile.with_value(|p| form::checker_data(&p.id, "register", &register)), vec![]);
    };
    let wording = Wording {
        what: "register entry",
        title: "Register entry received",
        note: "The server checked the entry again with the same rules and keeps it, breaches included. This receipt was checked against the server's published key.",
        draft: "Your answers are kept on this device as you type (all but an offer you have not saved yet), until the entry is received.",
        send: "Send this entry",
    };

    view! {
        <FormPage form wording on_send>
            <TextInput id="provider" label="Provider" hint="The care provider that keeps this register" value=answers.provider autocomplete="organization" />
            <h2 class="govuk-heading-m">"Offers"</h2>
            <p class="govuk-body">"Record every offer, including ones that were declined. Add each offer made on the visit."</p>
            <Offers offers editor reports=offer_reports profile />
            <h2 class="govuk-heading-m">"Check your answers"</h2>
            {move || report().map(|report| view! { <RegisterResults report /> })}
        </FormPage>
    }
    .into_any()
}
