//! GOV.UK's "add another" pattern: a list of things the person adds one at a time, each row
//! summarised with Change and Remove, one row edited at a time beneath the list.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast as _;

use super::{FieldError, Text, focus_by_id, use_errors};

/// One row: its value, and a key that stays with it through changes and others' removal, so a
/// keyed `<For>` keeps each row's DOM (and the focus in it) where it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row<T> {
    /// Unique within its list.
    pub key: u32,
    /// The row's answers.
    pub value: T,
}

/// The rows of a list, in order: saved with the rest of the answers (it serializes as its rows).
#[derive(Serialize, Deserialize)]
#[serde(transparent)]
pub struct List<T: Send + Sync + 'static>(RwSignal<Vec<Row<T>>>);

impl<T: Send + Sync + 'static> Clone for List<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for List<T> {}

impl<T: Send + Sync + 'static> Default for List<T> {
    fn default() -> Self {
        List(RwSignal::new(Vec::new()))
    }
}

impl<T: Clone + Send + Sync + 'static> List<T> {
    /// Every row's key, in order (what `<For>` iterates).
    pub fn keys(&self) -> Vec<u32> {
        self.0.with(|rows| rows.iter().map(|r| r.key).collect())
    }

    /// The values, in order.
    pub fn values(&self) -> Vec<T> {
        self.0.with(|rows| rows.iter().map(|r| r.value.clone()).collect())
    }

    /// The value of row `key`, while it is in the list.
    pub fn get(&self, key: u32) -> Option<T> {
        self.0.with(|rows| rows.iter().find(|r| r.key == key).map(|r| r.value.clone()))
    }

    /// Where row `key` stands (0 first), while it is in the list.
    pub fn index(&self, key: u32) -> Option<usize> {
        self.0.with(|rows| rows.iter().position(|r| r.key == key))
    }

    /// The value of row `key` now, without subscribing to the list (for event handlers).
    pub fn peek(&self, key: u32) -> Option<T> {
        self.0.with_untracked(|rows| rows.iter().find(|r| r.key == key).map(|r| r.value.clone()))
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.0.with(Vec::is_empty)
    }

    /// Adds `value` at the end; returns its key.
    pub fn push(&self, value: T) -> u32 {
        let mut key = 0;
        self.0.update(|rows| {
            key = rows.iter().map(|r| r.key + 1).max().unwrap_or(0);
            rows.push(Row { key, value });
        });
        key
    }

    /// Replaces row `key`'s value (nothing, if it has gone).
    pub fn set(&self, key: u32, value: T) {
        self.0.update(|rows| {
            if let Some(r) = rows.iter_mut().find(|r| r.key == key) {
                r.value = value;
            }
        });
    }

    /// Removes row `key`.
    pub fn remove(&self, key: u32) {
        self.0.update(|rows| rows.retain(|r| r.key != key));
    }
}

/// What the editor beneath a list is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Editing {
    /// Closed: the add button shows.
    Closed,
    /// Adding a new row.
    Adding,
    /// Changing the row with this key.
    Changing(u32),
}

/// A [`List`] with its editor's state: what [`AddAnother`] shows and changes.
pub struct AddAnotherList<T: Send + Sync + 'static> {
    /// The rows.
    pub list: List<T>,
    /// Adding, changing a row, or closed (not saved in the draft: a reload closes the editor).
    pub editing: RwSignal<Editing>,
}

impl<T: Send + Sync + 'static> Clone for AddAnotherList<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for AddAnotherList<T> {}

impl<T: Clone + Send + Sync + 'static> AddAnotherList<T> {
    /// `list`, its editor closed.
    pub fn new(list: List<T>) -> Self {
        AddAnotherList { list, editing: RwSignal::new(Editing::Closed) }
    }

    /// Whether a row is being added or changed.
    pub fn is_open(&self) -> bool {
        self.editing.get() != Editing::Closed
    }

    /// Saves the edited row: the new row at the end, or the changed row in its place.
    pub fn save(&self, value: T) {
        match self.editing.get_untracked() {
            Editing::Changing(key) if self.list.peek(key).is_some() => self.list.set(key, value),
            _ => {
                self.list.push(value);
            }
        }
        self.editing.set(Editing::Closed);
    }
}

/// The list in a GOV.UK summary list, each row with Change and Remove, then either the editor
/// (while adding or changing) or the add button. Saving shows the editor's problems in the
/// form's error summary, or saves the row and closes the editor.
#[component]
pub fn AddAnother<T, R, V>(
    /// The list and its editor's state.
    rows: AddAnotherList<T>,
    /// The add button's id: an error summary can point at it ("Add at least one worker").
    #[prop(into)]
    add_id: Text,
    /// What one row is ("worker": "Add a worker", "Add another worker", "Change worker"; "offer":
    /// "Add an offer"): its article is [`indefinite_article`]'s.
    noun: &'static str,
    /// A row's name, for the visually hidden end of "Change Jo Bloggs" and "Remove Jo Bloggs".
    name: fn(&T) -> String,
    /// One row's summary by its key: a `govuk-summary-list__row` ending in [`RowActions`].
    row: R,
    /// Fills the editor with a row to change (`Some`), or empties it for a new one (`None`).
    #[prop(into)]
    open: Callback<Option<T>>,
    /// The editor's answers as a row, or what to fix first.
    #[prop(into)]
    save: Callback<(), Result<T, Vec<FieldError>>>,
    /// The editor's questions (the component's children).
    children: ChildrenFn,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    R: Fn(u32) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let errors = use_errors();
    provide_context(RowControls {
        name: Callback::new(move |key| rows.list.get(key).map(|v| name(&v)).unwrap_or_default()),
        change: Callback::new(move |key| {
            if let Some(value) = rows.list.peek(key) {
                open.run(Some(value));
                rows.editing.set(Editing::Changing(key));
            }
        }),
        remove: Callback::new(move |key| {
            if rows.editing.get_untracked() == Editing::Changing(key) {
                rows.editing.set(Editing::Closed);
                open.run(None);
            }
            rows.list.remove(key);
        }),
        add_id: add_id.to_string(),
    });
    let heading = move || match rows.editing.get() {
        Editing::Changing(_) => format!("Change {noun}"),
        _ => format!("Add {} {noun}", indefinite_article(noun)),
    };
    let on_save = move |_| match save.run(()) {
        Err(problems) => errors.set(problems),
        Ok(value) => {
            errors.set(Vec::new());
            rows.save(value);
            open.run(None);
        }
    };
    let on_cancel = move |_| {
        rows.editing.set(Editing::Closed);
        open.run(None);
        errors.set(Vec::new());
    };
    let on_add = move |_| {
        open.run(None);
        rows.editing.set(Editing::Adding);
    };
    view! {
        <dl class="govuk-summary-list">
            <For each=move || rows.list.keys() key=|k| *k children=row />
        </dl>
        {move || {
            rows.is_open().then(|| view! {
                <div class="govuk-inset-text">
                    <h3 class="govuk-heading-s">{heading}</h3>
                    {children()}
                    <div class="govuk-button-group">
                        <button type="button" class="govuk-button" on:click=on_save>{format!("Save {noun}")}</button>
                        <button type="button" class="govuk-button govuk-button--secondary" on:click=on_cancel>"Cancel"</button>
                    </div>
                </div>
            })
        }}
        <div hidden=move || rows.is_open()>
            <button type="button" id=add_id class="govuk-button govuk-button--secondary" on:click=on_add>
                {move || if rows.list.is_empty() { format!("Add {} {noun}", indefinite_article(noun)) } else { format!("Add another {noun}") }}
            </button>
        </div>
    }
}

/// "a" or "an" before `noun`, by its first letter: "an offer", "an attorney", "a worker", "a key".
/// By spelling, not sound, so a noun that starts with a vowel sound it does not spell ("hour") or
/// a consonant sound it does not spell ("user", "one-off") would read wrongly: use another noun.
pub fn indefinite_article(noun: &str) -> &'static str {
    match noun.chars().next().map(|c| c.to_ascii_lowercase()) {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

/// What [`RowActions`] needs from the [`AddAnother`] around it.
#[derive(Clone)]
struct RowControls {
    name: Callback<u32, String>,
    change: Callback<u32>,
    remove: Callback<u32>,
    add_id: String,
}

/// A row's Change and Remove buttons (the row's last cell), each naming the row for screen
/// readers. Only inside an [`AddAnother`]'s `row`.
#[component]
pub fn RowActions(
    /// The row's key.
    key: u32,
) -> impl IntoView {
    let controls = use_context::<RowControls>().expect("RowActions is used inside an AddAnother row");
    let RowControls { name, change, remove, add_id } = controls;
    // A changed row keeps its key (and its DOM), so its name is read afresh.
    let named = move || format!(" {}", name.run(key));
    let on_remove = move |ev: leptos::ev::MouseEvent| {
        // The button goes with its row: keyboard users carry on from the add button.
        if let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
            focus_by_id(&el, &add_id);
        }
        remove.run(key);
    };
    view! {
        <dd class="govuk-summary-list__actions">
            <ul class="govuk-summary-list__actions-list">
                <li class="govuk-summary-list__actions-list-item">
                    <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" on:click=move |_| change.run(key)>
                        "Change"<span class="govuk-visually-hidden">{named}</span>
                    </button>
                </li>
                <li class="govuk-summary-list__actions-list-item">
                    <button type="button" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" on:click=on_remove>
                        "Remove"<span class="govuk-visually-hidden">{named}</span>
                    </button>
                </li>
            </ul>
        </dd>
    }
}
