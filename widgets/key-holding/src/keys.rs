//! The keys received, added, changed and removed with GOV.UK's add-another pattern; a tag that
//! gives the client away is flagged while it is typed (KH-20), with the rule the server applies.

use careform_kit::components::{AddAnother, AddAnotherList, FieldError, RowActions, TextInput, outcome_tag};
use careform_rules::Outcome;
use careform_rules::key_holding::{Client, Key, tag_problem};
use leptos::prelude::*;

/// The key being added or changed (kept in the draft only once saved).
#[derive(Clone, Copy, Default)]
pub(crate) struct KeyForm {
    tag: RwSignal<String>,
    doors: RwSignal<String>,
    copies: RwSignal<String>,
}

impl KeyForm {
    /// Empties the answers, or fills them from `key` to change it.
    fn load(&self, key: Option<&Key>) {
        let k = key.cloned().unwrap_or_default();
        self.tag.set(k.tag);
        self.doors.set(k.doors);
        self.copies.set(if k.copies == 0 { String::new() } else { k.copies.to_string() });
    }

    /// The key, or what to fix first.
    fn key(&self) -> Result<Key, Vec<FieldError>> {
        let mut e = Vec::new();
        if self.tag.get().trim().is_empty() {
            e.push(FieldError::new("key_tag", "Enter the code on the key's tag"));
        }
        if self.doors.get().trim().is_empty() {
            e.push(FieldError::new("key_doors", "Enter which doors the key opens"));
        }
        let copies = self.copies.get().trim().parse::<u32>().ok().filter(|c| *c > 0);
        if copies.is_none() {
            e.push(FieldError::new("key_copies", "Enter the number of copies as a whole number, 1 or more"));
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(Key {
            tag: self.tag.get().trim().to_owned(),
            doors: self.doors.get().trim().to_owned(),
            copies: copies.unwrap_or(1),
        })
    }
}

/// The tag's problem as it is typed, in a live region so it is heard as well as seen.
#[component]
fn TagWarning(tag: RwSignal<String>, client: Signal<Client>) -> impl IntoView {
    let problem = move || client.with(|c| tag_problem(&tag.get(), c));
    let (class, label) = outcome_tag(Outcome::Fail);
    view! {
        <div aria-live="polite">
            {move || problem().map(|why| view! {
                <p class="govuk-body" data-careform-tag-warning>
                    <strong class=class>{label}</strong>" "{format!("Change the tag: {why}")}
                </p>
            })}
        </div>
    }
}

/// One saved key: its tag, doors and copies, with Change and Remove.
#[component]
fn KeyRow(key: u32, keys: AddAnotherList<Key>) -> impl IntoView {
    let k = move || keys.list.get(key).unwrap_or_default();
    view! {
        <div class="govuk-summary-list__row" data-careform-key=move || k().tag>
            <dt class="govuk-summary-list__key">{move || k().tag}</dt>
            <dd class="govuk-summary-list__value">
                {move || {
                    let k = k();
                    format!("{}: {} {}", k.doors, k.copies, if k.copies == 1 { "copy" } else { "copies" })
                }}
            </dd>
            <RowActions key />
        </div>
    }
}

/// The keys list, its editor and its add button.
#[component]
pub(crate) fn Keys(keys: AddAnotherList<Key>, editor: KeyForm, client: Signal<Client>) -> impl IntoView {
    view! {
        <AddAnother
            rows=keys
            add_id="add_key"
            noun="key"
            name={|k: &Key| k.tag.clone()}
            row=move |key| view! { <KeyRow key keys /> }
            open={move |k: Option<Key>| editor.load(k.as_ref())}
            save={move |()| editor.key()}
        >
            <TextInput id="key_tag" label="Tag code" hint="A code only, such as K-0417: never the client's name, address or postcode" value=editor.tag autocomplete="off" width_class="govuk-input--width-10" />
            <TagWarning tag=editor.tag client />
            <TextInput id="key_doors" label="Which doors it opens" hint="For example, front door" value=editor.doors />
            <TextInput id="key_copies" label="Number of copies received" value=editor.copies width_class="govuk-input--width-3" />
        </AddAnother>
    }
}
