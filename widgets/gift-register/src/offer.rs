//! One offer: its questions, added, changed and removed with GOV.UK's add-another pattern, each
//! saved row with its verdict; while it is typed, the editor says at once what the rules make of it.

use careform_kit::components::{
    AddAnother, AddAnotherList, DateInput, DateParts, FieldError, Problems, RadioOption, Radios, RowActions, TextInput,
    outcome_tag,
};
use careform_kit::today;
use careform_rules::date::{format_iso, format_long, parse_iso};
use careform_rules::gift_register::{
    Disposition, Kind, Offer, OfferOutcome, OfferReport, OfferedBy, Register, check_register,
};
use careform_rules::money::{parse_pounds, pounds};
use careform_rules::profile::Profile;
use careform_rules::{Finding, Outcome};
use leptos::prelude::*;

use crate::results::NotificationLine;

/// What can be offered, in words (the rules' `kind`).
const KINDS: &[(&str, &str)] = &[
    ("gift", "A gift, such as flowers, chocolates or a present"),
    ("money", "Cash"),
    ("cheque", "A cheque"),
    ("voucher", "A voucher or gift card"),
    ("tip", "A tip or reward"),
    ("hospitality", "Hospitality, such as a meal, a trip or tickets"),
    ("bequest", "Something left in their will (a bequest or legacy)"),
    ("loan", "A loan: to lend or borrow money or things"),
    ("sale_or_purchase", "To buy or sell something"),
    ("use_of_property", "Use of their things, such as their phone or car"),
    ("store_card_or_loyalty", "Their store card, loyalty points or discounts"),
    ("safekeeping", "To look after their valuables"),
    ("financial_access", "Their PIN, bank card or passwords"),
    ("will_involvement", "To help with their will, witness it or be its executor"),
    ("legal_document", "To help with another legal document"),
    ("betting", "A bet, a lottery or a syndicate"),
    ("other", "Something else"),
];

/// The value of `name` in the closed list `all` (as the rules spell it).
fn pick<T: Copy>(all: &[T], spell: fn(T) -> &'static str, name: &str) -> Option<T> {
    all.iter().copied().find(|v| spell(*v) == name)
}

fn yes_no(answer: bool) -> String {
    if answer { "yes" } else { "no" }.to_owned()
}

/// The offer being added or changed (not kept in the draft until saved).
#[derive(Clone, Copy, Default)]
pub(crate) struct OfferForm {
    offered_on: DateParts,
    worker: RwSignal<String>,
    client: RwSignal<String>,
    offered_by: RwSignal<String>,
    kind: RwSignal<String>,
    description: RwSignal<String>,
    value: RwSignal<String>,
    solicited: RwSignal<String>,
    outcome: RwSignal<String>,
    disposition: RwSignal<String>,
    manager: RwSignal<String>,
    reported_on: DateParts,
    told: RwSignal<String>,
    told_on: DateParts,
    concern: RwSignal<String>,
}

impl OfferForm {
    /// Empties every answer (the dates today's), or fills them from `offer` to change it.
    pub fn load(&self, offer: Option<&Offer>) {
        let now = format_iso(today());
        let o = offer.cloned().unwrap_or_else(|| Offer { offered_on: now.clone(), ..Offer::default() });
        let new = offer.is_none();
        let choice = |text: &'static str| if new { String::new() } else { text.to_owned() };
        self.offered_on.set_text(&o.offered_on);
        self.worker.set(o.worker.clone());
        self.client.set(o.client.clone());
        self.offered_by.set(choice(o.offered_by.as_str()));
        self.kind.set(choice(o.kind.as_str()));
        self.description.set(o.description.clone());
        self.value.set(if new { String::new() } else { pounds(o.estimated_value_pence as i64) });
        self.solicited.set(if new { String::new() } else { yes_no(o.solicited) });
        self.outcome.set(choice(o.outcome.as_str()));
        self.disposition.set(o.disposition.map(|d| d.as_str().to_owned()).unwrap_or_default());
        self.manager.set(o.manager_sign_off.clone().unwrap_or_default());
        self.reported_on.set_text(o.reported_on.as_deref().unwrap_or(&now));
        self.told.set(if new { String::new() } else { yes_no(o.commissioner_notified_on.is_some()) });
        self.told_on.set_text(o.commissioner_notified_on.as_deref().unwrap_or_default());
        self.concern.set(if new { String::new() } else { yes_no(o.safeguarding_concern) });
    }

    /// The offer as the rules read it, or what to fix first. `lenient` fills what is missing
    /// (for the verdict shown while typing) once who offered what and what happened are chosen.
    pub fn offer(&self, lenient: bool) -> Result<Offer, Vec<FieldError>> {
        let mut e = Vec::new();
        let mut need = |ok: bool, target: &str, message: &str| {
            if !ok && !lenient {
                e.push(FieldError::new(target, message));
            }
        };
        let offered_on = self.offered_on.text();
        need(
            parse_iso(&offered_on).is_some(),
            "offer_date",
            "Enter the date of the offer as a real date, for example 2 11 2026",
        );
        need(!self.worker.get().trim().is_empty(), "offer_worker", "Enter the name of the worker it was offered to");
        need(!self.client.get().trim().is_empty(), "offer_client", "Enter the client's reference");
        let offered_by = pick(OfferedBy::ALL, OfferedBy::as_str, &self.offered_by.get());
        need(offered_by.is_some(), "offer_by", "Select who made the offer");
        let kind = pick(Kind::ALL, Kind::as_str, &self.kind.get());
        need(kind.is_some(), "offer_kind", "Select what was offered");
        need(!self.description.get().trim().is_empty(), "offer_description", "Describe what was offered");
        let value = parse_pounds(&self.value.get()).and_then(|p| u64::try_from(p).ok());
        need(value.is_some(), "offer_value", "Enter a rough value in pounds, for example £8 (0 if it had no value)");
        need(!self.solicited.get().is_empty(), "offer_solicited", "Select whether the worker asked for it");
        let outcome = pick(OfferOutcome::ALL, OfferOutcome::as_str, &self.outcome.get());
        need(outcome.is_some(), "offer_outcome", "Select what happened to the offer");
        let reported = self.reported_on.text();
        need(parse_iso(&reported).is_some(), "offer_reported", "Enter the date it was reported as a real date");
        let told_on = self.told_on.text();
        let told = self.told.get() == "yes";
        need(
            !told || parse_iso(&told_on).is_some(),
            "offer_told_on",
            "Enter the date the commissioner was told as a real date",
        );
        need(!self.concern.get().is_empty(), "offer_concern", "Select whether anyone is concerned for the client");
        if !e.is_empty() {
            return Err(e);
        }
        let (Some(offered_by), Some(kind), Some(outcome)) = (offered_by, kind, outcome) else { return Err(e) };
        let or_today = |d: String| if parse_iso(&d).is_some() { d } else { format_iso(today()) };
        let text = |s: RwSignal<String>| Some(s.get().trim().to_owned()).filter(|s| !s.is_empty());
        Ok(Offer {
            offered_on: or_today(offered_on),
            worker: self.worker.get().trim().to_owned(),
            client: self.client.get().trim().to_owned(),
            offered_by,
            kind,
            description: self.description.get().trim().to_owned(),
            estimated_value_pence: value.unwrap_or(0),
            solicited: self.solicited.get() == "yes",
            outcome,
            reported_on: Some(or_today(reported)),
            commissioner_notified_on: (told && parse_iso(&told_on).is_some()).then_some(told_on),
            safeguarding_concern: self.concern.get() == "yes",
            disposition: (outcome == OfferOutcome::CouldNotReturn)
                .then(|| pick(Disposition::ALL, Disposition::as_str, &self.disposition.get()))
                .flatten(),
            manager_sign_off: (outcome == OfferOutcome::Accepted).then(|| text(self.manager)).flatten(),
            ..Offer::default()
        })
    }
}

/// The questions about one offer.
#[component]
fn OfferFields(form: OfferForm) -> impl IntoView {
    view! {
        <DateInput id="offer_date" legend="When was it offered?" hint="For example, 2 11 2026" value=form.offered_on />
        <TextInput id="offer_worker" label="Worker it was offered to" value=form.worker autocomplete="off" />
        <TextInput id="offer_client" label="Client reference" hint="For example, C-104. Do not enter the client's name." value=form.client width_class="govuk-input--width-10" autocomplete="off" />
        <Radios id="offer_by" legend="Who made the offer?" value=form.offered_by options=RadioOption::list(&[
            ("client", "The client"),
            ("representative", "Their representative, such as an attorney or deputy"),
            ("relative", "A relative"),
            ("friend", "A friend"),
            ("other", "Someone else"),
        ]) />
        <Radios id="offer_kind" legend="What was offered or asked?" value=form.kind options=RadioOption::list(KINDS) />
        <TextInput id="offer_description" label="Describe it" hint="For example, a box of chocolates" value=form.description />
        <TextInput id="offer_value" label="Rough value" hint="In pounds, for example £8. 0 if it had no value." value=form.value width_class="govuk-input--width-5" />
        <Radios id="offer_solicited" legend="Did the worker ask for it?" value=form.solicited inline=true options=RadioOption::yes_no() />
        <Radios id="offer_outcome" legend="What happened?" value=form.outcome options=vec![
            RadioOption::new("declined", "Declined"),
            RadioOption::new("returned", "Accepted, then returned"),
            RadioOption::new("accepted", "Accepted").reveal(view! {
                <TextInput id="offer_manager" label="Manager who signed it off (optional)" hint="Only where your council allows small token gifts" value=form.manager />
            }),
            RadioOption::new("could_not_return", "Could not be returned").reveal(view! {
                <Radios id="offer_disposition" legend="What became of it? (optional until decided)" value=form.disposition options=RadioOption::list(&[
                    ("returned", "Returned in the end"),
                    ("given_to_charity", "Given to charity"),
                    ("kept_with_authorisation", "Kept, with the manager's authorisation"),
                    ("kept_without_authorisation", "Kept, without authorisation"),
                ]) />
            }),
            RadioOption::new("pending", "Not decided yet"),
        ] />
        <DateInput id="offer_reported" legend="When was it reported to the manager or office?" value=form.reported_on />
        <Radios id="offer_concern" legend="Is anyone concerned the client is being pressured or exploited?" value=form.concern inline=true options=RadioOption::yes_no() />
        <Radios id="offer_told" legend="Has the commissioner been told?" hint="The council's commissioning team. Needed for bequests, accepted offers and safeguarding concerns." value=form.told options=vec![
            RadioOption::new("yes", "Yes").reveal(view! {
                <DateInput id="offer_told_on" legend="When was the commissioner told?" value=form.told_on />
            }),
            RadioOption::new("no", "Not yet"),
        ] />
    }
}

/// What the rules make of the offer being typed: its verdict, what to do, and by when.
#[component]
fn Preview(form: OfferForm, profile: StoredValue<Profile>) -> impl IntoView {
    let report = Memo::new(move |_| {
        let offer = form.offer(true).ok()?;
        let register = Register { offers: vec![offer], ..Register::default() };
        profile.with_value(|p| check_register(&register, p, today())).ok()
    });
    move || {
        report.get().map(|r| {
            // Placeholders fill what is not typed yet: the missing-field rule waits for Save.
            let findings: Vec<Finding> =
                r.parts.offers[0].findings.iter().filter(|f| f.rule != "GR-25").cloned().collect();
            // Said as the worker needs it: is this a breach, or is something still to do?
            let (class, label) = match Outcome::overall(findings.iter().map(|f| f.outcome)) {
                Outcome::Fail => ("govuk-tag govuk-tag--red", "A breach: act now"),
                Outcome::Warn => ("govuk-tag govuk-tag--yellow", "Not a breach yet: something to do"),
                _ => ("govuk-tag govuk-tag--green", "Not a breach"),
            };
            let notice = r.parts.notifications.first().cloned();
            view! {
                <div class="govuk-!-margin-bottom-6" data-careform-preview aria-live="polite">
                    <h4 class="govuk-heading-s">"What this means"</h4>
                    <p class="govuk-body"><strong class=class>{label}</strong></p>
                    <Problems findings />
                    {notice.map(|n| view! { <NotificationLine n /> })}
                </div>
            }
        })
    }
}

/// The offer's date, client and description, as a row names it.
fn title(o: &Offer) -> String {
    let day = parse_iso(&o.offered_on).map(format_long).unwrap_or_else(|| o.offered_on.clone());
    format!("{day}, {}: {}", o.client, o.description)
}

/// One saved offer: what, its verdict and problems, and Change and Remove.
#[component]
fn OfferRow(key: u32, offers: AddAnotherList<Offer>, reports: Signal<Vec<OfferReport>>) -> impl IntoView {
    let name = move || offers.list.get(key).map(|o| title(&o)).unwrap_or_default();
    // The rules report offers in the order given.
    let report = move || offers.list.index(key).and_then(|i| reports.with(|all| all.get(i).cloned()));
    let verdict = move || {
        let r = report();
        let (class, label) = outcome_tag(r.as_ref().map_or(Outcome::Info, |r| r.outcome));
        let findings = r.map(|r| r.findings).unwrap_or_default();
        view! { <strong class=class>{label}</strong><Problems findings /> }
    };
    view! {
        <div class="govuk-summary-list__row" data-careform-offer=key>
            <dt class="govuk-summary-list__key">{name}</dt>
            <dd class="govuk-summary-list__value">{verdict}</dd>
            <RowActions key />
        </div>
    }
}

/// The offers list, its editor (with the live verdict) and its add button.
#[component]
pub(crate) fn Offers(
    offers: AddAnotherList<Offer>,
    editor: OfferForm,
    reports: Signal<Vec<OfferReport>>,
    profile: StoredValue<Profile>,
) -> impl IntoView {
    view! {
        <AddAnother
            rows=offers
            add_id="add_offer"
            noun="offer"
            name=title
            row=move |key| view! { <OfferRow key offers reports /> }
            open={move |o: Option<Offer>| editor.load(o.as_ref())}
            save={move |()| editor.offer(false)}
        >
            <OfferFields form=editor />
            <Preview form=editor profile />
        </AddAnother>
    }
}
