//! Careform's browser widgets. For now, the pipeline probe the demo page loads: it proves the
//! wasm build, the rules and the signing crate all run in the browser.

use careform_seal::{canonicalize_serializable, generate_key, sha256_b64u, thumbprint};
use wasm_bindgen::prelude::*;

/// Renders the probe into `element`: the rules' forms and a freshly made device key's thumbprint.
#[wasm_bindgen]
pub fn mount(element: &web_sys::Element) -> Result<(), JsValue> {
    let document = element.owner_document().ok_or("element is not in a document")?;
    let status = document.create_element("p")?;
    status.set_attribute("data-careform-status", "ready")?;
    let forms: Vec<String> = careform_rules::forms()
        .iter()
        .map(|f| format!("{} v{} ({})", f.id, f.version, &sha256_b64u(&canonicalize_serializable(f))[..8]))
        .collect();
    let key = generate_key();
    status.set_text_content(Some(&format!(
        "Careform widgets loaded (WebAssembly). Forms: {}. Device key thumbprint: {}.",
        forms.join(", "),
        thumbprint(&key.verifying_key())
    )));
    element.append_child(&status)?;
    Ok(())
}
