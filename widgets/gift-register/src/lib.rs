//! `<careform-gift-register>` as its own wasm module: `careform.js` loads it only on pages that
//! show the element.

use wasm_bindgen::prelude::*;

mod offer;
mod results;
mod widget;

/// Mounts the gift register into `container` (`careform.js` calls this).
#[wasm_bindgen]
pub fn mount(container: web_sys::HtmlElement, config: JsValue, device: JsValue) -> Result<(), JsValue> {
    careform_kit::mount(container, config, device, |config| leptos::view! { <widget::GiftRegister config /> })
}
