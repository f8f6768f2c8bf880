//! `/embed/{widget}` as a browser framing it sees it: the page, its settings, and the headers that
//! decide who may frame it.

mod common;

use common::*;

const TASKS_HOST: &str = "https://tasks.example";
const EVERY_FORM_HOST: &str = "https://all.example";

fn start(root: &std::path::Path) -> Server {
    Server::start(
        &root.join("data"),
        &["--allow-origin", &format!("task-scope={TASKS_HOST}"), "--allow-origin", EVERY_FORM_HOST],
    )
}

fn get(server: &Server, path: &str) -> (u16, reqwest::header::HeaderMap, String) {
    let r = http().get(format!("{}{path}", server.base)).send().unwrap();
    let (status, headers) = (r.status().as_u16(), r.headers().clone());
    (status, headers, r.text().unwrap())
}

/// The sources of the CSP's frame-ancestors directive (the header must have exactly one).
fn frame_ancestors(headers: &reqwest::header::HeaderMap) -> Vec<String> {
    let csp: Vec<&str> = headers.get_all("content-security-policy").iter().map(|v| v.to_str().unwrap()).collect();
    assert_eq!(csp.len(), 1, "{csp:?}");
    let directives: Vec<&str> = csp[0].split(';').map(str::trim).filter(|d| d.starts_with("frame-ancestors")).collect();
    assert_eq!(directives.len(), 1, "{}", csp[0]);
    let mut sources: Vec<String> = directives[0].split_whitespace().skip(1).map(str::to_owned).collect();
    sources.sort();
    sources
}

fn sorted(origins: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = origins.iter().map(|o| (*o).to_owned()).collect();
    v.sort();
    v
}

#[test]
fn the_page_shows_one_widget_with_its_settings_and_only_allowed_origins_may_frame_it() {
    let root = tempfile::tempdir().unwrap();
    let server = start(root.path());
    let own = server.base.clone();

    let (status, headers, body) =
        get(&server, "/embed/task-scope?profile=somerset-micro-provider&time-zone=Europe/London");
    assert_eq!(status, 200, "{body}");
    assert!(headers["content-type"].to_str().unwrap().starts_with("text/html"));
    assert_eq!(frame_ancestors(&headers), sorted(&[EVERY_FORM_HOST, &own, TASKS_HOST]));
    // frame-ancestors alone decides: X-Frame-Options could only say DENY or SAMEORIGIN.
    assert!(headers.get("x-frame-options").is_none());
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"), "{csp}");
    assert!(body.contains(
        "<careform-task-scope profile=\"somerset-micro-provider\" time-zone=\"Europe/London\"></careform-task-scope>"
    ));
    assert!(body.contains("<script type=\"module\" src=\"/widgets/careform.js\"></script>"));
    assert!(
        body.contains("<html lang=\"en\">") && body.contains("<title>Homecare task scope check – Careform</title>")
    );

    // Another form: the task scope host is not among those who may frame it.
    let (status, headers, body) = get(&server, "/embed/gift-register");
    assert_eq!(status, 200);
    assert_eq!(frame_ancestors(&headers), sorted(&[EVERY_FORM_HOST, &own]));
    assert!(body.contains("<careform-gift-register></careform-gift-register>"));

    // The staff link's token reaches the PA widget through the page's own address.
    let (status, _, body) = get(&server, "/embed/pa-acknowledgement?request=abcDEF123_-x");
    assert_eq!(status, 200, "{body}");

    // The script that reports the page's height to the host.
    let (status, headers, body) = get(&server, "/embed/assets/frame.js");
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "text/javascript; charset=utf-8");
    assert!(body.contains("careform:height"));
}

#[test]
fn an_unknown_widget_or_a_bad_setting_gets_a_page_that_says_what_is_wrong() {
    let root = tempfile::tempdir().unwrap();
    let server = start(root.path());

    let (status, headers, body) = get(&server, "/embed/task-scoop");
    assert_eq!(status, 404);
    assert!(headers["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(body.contains("govuk-heading-l") && body.contains("/staff/assets/govuk.css"));
    assert!(body.contains("There is no Careform widget called <code>task-scoop</code>"), "{body}");
    assert!(body.contains("<code>/embed/task-scope</code>: Homecare task scope check"));
    // Still never frameable by a site the server does not know.
    assert!(!frame_ancestors(&headers).is_empty());
    assert!(!frame_ancestors(&headers).iter().any(|o| o == "*"));

    for (query, says) in [
        ("profile=kent", "there is no built-in profile called &quot;kent&quot;"),
        ("time-zone=Mars/Olympus", "is not an IANA time zone name"),
        ("endpoint=https://evil.example", "always sends to the server that serves this page"),
        ("profile=bexley-homecare&profile=bexley-homecare", "given more than once"),
        ("onload=alert(1)", "&quot;onload&quot; is not a setting of this widget"),
    ] {
        let (status, headers, body) = get(&server, &format!("/embed/task-scope?{query}"));
        assert_eq!(status, 400, "{query}");
        assert!(body.contains("There is a problem with this embed address"), "{query}: {body}");
        assert!(body.contains(says), "{query}: {body}");
        assert!(!body.contains("<careform-task-scope"), "{query}");
        assert_eq!(frame_ancestors(&headers), sorted(&[EVERY_FORM_HOST, &server.base, TASKS_HOST]), "{query}");
    }
    let (status, _, body) = get(&server, "/embed/pa-acknowledgement?request=%22%3E%3Cscript%3E");
    assert_eq!(status, 400);
    assert!(body.contains("not a link token") && !body.contains("<script>"), "{body}");
}
