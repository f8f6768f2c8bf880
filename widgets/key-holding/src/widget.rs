//! `<careform-key-holding>`: the key-holding agreement itself (reason, dates with the return-by
//! date, keys and their tags, storage, who signs and, where the client lacks capacity, who signs
//! for them, the manager's approval), checked as it is typed with the rules the server applies,
//! signed and sent; and later its return, a second signed submission naming the agreement.

use careform_kit::components::{AddAnotherList, Confirm, DateInput, FieldError, RadioOption, Radios, TextInput};
use careform_kit::flow::Stage;
use careform_kit::form::{self, Form, FormPage, Wording, use_form};
use careform_kit::{Config, today};
use careform_rules::CheckError;
use careform_rules::date::{format_long, parse_iso};
use careform_rules::key_holding::{self, DEFAULT_PROFILE, check_agreement};
use careform_rules::task_scope::Profile;
use leptos::prelude::*;

use crate::answers::Answers;
use crate::held::{self, Held};
use crate::keys::{KeyForm, Keys};
use crate::results::Results;
use crate::returns::ReturnPage;

/// The whole widget: the agreement, or the return of one this device holds.
#[component]
pub fn KeyHolding(config: Config) -> impl IntoView {
    let profile = match form::profile(&config, DEFAULT_PROFILE) {
        Ok(p) => p,
        Err(message) => return message,
    };
    let (form, answers): (Form, Answers) = use_form(&key_holding::DEFINITION, &config);
    let open = RwSignal::new(held::all());
    let returning: RwSignal<Option<Held>> = RwSignal::new(None);
    // Each receipt moves the list of keys held on: an agreement joins it, a return leaves it.
    Effect::new(move |_| {
        if let Stage::Received(r) = form.delivery.stage.get() {
            held::received(&r.reference, r.refers_to.as_deref());
            open.set(held::all());
            if r.refers_to.is_none() {
                untrack(|| answers.clear());
            }
        }
    });
    let start_return = move |h: Held| {
        form.check(vec![]);
        returning.set(Some(h));
        form.delivery.stage.set(Stage::Filling);
    };
    view! {
        {move || match returning.get() {
            Some(held) => view! { <ReturnPage form held profile /> }.into_any(),
            None => view! { <AgreementPage form answers profile /> }.into_any(),
        }}
        <HeldList open returning start_return />
    }
    .into_any()
}

/// The agreements whose keys are still held, each with a button to record the return.
#[component]
fn HeldList(
    open: RwSignal<Vec<Held>>,
    returning: RwSignal<Option<Held>>,
    start_return: impl Fn(Held) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let shown = move || returning.get().is_none() && !open.get().is_empty();
    view! {
        <div hidden=move || !shown()>
            <h2 class="govuk-heading-m">"Keys you hold"</h2>
            <dl class="govuk-summary-list">
                {move || open.get().into_iter().map(|h| {
                    let a = &h.agreement;
                    let label = format!("Record the return of keys for {} ({})", a.client.reference, h.reference);
                    let by = parse_iso(&a.planned_end_date).map(format_long).unwrap_or_default();
                    let text = format!("{}: return by {by}", a.keys.iter().map(|k| k.tag.as_str()).collect::<Vec<_>>().join(", "));
                    let reference = h.reference.clone();
                    view! {
                        <div class="govuk-summary-list__row" data-careform-held=reference.clone()>
                            <dt class="govuk-summary-list__key">{format!("{} ({reference})", a.client.reference)}</dt>
                            <dd class="govuk-summary-list__value">{text}</dd>
                            <dd class="govuk-summary-list__actions">
                                <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" on:click=move |_| start_return(h.clone())>{label}</button>
                            </dd>
                        </div>
                    }
                }).collect_view()}
            </dl>
        </div>
    }
}

/// The agreement's questions, its live verdict and its sending.
#[component]
fn AgreementPage(form: Form, answers: Answers, profile: StoredValue<Profile>) -> impl IntoView {
    let keys = AddAnotherList::new(answers.keys);
    let editor = KeyForm::default();
    let client = Signal::derive(move || answers.client());
    let report = Memo::new(move |_| {
        answers.agreement().ok().and_then(|a| profile.with_value(|p| check_agreement(&a, p, today())).ok())
    });
    let on_send = move || {
        let mut found = untrack(|| answers.missing(keys.is_open()));
        let checked = untrack(|| answers.agreement());
        match &checked {
            Err(e) => found.extend(e.iter().cloned()),
            Ok(a) => {
                if let Err(CheckError::Invalid(p)) = profile.with_value(|p| check_agreement(a, p, today())) {
                    found.extend(
                        p.into_iter().map(|(field, why)| FieldError::new("provider", format!("{field}: {why}"))),
                    );
                }
            }
        }
        let Ok(agreement) = checked else {
            form.check(found);
            return;
        };
        if !form.check(found) {
            return;
        }
        let sent = Held { reference: String::new(), profile: profile.with_value(|p| p.id.clone()), agreement };
        held::sending(&sent);
        form.send(sent.data(), vec![]);
    };
    let wording = Wording {
        what: "agreement",
        title: "Agreement received",
        note: "The server checked the agreement again with the same rules. Keep the reference: the return of the keys refers to it. This receipt was checked against the server's published key.",
        draft: "Your answers are kept on this device as you type (all but a key you have not saved yet), until the agreement is received.",
        send: "Send the agreement",
    };
    view! {
        <FormPage form wording on_send>
            <h2 class="govuk-heading-m">"Who and why"</h2>
            <TextInput id="provider" label="Provider's name" value=answers.provider autocomplete="organization" />
            <TextInput id="client_ref" label="Client's reference" hint="Your reference for the client, for example C-2291" value=answers.client_ref width_class="govuk-input--width-10" />
            <TextInput id="client_name" label="Client's name" hint="Used only to check that no key tag carries it" value=answers.client_name autocomplete="off" />
            <Radios id="capacity" legend="Does the client have capacity to agree to you holding their keys?" value=answers.capacity inline=true options=RadioOption::yes_no() />
            <Radios id="reason" legend="Why must you hold the keys?" hint="Holding a client's keys is very exceptional: only in an emergency, for two weeks at most." value=answers.reason options=RadioOption::list(&[
                ("carer_sudden_incapacity", "The informal carer who lets us in is suddenly unable to"),
                ("other_emergency", "Another emergency"),
                ("routine", "As a matter of routine"),
                ("convenience", "It is more convenient"),
                ("other", "Something else (a manager reviews it)"),
            ]) />
            <TextInput id="reason_text" label="Describe the reason" hint="Needed when the reason is something else" value=answers.reason_text />
            <h2 class="govuk-heading-m">"Dates"</h2>
            <DateInput id="start" legend="When do you start holding the keys?" hint="For example, 20 11 2026" value=answers.start />
            <DateInput id="end" legend="When will you return them by?" hint="At most 14 days after the start" value=answers.end />
            <h2 class="govuk-heading-m">"Keys and where they are kept"</h2>
            <Keys keys editor client />
            <Radios id="storage" legend="Where are the keys kept between visits?" value=answers.storage options=vec![
                RadioOption::new("office_safe", "In the office safe"),
                RadioOption::new("locked_cabinet", "In a locked cabinet"),
                RadioOption::new("key_safe_at_home", "In a key safe at the client's home"),
                RadioOption::new("carried_by_worker", "The worker carries them").reveal(view! {
                    <TextInput id="handling" label="Your secure handling procedure" hint="How the keys are signed out, carried and signed back in" value=answers.handling />
                }),
            ] />
            <Confirm id="no_duplicates" label="No duplicate keys will be made or obtained" checked=answers.no_duplicates />
            <h2 class="govuk-heading-m">"Agreement and approval"</h2>
            <Radios id="role" legend="Who signed the agreement?" hint="If the client lacks capacity, an attorney for property, a deputy or next of kin signs; where there is none, a social worker recording a best-interests decision." value=answers.role options=vec![
                RadioOption::new("client", "The client"),
                RadioOption::new("lpa_property", "An attorney for property and financial affairs"),
                RadioOption::new("deputy", "A deputy appointed by the Court of Protection"),
                RadioOption::new("next_of_kin", "Next of kin"),
                RadioOption::new("social_worker_best_interests", "A social worker, as a best-interests decision").reveal(view! {
                    <TextInput id="best_interests" label="Where the best-interests decision is recorded" value=answers.best_interests />
                }),
            ] />
            <TextInput id="signatory" label="Name of the person who signed" value=answers.signatory autocomplete="off" />
            <DateInput id="signed" legend="Date signed" value=answers.signed />
            <TextInput id="manager" label="Manager who approved it" value=answers.manager autocomplete="off" />
            <DateInput id="approved" legend="Date the manager approved it" hint="On or before the start date" value=answers.approved />
            <TextInput id="care_plan" label="Care plan reference" hint="Where the care plan records that you hold the keys" value=answers.care_plan width_class="govuk-input--width-10" />
            <h2 class="govuk-heading-m">"Check the agreement"</h2>
            {move || match report.get() {
                Some(report) => view! { <Results report /> }.into_any(),
                None => view! { <p class="govuk-body">"Enter the start and planned end dates to see the check and the date the keys must be back by."</p> }.into_any(),
            }}
        </FormPage>
    }
}
