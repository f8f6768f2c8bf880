//! What every component test needs: a mounted example with the form's errors as context, a few
//! DOM helpers, and axe-core's WCAG 2.2 A and AA rules run over the example.

use careform_kit::components::{Errors, FieldError, provide_errors};
use leptos::prelude::*;
use wasm_bindgen::JsCast as _;
use wasm_bindgen::JsValue;

/// axe-core, the same build the end-to-end tests run on whole pages.
const AXE: &str = include_str!("../../../../node_modules/axe-core/axe.min.js");
/// GOV.UK Frontend's styles, as the widgets ship them: axe judges what people see (target
/// sizes, contrast), and unstyled controls are not that.
const GOVUK_CSS: &str = include_str!("../../../../node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css");
/// The tags the end-to-end tests run: WCAG 2.0, 2.1 and 2.2, levels A and AA.
const AXE_OPTIONS: &str = r#"{"runOnly":{"type":"tag","values":["wcag2a","wcag2aa","wcag21a","wcag21aa","wcag22aa"]}}"#;

/// An example mounted in its own element of the test page; removed when dropped, so ids in one
/// test never collide with another's.
pub struct Example {
    pub root: web_sys::HtmlElement,
    /// The errors the example's controls read from context.
    pub errors: Errors,
}

/// Mounts `view` with an empty list of errors as its form's context.
pub fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> Example {
    let document = web_sys::window().unwrap().document().unwrap();
    if document.get_element_by_id("govuk-frontend-css").is_none() {
        let style = document.create_element("style").unwrap();
        style.set_id("govuk-frontend-css");
        style.set_text_content(Some(GOVUK_CSS));
        document.head().unwrap().append_child(&style).unwrap();
        document.body().unwrap().set_class_name("govuk-template__body govuk-frontend-supported");
    }
    let root: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let errors: Errors = RwSignal::new(Vec::new());
    leptos::mount::mount_to(root.clone(), move || {
        provide_errors(errors);
        view()
    })
    .forget();
    Example { root, errors }
}

impl Drop for Example {
    fn drop(&mut self) {
        self.root.remove();
    }
}

impl Example {
    /// The first element matching `selector`.
    pub fn find(&self, selector: &str) -> web_sys::HtmlElement {
        self.root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}")).unchecked_into()
    }

    /// Whether anything matches `selector`.
    pub fn has(&self, selector: &str) -> bool {
        self.root.query_selector(selector).unwrap().is_some()
    }

    /// Attribute `name` of the first element matching `selector`.
    pub fn attr(&self, selector: &str, name: &str) -> Option<String> {
        self.find(selector).get_attribute(name)
    }

    /// The text of the first element matching `selector`.
    pub fn text(&self, selector: &str) -> String {
        self.find(selector).text_content().unwrap_or_default()
    }

    /// Whether the element matching `selector` has class `class`.
    pub fn has_class(&self, selector: &str, class: &str) -> bool {
        self.find(selector).class_list().contains(class)
    }

    /// Types `text` into the input or textarea matching `selector`, as a person would.
    pub fn type_into(&self, selector: &str, text: &str) {
        let el = self.find(selector);
        js_sys::Reflect::set(&el, &"value".into(), &text.into()).unwrap();
        el.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    }

    /// Clicks the element matching `selector`.
    pub fn click(&self, selector: &str) {
        self.find(selector).click();
    }

    /// Shows `message` for the field `target`, as a form's check would.
    pub fn fail(&self, target: &str, message: &str) {
        self.errors.set(vec![FieldError::new(target, message)]);
    }

    /// axe-core's WCAG 2.2 A and AA violations in the example, as "rule: targets" lines.
    pub async fn axe(&self) -> Vec<String> {
        let global = js_sys::global();
        if !js_sys::Reflect::has(&global, &"axe".into()).unwrap() {
            // Through the Function constructor: global scope, as a page's script would run.
            js_sys::Function::new_no_args(AXE).call0(&JsValue::NULL).unwrap();
        }
        let axe = js_sys::Reflect::get(&global, &"axe".into()).unwrap();
        let run: js_sys::Function = js_sys::Reflect::get(&axe, &"run".into()).unwrap().unchecked_into();
        let options = js_sys::JSON::parse(AXE_OPTIONS).unwrap();
        let promise: js_sys::Promise = run.call2(&axe, &self.root, &options).unwrap().unchecked_into();
        let results = wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
        let violations: js_sys::Array = js_sys::Reflect::get(&results, &"violations".into()).unwrap().unchecked_into();
        violations
            .iter()
            .map(|v| {
                let id = js_sys::Reflect::get(&v, &"id".into()).unwrap().as_string().unwrap_or_default();
                let nodes = js_sys::Reflect::get(&v, &"nodes".into()).unwrap();
                let targets = js_sys::JSON::stringify(&nodes).map(String::from).unwrap_or_default();
                format!("{id}: {}", targets.chars().take(300).collect::<String>())
            })
            .collect()
    }

    /// Asserts axe finds nothing, now and (for conditional content) in each state the test sets.
    pub async fn assert_accessible(&self) {
        assert_eq!(self.axe().await, Vec::<String>::new(), "axe-core WCAG 2.2 A/AA violations");
    }
}

/// Lets Leptos's scheduled effects run.
pub async fn settle() {
    gloo_timers::future::TimeoutFuture::new(20).await;
}

/// The check itself: an input nobody labelled is caught, so a clean run means something.
#[wasm_bindgen_test::wasm_bindgen_test]
async fn axe_catches_an_unlabelled_input() {
    let ex = mount(|| view! { <input type="text" id="nameless" /> });
    settle().await;
    let found = ex.axe().await;
    assert!(found.iter().any(|v| v.starts_with("label:")), "{found:?}");
}
