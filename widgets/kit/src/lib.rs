//! Careform's widget kit: the GOV.UK form components, the form flow (draft, outbox, signing,
//! delivery, receipt) and the mounting every widget shares. Each widget is its own crate and its
//! own wasm module over this one, so a page downloads only the widget it shows.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

pub mod components;
pub mod draft;
pub mod flow;
pub mod outbox;
pub mod submit;

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

/// Mounts `widget` into `container` with the settings `careform.js` passes (`{endpoint, origin,
/// profile}`) and the device signer it hands over. Each widget crate's exported `mount` calls this.
pub fn mount<V: IntoView + 'static>(
    container: web_sys::HtmlElement,
    config: JsValue,
    device: JsValue,
    widget: impl FnOnce(Config) -> V + 'static,
) -> Result<(), JsValue> {
    let config = read_config(config)?;
    submit::set_device(device);
    let handle = leptos::mount::mount_to(container, move || widget(config));
    // The widget lives as long as its element; the page never unmounts it.
    handle.forget();
    Ok(())
}

fn read_config(value: JsValue) -> Result<Config, JsValue> {
    let json = js_sys::JSON::stringify(&value).map_err(|_| JsValue::from_str("careform: config is not an object"))?;
    let config: Config = serde_json::from_str(&String::from(json))
        .map_err(|e| JsValue::from_str(&format!("careform: bad config: {e}")))?;
    Ok(Config { endpoint: config.endpoint.trim_end_matches('/').to_owned(), ..config })
}
