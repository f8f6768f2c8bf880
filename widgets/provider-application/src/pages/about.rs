//! The plain sections: about you, your enterprise, where you work.

use careform_kit::components::{CharacterCount, RadioOption, Radios, TextInput};
use leptos::prelude::*;

use crate::answers::Answers;

/// About you: who applies, where they live, their record.
#[component]
pub(crate) fn AboutYou(answers: Answers) -> impl IntoView {
    view! {
        <TextInput id="legal_name" label="Your full legal name" hint="Or your organisation's registered name, if it is not a sole trader" value=answers.legal_name autocomplete="name" />
        <TextInput id="home_postcode" label="The postcode where you live" hint="The programme is for people who live in the council's area. For example, TA1 2AB" value=answers.home_postcode autocomplete="postal-code" width_class="govuk-input--width-10" />
        <Radios
            id="prior_action"
            legend="Have you ever been subject to disciplinary or other action, such as the end of a contract, because of poor practice in a care or related role?"
            value=answers.prior_action
            inline=true
            options=RadioOption::yes_no()
        />
    }
}

/// Your enterprise: its legal form, whether it trades yet, its independence, its CQC registration.
#[component]
pub(crate) fn Enterprise(answers: Answers) -> impl IntoView {
    view! {
        <Radios id="legal_form" legend="How is your enterprise set up?" value=answers.legal_form options=RadioOption::list(&[
            ("sole_trader", "Sole trader (self-employed)"),
            ("partnership", "Partnership"),
            ("limited_company", "Limited company"),
            ("cic", "Community interest company"),
            ("charity", "Charity"),
            ("unincorporated_group", "Unincorporated group or association"),
        ]) />
        <Radios id="trading_status" legend="Are you trading now?" hint="You can apply before you start: give templates of your documents." value=answers.trading_status options=RadioOption::list(&[
            ("trading", "Yes, I am trading now"),
            ("pre_start", "No, I plan to start"),
        ]) />
        <Radios id="franchise" legend="Is your enterprise a franchise?" value=answers.franchise inline=true options=RadioOption::yes_no() />
        <Radios id="has_parent" legend="Is your enterprise a branch, subsidiary or part of a larger organisation?" value=answers.has_parent options=vec![
            RadioOption::new("yes", "Yes").reveal(view! {
                <TextInput id="parent_organisation" label="Name of the larger organisation" value=answers.parent_organisation />
            }),
            RadioOption::new("no", "No"),
        ] />
        <Radios id="cqc_registered" legend="Is your enterprise registered with the Care Quality Commission (CQC)?" value=answers.cqc_registered options=vec![
            RadioOption::new("yes", "Yes").reveal(view! {
                <TextInput id="cqc_provider_id" label="CQC provider ID" hint="For example, 1-123456789" value=answers.cqc_provider_id width_class="govuk-input--width-20" />
            }),
            RadioOption::new("no", "No"),
        ] />
    }
}

/// Where you work: the postcodes of the area served.
#[component]
pub(crate) fn Area(answers: Answers) -> impl IntoView {
    view! {
        <CharacterCount
            id="areas"
            label="Where do you deliver your services?"
            hint="Postcodes, postcode districts (TA1) or sectors (TA1 2), one per line or separated by commas."
            value=answers.areas
            max_chars=2000
        />
    }
}
