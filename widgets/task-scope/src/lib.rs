//! `<careform-task-scope>` as its own wasm module: `careform.js` loads it only on pages that show
//! the element, or when a script calls `checkTaskScope`.

use wasm_bindgen::prelude::*;

mod answers;
mod delegations;
mod results;
mod widget;

/// Mounts the task scope checker into `container` (`careform.js` calls this).
#[wasm_bindgen]
pub fn mount(container: web_sys::HtmlElement, config: JsValue, device: JsValue) -> Result<(), JsValue> {
    careform_kit::mount(container, config, device, |config| leptos::view! { <widget::TaskScope config /> })
}

/// The task scope checker without a form: the report `careform check task-scope` prints for the
/// same plan (JSON text), profile and date. For hosts that have the tasks already.
#[wasm_bindgen(js_name = checkTaskScope)]
pub fn check_task_scope(plan_json: &str, profile: &str, today: &str) -> Result<String, JsValue> {
    use careform_rules::task_scope::{Plan, Profile, check_plan};
    let profile = Profile::built_in(profile).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let today = match today {
        "" => careform_kit::today(),
        t => careform_rules::date::parse_iso(t)
            .ok_or_else(|| JsValue::from_str(&format!("today: {t:?} is not a date, YYYY-MM-DD")))?,
    };
    let plan: Plan = serde_json::from_str(plan_json)
        .map_err(|e| JsValue::from_str(&format!("the input is not a valid task-scope plan: {e}")))?;
    let report = check_plan(&plan, &profile, today).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(serde_json::to_string(&report).expect("reports serialize"))
}
