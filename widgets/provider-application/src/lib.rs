//! `<careform-provider-application>` as its own wasm module: `careform.js` loads it only on pages
//! that show the element.

use wasm_bindgen::prelude::*;

mod answers;
mod application;
mod pages;
mod sections;
mod widget;

/// Mounts the micro-provider application into `container` (`careform.js` calls this).
#[wasm_bindgen]
pub fn mount(container: web_sys::HtmlElement, config: JsValue, device: JsValue) -> Result<(), JsValue> {
    careform_kit::mount(container, config, device, |config| leptos::view! { <widget::ProviderApplication config /> })
}
