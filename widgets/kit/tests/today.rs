//! The rules' "today" in a real browser (wasm-bindgen-test in headless Chromium): the council's
//! calendar date, through the browser's Intl.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The rules' "today" is the council's calendar date, not the browser's or UTC's.
#[wasm_bindgen_test]
fn today_is_the_date_in_the_councils_time_zone() {
    use chrono::NaiveDate;
    // 23:30 UTC on 30 June 2026 is 00:30 on 1 July in London (BST).
    let late = js_sys::Date::new(&"2026-06-30T23:30:00Z".into());
    assert_eq!(careform_kit::today_in(&late, "Europe/London"), NaiveDate::from_ymd_opt(2026, 7, 1));
    assert_eq!(careform_kit::today_in(&late, "UTC"), NaiveDate::from_ymd_opt(2026, 6, 30));
    assert_eq!(careform_kit::today_in(&late, "Not/AZone"), None);
}
