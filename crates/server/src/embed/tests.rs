use std::collections::BTreeMap;

use super::*;

fn query(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

fn task_scope() -> &'static Widget {
    widget("task-scope").unwrap()
}

#[test]
fn the_widgets_are_the_ones_careform_js_defines_and_each_is_a_form() {
    // The manifest block of the entry host pages load: `"id": { js: ..., wasm: ... }`.
    let entry = include_str!("../../../../widgets/js/careform.js");
    let manifest = &entry[entry.find("widgets: {").unwrap()..entry.find("/*careform:end*/").unwrap()];
    let defined: Vec<&str> = manifest.lines().filter_map(|l| l.trim().strip_prefix('"')?.split('"').next()).collect();
    let ours: Vec<&str> = WIDGETS.iter().map(|w| w.id).collect();
    assert_eq!(defined, ours);
    for w in &WIDGETS {
        assert!(careform_rules::forms().any(|d| d.id == w.id), "{} is not a form", w.id);
    }
}

#[test]
fn good_settings_become_attributes() {
    let s = settings(task_scope(), &query(&[("profile", "somerset-micro-provider"), ("time-zone", "Europe/London")]));
    assert_eq!(
        s,
        Ok(Settings { profile: Some("somerset-micro-provider".into()), time_zone: Some("Europe/London".into()) })
    );
    // Empty means not given, as an empty attribute does.
    assert_eq!(settings(task_scope(), &query(&[("profile", "")])), Ok(Settings::default()));
    let pa = widget("pa-acknowledgement").unwrap();
    assert_eq!(settings(pa, &query(&[("request", "aB3-_x")])), Ok(Settings::default()));
}

#[test]
fn every_bad_setting_is_named() {
    let problems = settings(
        task_scope(),
        &query(&[
            ("profile", "kent"),
            ("time-zone", "Europe/Londn"),
            ("endpoint", "https://elsewhere.example"),
            ("colour", "red"),
            ("request", "abc"),
        ]),
    )
    .unwrap_err();
    assert_eq!(problems.len(), 5, "{problems:?}");
    assert!(problems[0].contains("no built-in profile called \"kent\""), "{}", problems[0]);
    assert!(problems[1].contains("IANA"), "{}", problems[1]);
    assert!(problems[2].contains("always sends to the server"), "{}", problems[2]);
    assert!(problems[3].contains("\"colour\" is not a setting") && problems[3].contains("profile, time-zone"));
    // request belongs to the PA acknowledgement only.
    assert!(problems[4].contains("\"request\" is not a setting"), "{}", problems[4]);

    let pa = widget("pa-acknowledgement").unwrap();
    let problems = settings(pa, &query(&[("profile", "bexley-homecare"), ("request", "<script>")])).unwrap_err();
    assert!(problems[0].contains("\"profile\" is not a setting"), "{}", problems[0]);
    assert!(problems[1].contains("not a link token"), "{}", problems[1]);
    let twice = settings(task_scope(), &query(&[("profile", "bexley-homecare"), ("profile", "x")])).unwrap_err();
    assert_eq!(twice, vec!["\"profile\" is given more than once; give it once".to_owned()]);
}

fn config(origins: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
    origins.iter().map(|(k, v)| ((*k).to_owned(), v.iter().map(|o| (*o).to_owned()).collect())).collect()
}

#[test]
fn frame_ancestors_are_the_forms_allowed_origins_and_nothing_else() {
    let c = config(&[
        ("*", &["https://all.example", "https://b.example"]),
        ("task-scope", &["https://b.example", "https://a.example"]),
        ("gift-register", &["https://gifts.example"]),
        // An origin that would add a directive is left out, not written into the header.
        ("key-holding", &["https://x.example;script-src"]),
    ]);
    assert_eq!(
        frame_ancestors(&c, Some("task-scope")),
        ["https://a.example", "https://all.example", "https://b.example"]
    );
    assert_eq!(frame_ancestors(&c, Some("pa-acknowledgement")), ["https://all.example", "https://b.example"]);
    assert_eq!(frame_ancestors(&c, Some("key-holding")), ["https://all.example", "https://b.example"]);
    assert_eq!(frame_ancestors(&c, None).len(), 4);
    assert!(
        csp(&frame_ancestors(&c, Some("gift-register")))
            .ends_with("; frame-ancestors https://all.example https://b.example https://gifts.example")
    );
    let none = config(&[("task-scope", &["https://a.example"])]);
    assert!(frame_ancestors(&none, Some("gift-register")).is_empty());
    assert!(csp(&frame_ancestors(&none, Some("gift-register"))).ends_with("; frame-ancestors 'none'"));
}

#[test]
fn the_page_renders_the_element_with_its_attributes_escaped_and_the_ancestors() {
    let s = Settings { profile: Some("bexley-homecare".into()), time_zone: Some("Europe/London".into()) };
    let html = page::widget(task_scope(), &s, &["https://a.example", "https://b.example"]);
    assert!(html.contains(
        "<careform-task-scope profile=\"bexley-homecare\" time-zone=\"Europe/London\"></careform-task-scope>"
    ));
    assert!(html.contains("<meta name=\"careform-frame-ancestors\" content=\"https://a.example https://b.example\">"));
    assert!(html.contains("<title>Homecare task scope check – Careform</title>"));
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    let missing = page::not_found("<img src=x>");
    assert!(missing.contains("&lt;img src=x&gt;") && !missing.contains("<img"));
}
