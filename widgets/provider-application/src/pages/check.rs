//! "Check your answers": each section's answers in a summary card with its Change link and the
//! rules' findings for it, with their sources; the whole verdict; then the declaration and the
//! signed submission.

use careform_kit::components::{ErrorSummary, FieldError, Problems, Verdict};
use careform_rules::CheckError;
use leptos::prelude::*;

use super::summary::rows;
use super::{PageLink, PageTitle};
use crate::application::{Report, data};
use crate::sections::{SECTIONS, Section};
use crate::widget::App;

/// One section's card: its answers, Change, and what the rules found.
#[component]
fn SectionCard(app: App, section: &'static Section) -> impl IntoView {
    let id = section.id;
    let findings =
        move || app.report().and_then(|r| r.parts.sections.into_iter().find(|s| s.id == id)).map(|s| s.findings);
    view! {
        <div class="govuk-summary-card" data-careform-section=id>
            <div class="govuk-summary-card__title-wrapper">
                <h3 class="govuk-summary-card__title">{section.title}</h3>
                <ul class="govuk-summary-card__actions">
                    <li class="govuk-summary-card__action">
                        <PageLink app page=id id=format!("change-{id}")>"Change"<span class="govuk-visually-hidden">{format!(" {}", section.title.to_lowercase())}</span></PageLink>
                    </li>
                </ul>
            </div>
            <div class="govuk-summary-card__content">
                <dl class="govuk-summary-list">
                    {move || rows(app.answers, id).into_iter().map(|(key, value)| view! {
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key">{key}</dt>
                            <dd class="govuk-summary-list__value">{value}</dd>
                        </div>
                    }).collect_view()}
                </dl>
                {move || findings().map(|findings| view! { <Problems findings notes=true /> })}
            </div>
        </div>
    }
}

/// What stops sending: sections not completed, or data the rules cannot check.
fn blockers(app: App, checked: &Result<Report, CheckError>) -> Vec<FieldError> {
    let mut found: Vec<FieldError> = SECTIONS
        .iter()
        .filter(|s| !app.answers.completed(s.id))
        .map(|s| {
            FieldError::new(format!("change-{}", s.id), format!("Complete the section \u{201c}{}\u{201d}", s.title))
        })
        .collect();
    if let Err(e) = checked {
        let problems = match e {
            CheckError::Invalid(p) => p.iter().map(|(field, why)| format!("{field}: {why}")).collect(),
            other => vec![other.to_string()],
        };
        found.extend(problems.into_iter().map(|p| FieldError::new(super::TITLE_ID, p)));
    }
    found
}

/// The page.
#[component]
pub(crate) fn CheckPage(app: App) -> impl IntoView {
    let App { answers, form, .. } = app;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let checked = untrack(|| app.checked());
        if !form.check(blockers(app, &checked)) {
            return;
        }
        let application = untrack(|| answers.application());
        let profile = app.profile.with_value(|p| p.id.clone());
        form.send(data(&profile, &application), untrack(|| answers.attestations()));
    };
    view! {
        <p class="govuk-body"><PageLink app page="">"Back to the task list"</PageLink></p>
        <form novalidate on:submit=on_submit data-careform-page="check">
            <ErrorSummary />
            <PageTitle text="Check your answers before sending your application" />
            <div data-careform-report>{move || app.report().map(|r| view! { <Verdict outcome=r.outcome /> })}</div>
            {SECTIONS.iter().map(|section| view! { <SectionCard app section /> }).collect_view()}
            <h3 class="govuk-heading-m">"Now send your application"</h3>
            <p class="govuk-body">"By sending this application you are confirming that, to the best of your knowledge, the details you are providing are correct, and that you have ticked only the commitments you keep."</p>
            <p class="govuk-body">"Your application is signed on this device and checked again by the council with the same rules. An officer reviews it, with your documents."</p>
            <button type="submit" class="govuk-button" disabled=move || form.delivery.stage.get() == careform_kit::flow::Stage::Sending>"Accept and send"</button>
        </form>
    }
}
