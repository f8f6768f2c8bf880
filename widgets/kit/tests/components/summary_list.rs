use careform_kit::components::SummaryRow;
use leptos::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{mount, settle};

#[wasm_bindgen_test]
async fn summary_rows_pair_each_label_with_its_answer() {
    let ex = mount(|| {
        view! {
            <dl class="govuk-summary-list">
                <SummaryRow key="Reference" value="CF-AB12-CD34" />
                <SummaryRow key=format!("Code version {}", 3) value=String::from("2026-1") />
            </dl>
        }
    });
    settle().await;
    assert_eq!(ex.text(".govuk-summary-list__row dt"), "Reference");
    assert_eq!(ex.text(".govuk-summary-list__row dd"), "CF-AB12-CD34");
    assert_eq!(ex.text(".govuk-summary-list__row:nth-child(2) dt"), "Code version 3");
    ex.assert_accessible().await;
}
