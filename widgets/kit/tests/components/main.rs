//! The form kit in a real browser (wasm-bindgen-test in headless Chromium), one file per
//! component as in `src/components/`: what assistive technology and keyboard users depend on,
//! and axe-core's WCAG 2.2 A and AA rules over each component's examples.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::wasm_bindgen_test_configure;

wasm_bindgen_test_configure!(run_in_browser);

mod support;

mod add_another;
mod character_count;
mod checkboxes;
mod confirm;
mod date_input;
mod error_summary;
mod fieldset;
mod file_upload;
mod form;
mod problems;
mod radios;
mod summary_list;
mod tag;
mod task_list;
mod text_input;
