//! Careform's browser widgets: Leptos components mounted into custom elements' shadow roots by
//! `js/careform.js`, or into any element by `mount`.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

mod dbs_insurance;
mod draft;
mod flow;
pub mod kit;
mod outbox;
mod pa;
pub mod submit;
mod task_scope;

/// A widget's settings, from its element's attributes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Config {
    /// The Careform server's base URL, e.g. `https://forms.example.gov.uk`.
    pub endpoint: String,
    /// The embedding page's origin.
    pub origin: String,
    /// The policy profile a checker applies (the element's `profile` attribute).
    #[serde(default)]
    pub profile: Option<String>,
}

/// Today in the browser's time zone: the one place the widgets read the clock; rules get it passed in.
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date())
        .expect("the browser's date is a real date")
}

/// The local-storage key for `kind` (draft, outbox) of `form` on this page: one per form per page.
pub(crate) fn page_key(kind: &str, form: &str) -> String {
    let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    format!("careform:{kind}:{form}:{path}")
}

/// Mounts the widget named `widget` into `container` (inside a shadow root or anywhere else).
#[wasm_bindgen]
pub fn mount(container: web_sys::HtmlElement, widget: &str, config: JsValue) -> Result<(), JsValue> {
    let config: Config = serde_wasm_config(config)?;
    let config = Config { endpoint: config.endpoint.trim_end_matches('/').to_owned(), ..config };
    let handle = match widget {
        "pa-acknowledgement" => {
            leptos::mount::mount_to(container, move || view! { <pa::PaAcknowledgement config /> }.into_any())
        }
        "task-scope" => {
            leptos::mount::mount_to(container, move || view! { <task_scope::TaskScope config /> }.into_any())
        }
        "dbs-insurance" => {
            leptos::mount::mount_to(container, move || view! { <dbs_insurance::DbsInsurance config /> }.into_any())
        }
        other => return Err(JsValue::from_str(&format!("careform: no widget called {other:?}"))),
    };
    // The widget lives as long as its element; the page never unmounts it.
    handle.forget();
    Ok(())
}

/// The task scope checker without a form: the report `careform check task-scope` prints for the
/// same plan (JSON text), profile and date. For hosts that have the tasks already.
#[wasm_bindgen(js_name = checkTaskScope)]
pub fn check_task_scope(plan_json: &str, profile: &str, today: &str) -> Result<String, JsValue> {
    use careform_rules::task_scope::{Plan, Profile, check_plan};
    let profile = Profile::built_in(profile).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let today = match today {
        "" => self::today(),
        t => careform_rules::date::parse_iso(t)
            .ok_or_else(|| JsValue::from_str(&format!("today: {t:?} is not a date, YYYY-MM-DD")))?,
    };
    let plan: Plan = serde_json::from_str(plan_json)
        .map_err(|e| JsValue::from_str(&format!("the input is not a valid task-scope plan: {e}")))?;
    let report = check_plan(&plan, &profile, today).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(serde_json::to_string(&report).expect("reports serialize"))
}

fn serde_wasm_config(value: JsValue) -> Result<Config, JsValue> {
    let json = js_sys::JSON::stringify(&value).map_err(|_| JsValue::from_str("careform: config is not an object"))?;
    serde_json::from_str(&String::from(json)).map_err(|e| JsValue::from_str(&format!("careform: bad config: {e}")))
}
