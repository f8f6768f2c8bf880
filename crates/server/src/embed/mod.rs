//! `/embed/{widget}`: one widget alone on a minimal page of this server, for a host that can hold
//! only an `<iframe>` (a CMS that strips `<script>`, LocalGov Drupal sharing a form onto another
//! site). The page's origin is this server, so the widget's signing, drafts and outbox work as on
//! the demo pages, and it submits as the server's own origin (allowed for every form).
//!
//! Who may frame the page is what decides which sites can show the form: the `Content-Security-
//! Policy` names, in `frame-ancestors`, exactly the origins allowed to submit that form
//! (`--allow-origin`), or `'none'`. No `X-Frame-Options` is sent: it can say only `DENY` or
//! `SAMEORIGIN` (`ALLOW-FROM` is obsolete and ignored), browsers that know `frame-ancestors`
//! ignore it when both are present, and an old browser that knew only it would refuse every
//! council's page. Every current browser enforces `frame-ancestors`.
//!
//! Settings are the element's attributes as query parameters (`?profile=`, `?time-zone=`), each
//! checked: an unknown widget is a 404 page and a bad setting a 400 page, both GOV.UK-styled and
//! naming what is wrong, so the web team sees the mistake inside their iframe.

mod page;

use axum::Router;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use std::collections::BTreeMap;

use crate::config::{ANY_FORM, parse_time_zone};
use crate::http::CSP;
use crate::state::AppState;

/// A widget `careform.js` defines as `<careform-{id}>`; each submits the form of the same id.
#[derive(Debug, PartialEq, Eq)]
pub struct Widget {
    /// The id in the element name and in `/embed/{id}`.
    pub id: &'static str,
    /// Whether it takes a policy profile (`?profile=`).
    pub profile: bool,
    /// Whether it reads a staff-issued link's token (`?request=`) from its page's address.
    pub request: bool,
}

/// Every widget, in the order the README lists them.
pub const WIDGETS: [Widget; 6] = [
    Widget { id: "pa-acknowledgement", profile: false, request: true },
    Widget { id: "task-scope", profile: true, request: false },
    Widget { id: "dbs-insurance", profile: true, request: false },
    Widget { id: "gift-register", profile: true, request: false },
    Widget { id: "key-holding", profile: true, request: false },
    Widget { id: "provider-application", profile: true, request: false },
];

/// The widget called `id`, if there is one.
pub fn widget(id: &str) -> Option<&'static Widget> {
    WIDGETS.iter().find(|w| w.id == id)
}

/// The element attributes a valid query gives (`profile`, `time-zone`), ready to render.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// A built-in policy profile's id.
    pub profile: Option<String>,
    /// An IANA time zone's canonical name.
    pub time_zone: Option<String>,
}

/// The longest staff-issued link token accepted (they are 24 characters today).
const MAX_REQUEST_CHARS: usize = 64;

/// Checks every query parameter against what `widget` takes; the problems, in words, when any is
/// wrong. An empty value counts as not given, as an empty attribute does on the element.
pub fn settings(widget: &Widget, query: &[(String, String)]) -> Result<Settings, Vec<String>> {
    let mut out = Settings::default();
    let mut problems = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (name, value) in query {
        if seen.contains(&name.as_str()) {
            problems.push(format!("\"{name}\" is given more than once; give it once"));
            continue;
        }
        seen.push(name);
        if value.is_empty() {
            continue;
        }
        match name.as_str() {
            "profile" if widget.profile => match careform_rules::task_scope::Profile::built_in(value) {
                Ok(_) => out.profile = Some(value.clone()),
                Err(e) => problems.push(format!("\"profile\": {e}")),
            },
            "time-zone" => match parse_time_zone(value) {
                Ok(zone) => out.time_zone = Some(zone.name().to_owned()),
                Err(e) => problems.push(format!("\"time-zone\": {e}")),
            },
            // The widget reads it from the page's own address; only its shape is checked here.
            "request" if widget.request => {
                let ok = value.len() <= MAX_REQUEST_CHARS
                    && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
                if !ok {
                    problems.push(format!(
                        "\"request\" is not a link token: copy the whole link staff issued (up to {MAX_REQUEST_CHARS} letters, digits, - and _)"
                    ));
                }
            }
            "endpoint" => problems.push(
                "\"endpoint\" cannot be set here: an embedded widget always sends to the server that serves this page"
                    .to_owned(),
            ),
            other => problems.push(format!(
                "\"{other}\" is not a setting of this widget; its settings are {}",
                setting_names(widget).join(", ")
            )),
        }
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

/// The query parameters `widget` takes.
pub fn setting_names(widget: &Widget) -> Vec<&'static str> {
    let mut names = Vec::new();
    if widget.profile {
        names.push("profile");
    }
    names.push("time-zone");
    if widget.request {
        names.push("request");
    }
    names
}

/// The origins allowed to frame the page of `form`: from `allowed` (the configuration's origins),
/// its own `--allow-origin` list and the list for every form, or of any form when `None` (an error page, which shows no form). Sorted, no
/// repeats, and only origins that cannot change the meaning of the CSP they are written into.
pub fn frame_ancestors<'a>(allowed: &'a BTreeMap<String, Vec<String>>, form: Option<&str>) -> Vec<&'a str> {
    let mut origins: Vec<&str> = allowed
        .iter()
        .filter(|(key, _)| form.is_none_or(|f| key.as_str() == f || key.as_str() == ANY_FORM))
        .flat_map(|(_, list)| list.iter().map(String::as_str))
        .filter(|o| {
            o.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'/' | b'[' | b']'))
        })
        .collect();
    origins.sort_unstable();
    origins.dedup();
    origins
}

/// The page's policy: the server's usual one, and who may frame it.
pub fn csp(ancestors: &[&str]) -> String {
    let list = if ancestors.is_empty() { "'none'".to_owned() } else { ancestors.join(" ") };
    format!("{CSP}; frame-ancestors {list}")
}

/// The routes: the page, and the script on it that reports its height to the host.
pub fn routes() -> Router<AppState> {
    Router::new().route("/embed/assets/frame.js", get(frame_script)).route("/embed/{widget}", get(embed))
}

async fn embed(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Response {
    let origins = &state.config.origins;
    let Some(widget) = id.as_ref().ok().and_then(|Path(id)| widget(id)) else {
        let asked = id.map(|Path(id)| id).unwrap_or_default();
        return answer(StatusCode::NOT_FOUND, &frame_ancestors(origins, None), page::not_found(&asked));
    };
    let ancestors = frame_ancestors(origins, Some(widget.id));
    let checked = match query {
        Ok(Query(pairs)) => settings(widget, &pairs),
        Err(e) => Err(vec![format!("the address's query cannot be read: {}", e.body_text())]),
    };
    match checked {
        Ok(settings) => answer(StatusCode::OK, &ancestors, page::widget(widget, &settings, &ancestors)),
        Err(problems) => answer(StatusCode::BAD_REQUEST, &ancestors, page::bad_settings(widget, &problems)),
    }
}

fn answer(status: StatusCode, ancestors: &[&str], html: String) -> Response {
    let mut r = (status, Html(html)).into_response();
    let h = r.headers_mut();
    // The list is checked to be header-safe above; a failure here would be a bug, answered safely.
    let policy = HeaderValue::from_str(&csp(ancestors)).unwrap_or_else(|_| HeaderValue::from_static(NO_FRAMING));
    h.insert(header::CONTENT_SECURITY_POLICY, policy);
    // The page follows the configuration, which a restart can change.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

const NO_FRAMING: &str = "default-src 'self'; frame-ancestors 'none'";

async fn frame_script() -> Response {
    let mut r = include_str!("frame.js").into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

#[cfg(test)]
mod tests;
