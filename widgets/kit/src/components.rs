//! The form kit: GOV.UK Design System patterns as Leptos components, accessible by construction.
//! Every control has a label; hints and errors are tied to it with `aria-describedby`; errors set
//! `aria-invalid` and carry a visually hidden "Error:" prefix, so nothing depends on colour.

use leptos::prelude::*;
use wasm_bindgen::JsCast as _;

/// One problem with one field, as shown in the error summary and beside the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The id of the control to focus (the first input of a group).
    pub target: String,
    /// What to do, in the GOV.UK style ("Enter your full name").
    pub message: String,
}

/// The errors of a whole form, in the order of its fields.
pub type Errors = RwSignal<Vec<FieldError>>;

/// The message for one field, if it has one.
pub fn error_for(errors: Errors, target: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || errors.with(|e| e.iter().find(|f| f.target == target).map(|f| f.message.clone())))
}

/// `aria-describedby` for a control: its hint and its error, when present.
fn described_by(id: &str, has_hint: bool, has_error: bool) -> Option<String> {
    let ids: Vec<String> = [has_hint.then(|| format!("{id}-hint")), has_error.then(|| format!("{id}-error"))]
        .into_iter()
        .flatten()
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// Focuses a control by id inside the same shadow root (or document) as `from`; in-page links
/// cannot reach into a shadow root, so the error summary's links do this instead.
pub fn focus_by_id(from: &web_sys::Element, id: &str) {
    let root = from.get_root_node();
    let target = match root.dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.get_element_by_id(id),
        None => root.dyn_ref::<web_sys::Document>().and_then(|d| d.get_element_by_id(id)),
    };
    if let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
        el.scroll_into_view();
    }
}

/// A date input's day, month and year as `YYYY-MM-DD` (empty when all three are); the rules
/// judge whether it is a real date.
pub fn date_text(day: RwSignal<String>, month: RwSignal<String>, year: RwSignal<String>) -> String {
    let (d, m, y) = (day.get(), month.get(), year.get());
    if d.trim().is_empty() && m.trim().is_empty() && y.trim().is_empty() {
        return String::new();
    }
    format!("{:0>4}-{:0>2}-{:0>2}", y.trim(), m.trim(), d.trim())
}

/// A rule outcome as a GOV.UK tag: its classes and its words.
pub fn outcome_tag(outcome: careform_rules::Outcome) -> (&'static str, &'static str) {
    use careform_rules::Outcome;
    match outcome {
        Outcome::Pass => ("govuk-tag govuk-tag--green", "Met"),
        Outcome::Info => ("govuk-tag govuk-tag--grey", "Note"),
        Outcome::Warn => ("govuk-tag govuk-tag--yellow", "Check"),
        Outcome::Fail => ("govuk-tag govuk-tag--red", "Not met"),
    }
}

/// The error message paragraph under a label or legend.
#[component]
fn ErrorMessage(id: String, message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message.get().map(|m| {
            view! {
                <p class="govuk-error-message" id=format!("{id}-error")>
                    <span class="govuk-visually-hidden">"Error: "</span>
                    {m}
                </p>
            }
        })
    }
}

fn group_class(error: Signal<Option<String>>) -> impl Fn() -> &'static str {
    move || if error.get().is_some() { "govuk-form-group govuk-form-group--error" } else { "govuk-form-group" }
}

/// A fieldset with its legend, hint and error message: the GOV.UK wrapper for controls that
/// answer one question together (radios, checkboxes, the parts of a date).
#[component]
pub fn Fieldset(
    /// The group's id; hint and error ids derive from it.
    id: &'static str,
    /// The fieldset's legend: the question.
    legend: &'static str,
    /// The error message to show, if any.
    error: Signal<Option<String>>,
    /// Hint text under the legend.
    #[prop(default = None)]
    hint: Option<&'static str>,
    /// `role="group"`, for inputs that make one answer between them (a date).
    #[prop(optional)]
    group: bool,
    /// The controls.
    children: Children,
) -> impl IntoView {
    view! {
        <div class=group_class(error)>
            <fieldset
                class="govuk-fieldset"
                role=group.then_some("group")
                aria-describedby=move || described_by(id, hint.is_some(), error.get().is_some())
            >
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
                {hint.map(|h| view! { <div class="govuk-hint" id=format!("{id}-hint")>{h}</div> })}
                <ErrorMessage id=id.to_owned() message=error />
                {children()}
            </fieldset>
        </div>
    }
}

/// A text input with label, optional hint and error.
#[component]
pub fn TextInput(
    /// The control's id (and `data` field name); hint and error ids derive from it.
    id: &'static str,
    /// The visible label.
    label: &'static str,
    /// The answer.
    value: RwSignal<String>,
    /// The error message to show, if any.
    error: Signal<Option<String>>,
    /// Hint text under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The `autocomplete` token, e.g. `name`.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// A GOV.UK width class, e.g. `govuk-input--width-10`.
    #[prop(optional)]
    width_class: Option<&'static str>,
) -> impl IntoView {
    let input_class = move || {
        let mut c = String::from("govuk-input");
        if let Some(w) = width_class {
            c.push(' ');
            c.push_str(w);
        }
        if error.get().is_some() {
            c.push_str(" govuk-input--error");
        }
        c
    };
    view! {
        <div class=group_class(error)>
            <label class="govuk-label" for=id>{label}</label>
            {hint.map(|h| view! { <div class="govuk-hint" id=format!("{id}-hint")>{h}</div> })}
            <ErrorMessage id=id.to_owned() message=error />
            <input
                class=input_class
                id=id
                name=id
                type="text"
                spellcheck="false"
                autocomplete=autocomplete
                aria-describedby=move || described_by(id, hint.is_some(), error.get().is_some())
                aria-invalid=move || error.get().map(|_| "true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

/// A date as three inputs (day, month, year) in a fieldset, as GOV.UK asks for memorable dates.
#[component]
pub fn DateInput(
    /// The control's id (and `data` field name); hint and error ids derive from it.
    id: &'static str,
    /// The fieldset's legend: the question.
    legend: &'static str,
    /// The day part.
    day: RwSignal<String>,
    /// The month part.
    month: RwSignal<String>,
    /// The year part.
    year: RwSignal<String>,
    /// The error message to show, if any.
    error: Signal<Option<String>>,
    /// Hint text under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
) -> impl IntoView {
    let part = move |suffix: &'static str, label: &'static str, signal: RwSignal<String>, width: &'static str| {
        let part_id = format!("{id}-{suffix}");
        let class = move || {
            if error.get().is_some() {
                format!("govuk-input govuk-date-input__input {width} govuk-input--error")
            } else {
                format!("govuk-input govuk-date-input__input {width}")
            }
        };
        // The day input carries the group's id so the error summary can focus it.
        let input_id = if suffix == "day" { id.to_owned() } else { part_id.clone() };
        view! {
            <div class="govuk-date-input__item">
                <div class="govuk-form-group">
                    <label class="govuk-label govuk-date-input__label" for=input_id.clone()>{label}</label>
                    <input
                        class=class
                        id=input_id
                        name=part_id
                        type="text"
                        inputmode="numeric"
                        aria-invalid=move || error.get().map(|_| "true")
                        prop:value=move || signal.get()
                        on:input=move |ev| signal.set(event_target_value(&ev))
                    />
                </div>
            </div>
        }
    };
    view! {
        <Fieldset id legend error hint group=true>
            <div class="govuk-date-input">
                {part("day", "Day", day, "govuk-input--width-2")}
                {part("month", "Month", month, "govuk-input--width-2")}
                {part("year", "Year", year, "govuk-input--width-4")}
            </div>
        </Fieldset>
    }
}

/// One option of a radio or checkbox group; `reveal` is shown beneath it while it is chosen.
pub struct ChoiceOption {
    /// The value stored.
    pub value: &'static str,
    /// The label shown.
    pub label: &'static str,
    /// Content revealed when chosen (GOV.UK conditional reveal).
    pub reveal: Option<AnyView>,
}

/// An option of [`Radios`].
pub type RadioOption = ChoiceOption;
/// An option of [`Checkboxes`].
pub type CheckboxOption = ChoiceOption;

/// GOV.UK's conditional reveal under a radio or checkbox (`kind`: `radios` or `checkboxes`).
fn reveal_view(
    kind: &'static str,
    id: String,
    shown: impl Fn() -> bool + Send + Sync + 'static,
    content: AnyView,
) -> impl IntoView {
    let class = move || {
        if shown() {
            format!("govuk-{kind}__conditional")
        } else {
            format!("govuk-{kind}__conditional govuk-{kind}__conditional--hidden")
        }
    };
    view! { <div class=class id=id>{content}</div> }
}

/// Radios in a fieldset with a legend.
#[component]
pub fn Radios(
    /// The control's id (and `data` field name); hint and error ids derive from it.
    id: &'static str,
    /// The fieldset's legend: the question.
    legend: &'static str,
    /// The answer.
    value: RwSignal<String>,
    /// The error message to show, if any.
    error: Signal<Option<String>>,
    /// The choices, in order.
    options: Vec<RadioOption>,
    /// Hint text under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// Lay short choices side by side.
    #[prop(optional)]
    inline: bool,
) -> impl IntoView {
    let items = options
        .into_iter()
        .enumerate()
        .map(|(i, opt)| {
            // The first radio carries the group's id so the error summary can focus it.
            let input_id = if i == 0 { id.to_owned() } else { format!("{id}-{}", opt.value) };
            let reveal_id = format!("{id}-{}-reveal", opt.value);
            let has_reveal = opt.reveal.is_some();
            let v = opt.value;
            let reveal =
                opt.reveal.map(|content| reveal_view("radios", reveal_id.clone(), move || value.get() == v, content));
            view! {
                <div class="govuk-radios__item">
                    <input
                        class="govuk-radios__input"
                        id=input_id.clone()
                        name=id
                        type="radio"
                        value=v
                        aria-controls=has_reveal.then(|| reveal_id.clone())
                        prop:checked=move || value.get() == v
                        on:change=move |_| value.set(v.to_owned())
                    />
                    <label class="govuk-label govuk-radios__label" for=input_id>{opt.label}</label>
                </div>
                {reveal}
            }
        })
        .collect_view();
    view! {
        <Fieldset id legend error hint>
            <div class=if inline { "govuk-radios govuk-radios--inline" } else { "govuk-radios" }>{items}</div>
        </Fieldset>
    }
}

/// A single checkbox: a statement the person confirms.
#[component]
pub fn Confirm(
    /// The control's id (and `data` field name); hint and error ids derive from it.
    id: &'static str,
    /// The visible label.
    label: &'static str,
    /// Whether it is ticked.
    checked: RwSignal<bool>,
    /// The error message to show, if any.
    error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class=group_class(error)>
            <ErrorMessage id=id.to_owned() message=error />
            <div class="govuk-checkboxes">
                <div class="govuk-checkboxes__item">
                    <input
                        class="govuk-checkboxes__input"
                        id=id
                        name=id
                        type="checkbox"
                        aria-describedby=move || described_by(id, false, error.get().is_some())
                        aria-invalid=move || error.get().map(|_| "true")
                        prop:checked=move || checked.get()
                        on:change=move |ev| checked.set(event_target_checked(&ev))
                    />
                    <label class="govuk-label govuk-checkboxes__label" for=id>{label}</label>
                </div>
            </div>
        </div>
    }
}

/// The error summary: listed at the top, focused when it appears, each link focusing its field.
#[component]
pub fn ErrorSummary(
    /// The form's errors.
    errors: Errors,
) -> impl IntoView {
    let summary = NodeRef::<leptos::html::Div>::new();
    // Move focus to the summary each time a new set of errors is shown.
    Effect::new(move |_| {
        if !errors.with(Vec::is_empty)
            && let Some(el) = summary.get()
        {
            let _ = el.focus();
        }
    });
    move || {
        (!errors.with(Vec::is_empty)).then(|| {
            view! {
                <div class="govuk-error-summary" node_ref=summary tabindex="-1">
                    <div role="alert">
                        <h2 class="govuk-error-summary__title">"There is a problem"</h2>
                        <div class="govuk-error-summary__body">
                            <ul class="govuk-list govuk-error-summary__list">
                                {errors
                                    .get()
                                    .into_iter()
                                    .map(|e| {
                                        let target = e.target.clone();
                                        view! {
                                            <li>
                                                <a
                                                    href=format!("#{}", e.target)
                                                    on:click=move |ev| {
                                                        ev.prevent_default();
                                                        if let Some(el) = ev
                                                            .target()
                                                            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                                                        {
                                                            focus_by_id(&el, &target);
                                                        }
                                                    }
                                                >
                                                    {e.message}
                                                </a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                    </div>
                </div>
            }
        })
    }
}

/// One row of a summary list ("check your answers").
#[component]
pub fn SummaryRow(
    /// The row's label.
    key: &'static str,
    /// The answer.
    value: String,
) -> impl IntoView {
    view! {
        <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{key}</dt>
            <dd class="govuk-summary-list__value">{value}</dd>
        </div>
    }
}

/// A textarea with GOV.UK's character count: a live message says how many characters are left
/// (or how many too many), announced politely to screen readers.
#[component]
pub fn CharacterCount(
    /// The control's id (and `data` field name); hint, count and error ids derive from it.
    id: &'static str,
    /// The visible label.
    label: &'static str,
    /// The answer.
    value: RwSignal<String>,
    /// The error message to show, if any.
    error: Signal<Option<String>>,
    /// The most characters allowed.
    max_chars: usize,
    /// Hint text under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
) -> impl IntoView {
    let remaining = move || max_chars as i64 - value.with(|v| v.chars().count() as i64);
    let message = move || match remaining() {
        n if n >= 0 => format!("You have {n} character{} remaining", if n == 1 { "" } else { "s" }),
        n => format!("You have {} character{} too many", -n, if n == -1 { "" } else { "s" }),
    };
    let message_class = move || {
        if remaining() < 0 {
            "govuk-error-message govuk-character-count__message"
        } else {
            "govuk-hint govuk-character-count__message"
        }
    };
    let textarea_class = move || {
        if error.get().is_some() || remaining() < 0 { "govuk-textarea govuk-textarea--error" } else { "govuk-textarea" }
    };
    let described_by = move || {
        let mut ids = described_by(id, hint.is_some(), error.get().is_some()).unwrap_or_default();
        if !ids.is_empty() {
            ids.push(' ');
        }
        ids.push_str(&format!("{id}-info"));
        ids
    };
    view! {
        <div class=move || format!("{} govuk-character-count", group_class(error)())>
            <label class="govuk-label" for=id>{label}</label>
            {hint.map(|h| view! { <div class="govuk-hint" id=format!("{id}-hint")>{h}</div> })}
            <ErrorMessage id=id.to_owned() message=error />
            <textarea
                class=textarea_class
                id=id
                name=id
                rows="5"
                aria-describedby=described_by
                aria-invalid=move || error.get().map(|_| "true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
            <div id=format!("{id}-info") class=message_class aria-live="polite">{message}</div>
        </div>
    }
}

/// Checkboxes in a fieldset with a legend: any number of choices.
#[component]
pub fn Checkboxes(
    /// The group's id (and `data` field name); the first checkbox carries it.
    id: &'static str,
    /// The fieldset's legend: the question.
    legend: &'static str,
    /// The values ticked, in option order.
    values: RwSignal<Vec<String>>,
    /// The error message to show, if any.
    error: Signal<Option<String>>,
    /// The choices, in order.
    options: Vec<CheckboxOption>,
    /// Hint text under the legend.
    #[prop(optional)]
    hint: Option<&'static str>,
) -> impl IntoView {
    let order: Vec<&'static str> = options.iter().map(|o| o.value).collect();
    let items = options
        .into_iter()
        .enumerate()
        .map(|(i, opt)| {
            let input_id = if i == 0 { id.to_owned() } else { format!("{id}-{}", opt.value) };
            let reveal_id = format!("{id}-{}-reveal", opt.value);
            let v = opt.value;
            let ticked = move || values.with(|vs| vs.iter().any(|x| x == v));
            let order = order.clone();
            let reveal = opt.reveal.map(|content| reveal_view("checkboxes", reveal_id.clone(), ticked, content));
            view! {
                <div class="govuk-checkboxes__item">
                    <input
                        class="govuk-checkboxes__input"
                        id=input_id.clone()
                        name=id
                        type="checkbox"
                        value=v
                        aria-controls=reveal.is_some().then(|| format!("{id}-{v}-reveal"))
                        prop:checked=ticked
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            values.update(|vs| {
                                vs.retain(|x| x != v);
                                if on {
                                    vs.push(v.to_owned());
                                    // Keep the answers in the order the options are shown.
                                    vs.sort_by_key(|x| order.iter().position(|o| o == x));
                                }
                            });
                        }
                    />
                    <label class="govuk-label govuk-checkboxes__label" for=input_id>{opt.label}</label>
                </div>
                {reveal}
            }
        })
        .collect_view();
    view! {
        <Fieldset id legend error hint>
            <div class="govuk-checkboxes">{items}</div>
        </Fieldset>
    }
}

/// Where a task of a task list stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskStatus {
    /// Not begun.
    NotStarted,
    /// Begun but not finished.
    InProgress,
    /// Finished.
    Completed,
    /// Has a problem to fix.
    Error,
}

impl TaskStatus {
    fn label(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "Not yet started",
            TaskStatus::InProgress => "In progress",
            TaskStatus::Completed => "Completed",
            TaskStatus::Error => "There is a problem",
        }
    }
}

/// One task of a task list.
pub struct Task {
    /// A unique id for the task.
    pub id: &'static str,
    /// The task's name, a link to it.
    pub title: &'static str,
    /// Its status.
    pub status: Signal<TaskStatus>,
    /// What choosing the task does (show its section).
    pub open: Callback<()>,
}

/// GOV.UK task list: each task a link with its status, the status tied to the link for screen readers.
#[component]
pub fn TaskList(
    /// The tasks, in order.
    tasks: Vec<Task>,
) -> impl IntoView {
    let items = tasks
        .into_iter()
        .map(|t| {
            let status_id = format!("{}-status", t.id);
            let status = t.status;
            let status_view = move || match status.get() {
                TaskStatus::Completed => view! { <span>{TaskStatus::Completed.label()}</span> }.into_any(),
                s => {
                    let class =
                        if s == TaskStatus::Error { "govuk-tag govuk-tag--red" } else { "govuk-tag govuk-tag--blue" };
                    view! { <strong class=class>{s.label()}</strong> }.into_any()
                }
            };
            let open = t.open;
            view! {
                <li class="govuk-task-list__item govuk-task-list__item--with-link">
                    <div class="govuk-task-list__name-and-hint">
                        <a
                            class="govuk-link govuk-task-list__link"
                            href=format!("#{}", t.id)
                            aria-describedby=status_id.clone()
                            on:click=move |ev| {
                                ev.prevent_default();
                                open.run(());
                            }
                        >
                            {t.title}
                        </a>
                    </div>
                    <div class="govuk-task-list__status" id=status_id>{status_view}</div>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="govuk-task-list">{items}</ul> }
}
