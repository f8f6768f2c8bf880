//! Careform's widget kit: the GOV.UK form components, the form flow (draft, outbox, signing,
//! delivery, receipt) and the mounting every widget shares. Each widget is its own crate and its
//! own wasm module over this one, so a page downloads only the widget it shows.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

pub mod components;
pub mod draft;
pub mod files;
pub mod flow;
pub mod form;
mod idb;
pub mod outbox;
pub mod parts;
pub mod storage;
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
    /// The council's time zone (IANA name; the element's `time-zone` attribute): the rules'
    /// "today" is the calendar date there, as in the server and the CLI.
    #[serde(default = "default_time_zone")]
    pub time_zone: String,
}

fn default_time_zone() -> String {
    DEFAULT_TIME_ZONE.to_owned()
}

/// The default council time zone (England), as the server's.
pub const DEFAULT_TIME_ZONE: &str = "Europe/London";

thread_local! {
    static TIME_ZONE: std::cell::RefCell<String> = std::cell::RefCell::new(DEFAULT_TIME_ZONE.to_owned());
}

/// Today in the council's time zone: the one place the widgets read the clock; rules get it
/// passed in.
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    TIME_ZONE.with(|zone| today_in(&now, &zone.borrow())).unwrap_or_else(|| {
        // A browser that does not know the zone: its own calendar date is the best left.
        NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date())
            .expect("the browser's date is a real date")
    })
}

/// The calendar date of `instant` in the IANA time zone `zone`, through the browser's `Intl`
/// (no time zone database in the wasm); `None` when the browser does not know the zone.
pub fn today_in(instant: &js_sys::Date, zone: &str) -> Option<NaiveDate> {
    let options = js_sys::Object::new();
    for (k, v) in [("timeZone", zone), ("year", "numeric"), ("month", "2-digit"), ("day", "2-digit")] {
        js_sys::Reflect::set(&options, &k.into(), &v.into()).ok()?;
    }
    // Constructed through Reflect so an unknown zone (a RangeError) comes back as an error rather
    // than unwinding through the wasm. en-CA writes dates as YYYY-MM-DD.
    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor: js_sys::Function = js_sys::Reflect::get(&intl, &"DateTimeFormat".into()).ok()?.dyn_into().ok()?;
    let args = js_sys::Array::of2(&"en-CA".into(), &options);
    let format = js_sys::Reflect::construct(&constructor, &args).ok()?;
    let text = js_sys::Reflect::get(&format, &"format".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?
        .call1(&JsValue::NULL, instant)
        .ok()?
        .as_string()?;
    careform_rules::date::parse_iso(&text)
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
    TIME_ZONE.with(|zone| *zone.borrow_mut() = config.time_zone.clone());
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
