//! A worker's DBS certificate: the questions (ids `dbs_*`) and the certificate they make, as
//! `careform_rules::dbs_insurance::Dbs`, the one shape every form that carries a DBS check uses.

use careform_rules::date::parse_iso;
use careform_rules::dbs_insurance::{Dbs, UpdateService};
use leptos::prelude::*;

use crate::components::{DateInput, DateParts, FieldError, RadioOption, Radios, TextInput};

/// The certificate being entered (part of a worker being added or changed).
#[derive(Clone, Copy, Default)]
pub struct DbsForm {
    number: RwSignal<String>,
    level: RwSignal<String>,
    workforce: RwSignal<String>,
    issue: DateParts,
    disclosed: RwSignal<String>,
    update: RwSignal<String>,
    checked: DateParts,
    result: RwSignal<String>,
}

fn yes_no(answer: bool) -> String {
    if answer { "yes" } else { "no" }.to_owned()
}

impl DbsForm {
    /// Empties every answer, or fills them from `dbs` to change it.
    pub fn load(&self, dbs: Option<&Dbs>) {
        let update = dbs.and_then(|d| d.update_service.as_ref());
        self.number.set(dbs.map(|d| d.certificate_number.clone()).unwrap_or_default());
        self.level.set(dbs.map(|d| d.level.clone()).unwrap_or_default());
        self.workforce.set(dbs.map(|d| d.workforce.clone()).unwrap_or_default());
        self.issue.set_text(dbs.map(|d| d.issue_date.as_str()).unwrap_or_default());
        self.disclosed.set(dbs.map(|d| yes_no(d.information_disclosed)).unwrap_or_default());
        self.update.set(dbs.map(|d| yes_no(d.update_service.is_some())).unwrap_or_default());
        self.checked.set_text(update.and_then(|u| u.status_check_date.as_deref()).unwrap_or_default());
        self.result.set(update.and_then(|u| u.status_result.clone()).unwrap_or_default());
    }

    /// Whether a certificate number was given (no number: no DBS check).
    fn has_dbs(&self) -> bool {
        !self.number.get().trim().is_empty()
    }

    /// What to fix about the certificate itself (its level, workforce, date of issue).
    pub fn problems(&self) -> Vec<FieldError> {
        if !self.has_dbs() {
            return vec![];
        }
        [
            (!self.level.get().is_empty(), "dbs_level", "Select the level of the check"),
            (!self.workforce.get().is_empty(), "dbs_workforce", "Select the workforce on the certificate"),
            (
                parse_iso(&self.issue.text()).is_some(),
                "dbs_issue",
                "Enter the date of issue as a real date, for example 1 5 2024",
            ),
        ]
        .into_iter()
        .filter(|(ok, _, _)| !ok)
        .map(|(_, target, message)| FieldError::new(target, message))
        .collect()
    }

    /// What to fix about the Update Service status check, if it was given.
    pub fn update_problem(&self) -> Option<FieldError> {
        let checked = self.checked.text();
        (self.update.get() == "yes" && !checked.is_empty() && parse_iso(&checked).is_none())
            .then(|| FieldError::new("dbs_checked", "Enter the status check date as a real date"))
    }

    /// The certificate, when a number was given (call once [`DbsForm::problems`] and
    /// [`DbsForm::update_problem`] find nothing).
    pub fn dbs(&self) -> Option<Dbs> {
        let checked = self.checked.text();
        self.has_dbs().then(|| Dbs {
            certificate_number: self.number.get().trim().to_owned(),
            level: self.level.get(),
            workforce: self.workforce.get(),
            issue_date: self.issue.text(),
            information_disclosed: self.disclosed.get() == "yes",
            update_service: (self.update.get() == "yes").then(|| UpdateService {
                subscription_expiry: None,
                status_check_date: (!checked.is_empty()).then_some(checked),
                status_result: Some(self.result.get()).filter(|r| !r.is_empty()),
            }),
        })
    }
}

/// The questions about one certificate.
#[component]
pub fn DbsFields(
    /// The answers.
    form: DbsForm,
) -> impl IntoView {
    view! {
        <TextInput id="dbs_number" label="DBS certificate number" hint="The 12 digits at the top of the certificate. Leave empty if they have no DBS check." value=form.number width_class="govuk-input--width-20" />
        <Radios id="dbs_level" legend="Level of the check" value=form.level options=RadioOption::list(&[
            ("basic", "Basic"),
            ("standard", "Standard"),
            ("enhanced", "Enhanced"),
            ("enhanced_adults_barred", "Enhanced with adults' barred list"),
            ("enhanced_children_barred", "Enhanced with children's barred list"),
            ("enhanced_both_barred", "Enhanced with adults' and children's barred lists"),
        ]) />
        <Radios id="dbs_workforce" legend="Workforce on the certificate" value=form.workforce options=RadioOption::list(&[
            ("adult", "Adult"),
            ("child_and_adult", "Child and adult"),
            ("child", "Child"),
            ("other", "Other"),
        ]) />
        <DateInput id="dbs_issue" legend="Date of issue" hint="For example, 1 5 2024" value=form.issue />
        <Radios id="dbs_disclosed" legend="Does the certificate show any information (convictions, cautions or police information)?" value=form.disclosed inline=true options=RadioOption::yes_no() />
        <Radios id="dbs_update" legend="Are they on the DBS Update Service?" value=form.update options=vec![
            RadioOption::new("yes", "Yes").reveal(view! {
                <DateInput id="dbs_checked" legend="Date of the latest status check" value=form.checked />
                <Radios id="dbs_result" legend="Result of the status check" value=form.result options=RadioOption::list(&[
                    ("current", "Current: no new information"),
                    ("changed", "Changed: new information"),
                    ("details_mismatch", "Details did not match"),
                    ("no_subscription", "No active subscription"),
                ]) />
            }),
            RadioOption::new("no", "No"),
        ] />
    }
}
