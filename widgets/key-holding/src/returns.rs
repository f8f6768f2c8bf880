//! Closing an agreement: the date the keys came back, to whom, and how many copies, checked with
//! the same rules, sent as a second signed submission that names the agreement's reference.

use careform_kit::components::{DateInput, DateParts, FieldError, SummaryRow, TextInput};
use careform_kit::form::{Form, FormPage, Wording};
use careform_kit::today;
use careform_rules::date::{format_long, parse_iso};
use careform_rules::key_holding::{Return, check_agreement};
use careform_rules::task_scope::Profile;
use leptos::prelude::*;

use crate::held::Held;
use crate::results::Results;

/// The return's answers.
#[derive(Clone, Copy, Default)]
struct ReturnAnswers {
    date: DateParts,
    to: RwSignal<String>,
    copies: RwSignal<String>,
}

impl ReturnAnswers {
    fn returned(&self) -> Result<Return, Vec<FieldError>> {
        let mut e = Vec::new();
        let date = self.date.text();
        if parse_iso(&date).is_none() {
            e.push(FieldError::new("returned_date", "Enter the date the keys were returned as a real date"));
        }
        if self.to.get().trim().is_empty() {
            e.push(FieldError::new("returned_to", "Enter who the keys were returned to"));
        }
        let copies = self.copies.get().trim().parse::<u32>();
        if copies.is_err() {
            e.push(FieldError::new("returned_copies", "Enter the number of copies returned as a whole number"));
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(Return { date, to: self.to.get().trim().to_owned(), copies: copies.unwrap_or_default() })
    }
}

/// The return of one held agreement's keys.
#[component]
pub(crate) fn ReturnPage(form: Form, held: Held, profile: StoredValue<Profile>) -> impl IntoView {
    let answers = ReturnAnswers::default();
    let held = StoredValue::new(held);
    let report = Memo::new(move |_| {
        let returned = answers.returned().ok()?;
        let mut agreement = held.with_value(|h| h.agreement.clone());
        agreement.returned = Some(returned);
        profile.with_value(|p| check_agreement(&agreement, p, today())).ok()
    });
    let on_send = move || {
        let returned = untrack(|| answers.returned());
        let Ok(returned) = returned else {
            form.check(returned.err().unwrap_or_default());
            return;
        };
        form.check(vec![]);
        let mut h = held.get_value();
        h.agreement.returned = Some(returned);
        form.send(h.data(), vec![]);
    };
    let wording = Wording {
        what: "return",
        title: "Return received",
        note: "The server checked the return against the agreement it names, with the same rules. This receipt was checked against the server's published key.",
        draft: "This return refers to the agreement below by its reference.",
        send: "Send the return",
    };
    let (client, reference, keys, by) = held.with_value(|h| {
        let a = &h.agreement;
        let keys: Vec<String> = a.keys.iter().map(|k| format!("{} ({}, {})", k.tag, k.doors, k.copies)).collect();
        let by = parse_iso(&a.planned_end_date).map(format_long).unwrap_or_default();
        (a.client.reference.clone(), h.reference.clone(), keys.join("; "), by)
    });
    let marked = reference.clone();
    view! {
        <FormPage form wording on_send>
            <h2 class="govuk-heading-m">"Record the return of the keys"</h2>
            <dl class="govuk-summary-list" data-careform-agreement=marked>
                <SummaryRow key="Agreement reference" value=reference />
                <SummaryRow key="Client" value=client />
                <SummaryRow key="Keys" value=keys />
                <SummaryRow key="Planned end date" value=by />
            </dl>
            <DateInput id="returned_date" legend="When were the keys returned?" hint="For example, 1 12 2026" value=answers.date />
            <TextInput id="returned_to" label="Who were they returned to?" hint="The client, or the person with authority who signs for them" value=answers.to />
            <TextInput id="returned_copies" label="How many copies were returned?" value=answers.copies width_class="govuk-input--width-3" />
            <h2 class="govuk-heading-m">"Check the return"</h2>
            {move || match report.get() {
                Some(report) => view! { <Results report /> }.into_any(),
                None => view! { <p class="govuk-body">"Enter the date, who to and how many copies to see the check."</p> }.into_any(),
            }}
        </FormPage>
    }
}
