use careform_kit::components::{FileUpload, default_hint};
use careform_kit::files::{EvidenceItem, kept};
use careform_kit::flow::Stage;
use careform_kit::form::{Form, use_form};
use careform_kit::{Config, outbox};
use careform_rules::files::{MAX_FILE_BYTES, PDF, sha256_hex};
use leptos::prelude::*;
use serde_json::{Map, json};
use wasm_bindgen::JsCast as _;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{Example, mount, settle};

/// A tiny PDF, as a person's scanner might save one.
const PDF_BYTES: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

/// Chooses a file named `name` holding `bytes` in the example's file input, as the browser's
/// file picker does, and waits until the component has dealt with it.
async fn choose(ex: &Example, name: &str, bytes: &[u8]) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let file = web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap();
    let picked = web_sys::DataTransfer::new().unwrap();
    picked.items().add_with_file(&file).unwrap();
    let input: web_sys::HtmlInputElement = ex.find("input").unchecked_into();
    input.set_files(picked.files().as_ref());
    input.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    for _ in 0..200 {
        settle().await;
        if !ex.text("[role=status]").starts_with("Checking") {
            return;
        }
    }
    panic!("the file was not dealt with");
}

#[wasm_bindgen_test]
async fn a_chosen_pdf_becomes_its_evidence_item_and_is_kept_on_the_device() {
    let value = RwSignal::new(None::<EvidenceItem>);
    let ex = mount(move || {
        view! { <FileUpload id="complaints-policy" kind="complaints_policy" label="Complaints policy" value /> }
    });
    settle().await;
    assert_eq!(ex.attr("label", "for").as_deref(), Some("complaints-policy"));
    assert_eq!(ex.attr("input", "type").as_deref(), Some("file"));
    assert_eq!(ex.attr("input", "aria-describedby").as_deref(), Some("complaints-policy-hint"));
    assert_eq!(ex.text("#complaints-policy-hint"), default_hint());
    assert!(default_hint().contains("PDF, JPEG, PNG, Word (DOCX) or OpenDocument text (ODT), smaller than 10MB"));
    ex.assert_accessible().await;

    choose(&ex, "complaints.pdf", PDF_BYTES).await;
    let sha256 = sha256_hex(PDF_BYTES);
    assert_eq!(
        value.get_untracked(),
        Some(EvidenceItem {
            kind: "complaints_policy".into(),
            name: "complaints.pdf".into(),
            media_type: PDF.into(),
            bytes: PDF_BYTES.len() as u64,
            sha256: sha256.clone(),
        })
    );
    assert_eq!(ex.text("[role=status]"), format!("complaints.pdf ({} bytes) is ready to send.", PDF_BYTES.len()));
    assert_eq!(ex.attr("[role=status]", "data-careform-file"), Some(sha256.clone()));
    assert_eq!(kept(&sha256).await.as_deref(), Some(PDF_BYTES), "the bytes wait in IndexedDB for the outbox");
    assert!(!ex.has(".govuk-error-message"));
    ex.assert_accessible().await;
}

#[wasm_bindgen_test]
async fn a_file_of_another_type_empty_or_too_large_is_refused_with_the_govuk_message() {
    let value = RwSignal::new(None::<EvidenceItem>);
    let ex = mount(move || {
        view! { <FileUpload id="dbs" kind="dbs_checks" label="DBS certificates" hint="A scan of each certificate" value /> }
    });
    settle().await;
    assert_eq!(ex.text("#dbs-hint"), "A scan of each certificate");
    for (name, bytes, message) in [
        (
            "policy.pdf",
            b"Typed in Notepad, saved as policy.pdf".to_vec(),
            "The selected file must be a PDF, JPEG, PNG, Word (DOCX) or OpenDocument text (ODT)",
        ),
        ("empty.pdf", vec![], "The selected file is empty"),
        ("huge.pdf", vec![b'%'; MAX_FILE_BYTES as usize + 1], "The selected file must be smaller than 10MB"),
    ] {
        choose(&ex, name, &bytes).await;
        assert_eq!(value.get_untracked(), None, "{name}");
        assert_eq!(ex.text("#dbs-error"), format!("Error: {message}"), "{name}");
        assert_eq!(ex.attr("input", "aria-invalid").as_deref(), Some("true"));
        assert_eq!(ex.attr("input", "aria-describedby").as_deref(), Some("dbs-hint dbs-error"));
        assert!(ex.has_class("input", "govuk-file-upload--error"));
        // In the form's errors, so the error summary lists it and links to the control.
        assert_eq!(ex.errors.get_untracked().iter().filter(|e| e.target == "dbs").count(), 1);
        ex.assert_accessible().await;
    }
    // A good file clears the error.
    choose(&ex, "dbs.pdf", PDF_BYTES).await;
    assert!(value.get_untracked().is_some());
    assert!(!ex.has("#dbs-error"));
    assert!(ex.errors.get_untracked().is_empty());
}

/// A 1×1 white PNG.
const PNG_HEX: &str = "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c49444154789c63f8ffff3f0005fe02fe0def46b80000000049454e44ae426082";

#[wasm_bindgen_test]
async fn with_the_server_unreachable_the_submission_and_its_file_wait_on_the_device() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let png: Vec<u8> =
        (0..PNG_HEX.len()).step_by(2).map(|i| u8::from_str_radix(&PNG_HEX[i..i + 2], 16).unwrap()).collect();
    // Nothing listens on port 9: every request fails as a dropped connection does.
    let config: Config =
        serde_json::from_str(r#"{"endpoint":"http://127.0.0.1:9","origin":"http://127.0.0.1:9"}"#).unwrap();
    let id = careform_rules::provider_application::ID;
    let value = RwSignal::new(None::<EvidenceItem>);
    let form = RwSignal::new(None::<Form>);
    let ex = mount(move || {
        let (f, ()) = use_form::<()>(&careform_rules::provider_application::DEFINITION, &config);
        form.set(Some(f));
        view! { <FileUpload id="price-list" kind="price_list" label="Price list" value /> }
    });
    settle().await;
    choose(&ex, "prices.png", &png).await;
    let item = value.get_untracked().expect("the file is ready although its upload failed");
    assert_eq!(item.media_type, "image/png");
    assert_eq!(kept(&item.sha256).await, Some(png.clone()), "kept on the device for the outbox");

    let form = form.get_untracked().unwrap();
    let mut data = Map::new();
    data.insert("evidence".into(), json!([item]));
    form.send(data, vec![]);
    let mut waiting = None;
    for _ in 0..300 {
        settle().await;
        if let Stage::Waiting(message) = form.delivery.stage.get_untracked() {
            waiting = Some(message);
            break;
        }
    }
    let message = waiting.expect("the submission waits in the outbox");
    assert!(message.contains("upload your files"), "it stopped at the files, before signing: {message}");
    let pending = outbox::pending(id).expect("the submission stays in the outbox, to be retried");
    assert_eq!(pending.data["evidence"][0]["sha256"], json!(item.sha256));
    assert_eq!(kept(&item.sha256).await, Some(png), "and its file stays on the device");
    outbox::clear(id);
    storage.clear().unwrap();
}
