use careform_kit::components::{DateInput, DateParts};
use leptos::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{mount, settle};

#[wasm_bindgen_test]
async fn a_date_is_three_labelled_inputs_in_a_group_the_day_carrying_its_id() {
    let value = DateParts::default();
    let ex =
        mount(move || view! { <DateInput id="issued" legend="Date of issue" hint="For example, 1 5 2024" value /> });
    settle().await;
    assert_eq!(ex.attr("fieldset", "role").as_deref(), Some("group"));
    assert_eq!(ex.attr("fieldset", "aria-describedby").as_deref(), Some("issued-hint"));
    for (id, label) in [("issued", "Day"), ("issued-month", "Month"), ("issued-year", "Year")] {
        assert_eq!(ex.text(&format!("label[for=\"{id}\"]")), label);
        assert_eq!(ex.attr(&format!("#{id}"), "inputmode").as_deref(), Some("numeric"));
    }
    assert_eq!(value.text(), "", "nothing typed is no date, not a wrong one");
    ex.assert_accessible().await;

    ex.type_into("#issued", "1");
    ex.type_into("#issued-month", "5");
    ex.type_into("#issued-year", "2024");
    assert_eq!(value.text(), "2024-05-01");

    ex.fail("issued", "Enter the date of issue as a real date");
    settle().await;
    assert_eq!(ex.attr("fieldset", "aria-describedby").as_deref(), Some("issued-hint issued-error"));
    assert_eq!(ex.attr("#issued-year", "aria-invalid").as_deref(), Some("true"));
    assert!(ex.has_class("#issued-month", "govuk-input--error"));
    ex.assert_accessible().await;

    // A saved date goes back into its parts as the person would type them.
    value.set_text("2025-01-06");
    settle().await;
    assert_eq!((value.day.get_untracked(), value.month.get_untracked()), ("6".into(), "1".into()));
    value.clear();
    assert_eq!(value.text(), "");
}
