//! `<careform-pa-acknowledgement>`: a personal assistant reads Together! 2012 CIC's code of
//! practice, clause by clause, confirms it, and sends a signed acknowledgement.

use careform_rules::pa::{CODE_ID, asks_employer_name, asks_reports_to_contact, current_code};
use careform_rules::{AttestationRef, CheckError, Outcome};
use leptos::prelude::*;
use serde_json::{Map, Value};

use careform_kit::components::{Confirm, DateInput, DateParts, FieldError, RadioOption, Radios, TextInput};
use careform_kit::form::{Form, FormPage, Wording, use_form};
use careform_kit::{Config, today};
use serde::{Deserialize, Serialize};

/// The answers, one signal per question: saved as the draft as they are typed.
#[derive(Clone, Copy, Default, Serialize, Deserialize)]
#[serde(default)]
struct Answers {
    confirm: RwSignal<bool>,
    pa_name: RwSignal<String>,
    supporter_role: RwSignal<String>,
    client_name: RwSignal<String>,
    employer: RwSignal<String>,
    employer_name: RwSignal<String>,
    activity_setting: RwSignal<String>,
    activity_date: DateParts,
    reports_to: RwSignal<String>,
    reports_to_contact: RwSignal<String>,
    manager_informed: RwSignal<bool>,
    kitchen_cleared: RwSignal<String>,
    food_hygiene_training_date: DateParts,
    signature: RwSignal<String>,
}

impl Answers {
    /// The form's `data`, exactly as the rules and the server read it.
    fn data(&self) -> Map<String, Value> {
        let mut d = Map::new();
        let mut put = |k: &str, v: String| {
            if !v.trim().is_empty() {
                d.insert(k.to_owned(), Value::String(v.trim().to_owned()));
            }
        };
        put("request", request_from_page());
        put("pa_name", self.pa_name.get());
        put("supporter_role", self.supporter_role.get());
        put("client_name", self.client_name.get());
        put("employer", self.employer.get());
        if asks_employer_name(&self.employer.get()) {
            put("employer_name", self.employer_name.get());
        }
        put("activity_setting", self.activity_setting.get());
        put("activity_date", self.activity_date.text());
        put("reports_to", self.reports_to.get());
        if asks_reports_to_contact(&self.reports_to.get()) {
            put("reports_to_contact", self.reports_to_contact.get());
            put("manager_informed_of_code", if self.manager_informed.get() { "yes" } else { "no" }.into());
        }
        put("kitchen_cleared", self.kitchen_cleared.get());
        if self.kitchen_cleared.get() == "yes" {
            put("food_hygiene_training_date", self.food_hygiene_training_date.text());
        }
        put("signature", self.signature.get());
        put("signed_date", careform_rules::date::format_iso(today()));
        d
    }

    fn attestations(&self) -> Vec<AttestationRef> {
        let code = current_code();
        if self.confirm.get() {
            vec![AttestationRef { id: CODE_ID.into(), version: code.version.into(), text_sha256: code.text_sha256() }]
        } else {
            vec![]
        }
    }
}

/// The staff-issued link's token, from the page's `?request=` (empty when the PA came without one).
fn request_from_page() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| web_sys::UrlSearchParams::new_with_str(&q).ok())
        .and_then(|p| p.get("request"))
        .unwrap_or_default()
}

/// Runs the same rules the server runs; returns the problems to show, in field order.
fn validate(answers: &Answers) -> Vec<FieldError> {
    match careform_rules::pa::check_data(&answers.data(), &answers.attestations(), today()) {
        Err(CheckError::Invalid(problems)) => {
            problems.into_iter().map(|(target, message)| FieldError::new(target, message)).collect()
        }
        Err(other) => vec![FieldError::new("confirm", other.to_string())],
        Ok(report) => report
            .findings
            .into_iter()
            .filter(|f| f.outcome == Outcome::Fail)
            .map(|f| FieldError::new(f.field.unwrap_or_else(|| "confirm".into()), f.message))
            // PA-03 to PA-22 each fail on one missing attestation: show that problem once.
            .fold(Vec::new(), |mut shown: Vec<FieldError>, e| {
                if !shown.contains(&e) {
                    shown.push(e);
                }
                shown
            }),
    }
}

/// The whole widget.
#[component]
pub fn PaAcknowledgement(config: Config) -> impl IntoView {
    let (form, answers): (Form, Answers) = use_form(&careform_rules::pa::DEFINITION, &config);
    let code = current_code().text();
    let on_send = move || {
        if form.check(validate(&answers)) {
            form.send(answers.data(), answers.attestations());
        }
    };
    let wording = Wording {
        what: "acknowledgement",
        title: "Acknowledgement received",
        note: "The server signed this receipt; it was checked against the server's published key.",
        draft: "Your answers are kept on this device as you type, until your acknowledgement is received.",
        send: "Send acknowledgement",
    };
    let code_version = current_code().version.to_owned();
    view! {
        <FormPage form wording on_send rows=vec![("Code version", code_version)]>
            <h2 class="govuk-heading-m">{code.title.clone()}</h2>
            {code.paragraphs.iter().map(|p| view! { <p class="govuk-body">{p.clone()}</p> }).collect_view()}
            <ul class="govuk-list govuk-list--bullet">
                {code.clauses.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}
            </ul>
            <Confirm id="confirm" label="I have read this Code of Practice and I will follow it" checked=answers.confirm />
            <h2 class="govuk-heading-m">"About you"</h2>
            <TextInput id="pa_name" label="Your full name" value=answers.pa_name autocomplete="name" />
            <Radios
                id="supporter_role"
                legend="Your role"
                value=answers.supporter_role
                options=RadioOption::list(&[
                    ("pa_or_support_worker", "Personal assistant or support worker"),
                    ("family_carer_participating", "Family carer taking part in your own right"),
                    ("interpreter", "BSL or other interpreter"),
                ])
            />
            <TextInput id="client_name" label="Your client's name" value=answers.client_name />
            <Radios
                id="employer"
                legend="Who employs you"
                value=answers.employer
                options=RadioOption::list(&[("client", "My client"), ("agency", "An agency"), ("other", "Someone else")])
            />
            // Shown exactly when the rules ask for it (agency or someone else).
            <div hidden=move || !asks_employer_name(&answers.employer.get())>
                <TextInput id="employer_name" label="Your employer's name" value=answers.employer_name />
            </div>
            <Radios
                id="activity_setting"
                legend="Where you will support your client"
                value=answers.activity_setting
                options=RadioOption::list(&[
                    ("main_base", "At Together! 2012's main activity base"),
                    ("home_based", "In a home-based activity"),
                    ("other", "Somewhere else"),
                ])
            />
            <DateInput id="activity_date" legend="Activity date (optional)" hint="For example, 27 3 2027" value=answers.activity_date />
            <Radios
                id="reports_to"
                legend="Who you report back to"
                value=answers.reports_to
                options=RadioOption::list(&[("none", "No one"), ("manager", "A manager"), ("carer", "A carer")])
            />
            // Shown exactly when the rules ask for it (a manager or a carer).
            <div hidden=move || !asks_reports_to_contact(&answers.reports_to.get())>
                <TextInput id="reports_to_contact" label="Their name and contact details" value=answers.reports_to_contact />
                <Confirm id="manager_informed_of_code" label="I will tell them about this code and how it relates to my role" checked=answers.manager_informed />
            </div>
            <Radios
                id="kitchen_cleared"
                legend="Have you been cleared to use the kitchen?"
                value=answers.kitchen_cleared
                options=vec![
                    RadioOption::new("yes", "Yes").reveal(view! {
                        <DateInput id="food_hygiene_training_date" legend="Date of your food hygiene training" value=answers.food_hygiene_training_date />
                    }),
                    RadioOption::new("no", "No"),
                ]
            />
            <h2 class="govuk-heading-m">"Sign"</h2>
            <TextInput
                id="signature"
                label="Type your full name to sign"
                hint="Signing confirms the answers above and your acknowledgement of the code."
                value=answers.signature
            />
            <p class="govuk-body">{format!("Date signed: {}", careform_rules::date::format_long(today()))}</p>
        </FormPage>
    }
}
