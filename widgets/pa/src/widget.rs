//! `<careform-pa-acknowledgement>`: a personal assistant reads Together! 2012 CIC's code of
//! practice, clause by clause, confirms it, and sends a signed acknowledgement.

use careform_rules::pa::{CODE_ID, ID, asks_employer_name, asks_reports_to_contact, current_code};
use careform_rules::{AttestationRef, CheckError, Outcome};
use leptos::prelude::*;
use serde_json::{Map, Value};

use careform_kit::components::{
    Confirm, DateInput, ErrorSummary, Errors, FieldError, RadioOption, Radios, TextInput, date_text, error_for,
};
use careform_kit::flow::{self, Delivery, Frame, Stage};
use careform_kit::{Config, draft, today};

/// The answers, one signal per field.
#[derive(Clone, Copy)]
struct Answers {
    confirm: RwSignal<bool>,
    pa_name: RwSignal<String>,
    supporter_role: RwSignal<String>,
    client_name: RwSignal<String>,
    employer: RwSignal<String>,
    employer_name: RwSignal<String>,
    activity_setting: RwSignal<String>,
    activity_day: RwSignal<String>,
    activity_month: RwSignal<String>,
    activity_year: RwSignal<String>,
    reports_to: RwSignal<String>,
    reports_to_contact: RwSignal<String>,
    manager_informed: RwSignal<bool>,
    kitchen_cleared: RwSignal<String>,
    hygiene_day: RwSignal<String>,
    hygiene_month: RwSignal<String>,
    hygiene_year: RwSignal<String>,
    signature: RwSignal<String>,
}

impl Answers {
    fn new() -> Self {
        let s = || RwSignal::new(String::new());
        Answers {
            confirm: RwSignal::new(false),
            pa_name: s(),
            supporter_role: s(),
            client_name: s(),
            employer: s(),
            employer_name: s(),
            activity_setting: s(),
            activity_day: s(),
            activity_month: s(),
            activity_year: s(),
            reports_to: s(),
            reports_to_contact: s(),
            manager_informed: RwSignal::new(false),
            kitchen_cleared: s(),
            hygiene_day: s(),
            hygiene_month: s(),
            hygiene_year: s(),
            signature: s(),
        }
    }

    fn text_fields(&self) -> [(&'static str, RwSignal<String>); 16] {
        [
            ("pa_name", self.pa_name),
            ("supporter_role", self.supporter_role),
            ("client_name", self.client_name),
            ("employer", self.employer),
            ("employer_name", self.employer_name),
            ("activity_setting", self.activity_setting),
            ("activity_day", self.activity_day),
            ("activity_month", self.activity_month),
            ("activity_year", self.activity_year),
            ("reports_to", self.reports_to),
            ("reports_to_contact", self.reports_to_contact),
            ("kitchen_cleared", self.kitchen_cleared),
            ("hygiene_day", self.hygiene_day),
            ("hygiene_month", self.hygiene_month),
            ("hygiene_year", self.hygiene_year),
            ("signature", self.signature),
        ]
    }

    /// Everything typed so far, for the draft.
    fn snapshot(&self) -> Value {
        let mut m: Map<String, Value> =
            self.text_fields().into_iter().map(|(k, s)| (k.to_owned(), Value::String(s.get()))).collect();
        m.insert("confirm".into(), Value::Bool(self.confirm.get()));
        m.insert("manager_informed".into(), Value::Bool(self.manager_informed.get()));
        Value::Object(m)
    }

    /// Puts a saved draft back.
    fn restore(&self, draft: &Value) {
        for (k, s) in self.text_fields() {
            if let Some(v) = draft[k].as_str() {
                s.set(v.to_owned());
            }
        }
        self.confirm.set(draft["confirm"].as_bool().unwrap_or(false));
        self.manager_informed.set(draft["manager_informed"].as_bool().unwrap_or(false));
    }

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
        put("activity_date", date_text(self.activity_day, self.activity_month, self.activity_year));
        put("reports_to", self.reports_to.get());
        if asks_reports_to_contact(&self.reports_to.get()) {
            put("reports_to_contact", self.reports_to_contact.get());
            put("manager_informed_of_code", if self.manager_informed.get() { "yes" } else { "no" }.into());
        }
        put("kitchen_cleared", self.kitchen_cleared.get());
        if self.kitchen_cleared.get() == "yes" {
            put("food_hygiene_training_date", date_text(self.hygiene_day, self.hygiene_month, self.hygiene_year));
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
            problems.into_iter().map(|(target, message)| FieldError { target, message }).collect()
        }
        Err(other) => vec![FieldError { target: "confirm".into(), message: other.to_string() }],
        Ok(report) => report
            .findings
            .into_iter()
            .filter(|f| f.outcome == Outcome::Fail)
            .map(|f| FieldError { target: f.field.unwrap_or_else(|| "confirm".into()), message: f.message })
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
    let answers = Answers::new();
    let errors: Errors = RwSignal::new(Vec::new());
    let delivery = Delivery::start(ID, &config);
    let stage = delivery.stage;
    let code = current_code().text();
    if let Some(saved) = draft::load(ID) {
        answers.restore(&saved);
    }
    // Keep the draft as the person types, until the receipt arrives.
    Effect::new(move |_| {
        let snapshot = answers.snapshot();
        if !matches!(stage.get(), Stage::Received(_)) {
            draft::save(ID, &snapshot);
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let problems = validate(&answers);
        let ready = problems.is_empty();
        errors.set(problems);
        if !ready {
            return;
        }
        delivery.submit(flow::payload(
            &config,
            &careform_rules::pa::DEFINITION,
            answers.data(),
            answers.attestations(),
        ));
    };

    let err = move |target: &'static str| error_for(errors, target);
    let form = view! {
        <form novalidate on:submit=on_submit>
            <ErrorSummary errors=errors />
            <p class="govuk-body govuk-!-font-size-16" data-careform-draft>"Your answers are kept on this device as you type, until your acknowledgement is received."</p>
            <h2 class="govuk-heading-m">{code.title.clone()}</h2>
            {code.paragraphs.iter().map(|p| view! { <p class="govuk-body">{p.clone()}</p> }).collect_view()}
            <ul class="govuk-list govuk-list--bullet">
                {code.clauses.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}
            </ul>
            <Confirm
                id="confirm"
                label="I have read this Code of Practice and I will follow it"
                checked=answers.confirm
                error=err("confirm")
            />
            <h2 class="govuk-heading-m">"About you"</h2>
            <TextInput id="pa_name" label="Your full name" value=answers.pa_name error=err("pa_name") autocomplete="name" />
            <Radios
                id="supporter_role"
                legend="Your role"
                value=answers.supporter_role
                error=err("supporter_role")
                options=vec![
                    RadioOption { value: "pa_or_support_worker", label: "Personal assistant or support worker", reveal: None },
                    RadioOption { value: "family_carer_participating", label: "Family carer taking part in your own right", reveal: None },
                    RadioOption { value: "interpreter", label: "BSL or other interpreter", reveal: None },
                ]
            />
            <TextInput id="client_name" label="Your client's name" value=answers.client_name error=err("client_name") />
            <Radios
                id="employer"
                legend="Who employs you"
                value=answers.employer
                error=err("employer")
                options=vec![
                    RadioOption { value: "client", label: "My client", reveal: None },
                    RadioOption { value: "agency", label: "An agency", reveal: None },
                    RadioOption { value: "other", label: "Someone else", reveal: None },
                ]
            />
            // Shown exactly when the rules ask for it (agency or someone else).
            <div hidden=move || !asks_employer_name(&answers.employer.get())>
                <TextInput id="employer_name" label="Your employer's name" value=answers.employer_name error=err("employer_name") />
            </div>
            <Radios
                id="activity_setting"
                legend="Where you will support your client"
                value=answers.activity_setting
                error=err("activity_setting")
                options=vec![
                    RadioOption { value: "main_base", label: "At Together! 2012's main activity base", reveal: None },
                    RadioOption { value: "home_based", label: "In a home-based activity", reveal: None },
                    RadioOption { value: "other", label: "Somewhere else", reveal: None },
                ]
            />
            <DateInput
                id="activity_date"
                legend="Activity date (optional)"
                hint="For example, 27 3 2027"
                day=answers.activity_day
                month=answers.activity_month
                year=answers.activity_year
                error=err("activity_date")
            />
            <Radios
                id="reports_to"
                legend="Who you report back to"
                value=answers.reports_to
                error=err("reports_to")
                options=vec![
                    RadioOption { value: "none", label: "No one", reveal: None },
                    RadioOption { value: "manager", label: "A manager", reveal: None },
                    RadioOption { value: "carer", label: "A carer", reveal: None },
                ]
            />
            // Shown exactly when the rules ask for it (a manager or a carer).
            <div hidden=move || !asks_reports_to_contact(&answers.reports_to.get())>
                <TextInput id="reports_to_contact" label="Their name and contact details" value=answers.reports_to_contact error=err("reports_to_contact") />
                <Confirm id="manager_informed_of_code" label="I will tell them about this code and how it relates to my role" checked=answers.manager_informed error=err("manager_informed_of_code") />
            </div>
            <Radios
                id="kitchen_cleared"
                legend="Have you been cleared to use the kitchen?"
                value=answers.kitchen_cleared
                error=err("kitchen_cleared")
                inline=false
                options=vec![
                    RadioOption {
                        value: "yes",
                        label: "Yes",
                        reveal: Some(view! {
                            <DateInput id="food_hygiene_training_date" legend="Date of your food hygiene training" day=answers.hygiene_day month=answers.hygiene_month year=answers.hygiene_year error=err("food_hygiene_training_date") />
                        }.into_any()),
                    },
                    RadioOption { value: "no", label: "No", reveal: None },
                ]
            />
            <h2 class="govuk-heading-m">"Sign"</h2>
            <TextInput
                id="signature"
                label="Type your full name to sign"
                hint="Signing confirms the answers above and your acknowledgement of the code."
                value=answers.signature
                error=err("signature")
            />
            <p class="govuk-body">{format!("Date signed: {}", careform_rules::date::format_long(today()))}</p>
            <button type="submit" class="govuk-button" disabled=move || stage.get() == Stage::Sending>
                "Send acknowledgement"
            </button>
        </form>
    };

    let code_version = current_code().version.to_owned();
    view! {
        <Frame
            delivery
            what="acknowledgement"
            title="Acknowledgement received"
            note="The server signed this receipt; it was checked against the server's published key."
            rows=vec![("Code version", code_version)]
        >
            {form}
        </Frame>
    }
}
