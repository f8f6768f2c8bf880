//! `<careform-dbs-insurance>` as its own wasm module: `careform.js` loads it only on pages that
//! show the element.

use wasm_bindgen::prelude::*;

mod results;
mod widget;
mod worker;

/// Mounts the DBS and insurance validator into `container` (`careform.js` calls this).
#[wasm_bindgen]
pub fn mount(container: web_sys::HtmlElement, config: JsValue, device: JsValue) -> Result<(), JsValue> {
    careform_kit::mount(container, config, device, |config| leptos::view! { <widget::DbsInsurance config /> })
}
