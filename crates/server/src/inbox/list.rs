//! `GET /staff/inbox`: the submissions an officer may see, newest first, filtered and paged by
//! key (`?after=SEQ` / `?before=SEQ`, so a page costs the same however deep it is), and the
//! exports of what the filters select.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use super::{InboxError, Officer, STATUSES, esc, form_title, label, now_text, officer, page, tag};
use crate::staff::blocking;
use crate::state::AppState;
use crate::store::inbox::{Cursor, Filter};

/// Rows on a page.
pub const PAGE_SIZE: usize = 25;

/// The list's query string; everything optional, unknown members ignored by the browser form.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    form: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    verdict: String,
    #[serde(default)]
    since: String,
    #[serde(default)]
    until: String,
    #[serde(default)]
    reference: String,
    after: Option<i64>,
    before: Option<i64>,
}

/// A filter from its text, or what is wrong with it (the officer is told).
pub fn parse_filter(
    form: &str,
    status: &str,
    verdict: &str,
    since: &str,
    until: &str,
    reference: &str,
) -> Result<Filter, String> {
    let some = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let date = |s: &str, what: &str| match some(s) {
        Some(d) if careform_rules::date::parse_iso(&d).is_none() => Err(format!("Enter the {what} date as YYYY-MM-DD")),
        d => Ok(d),
    };
    let status = some(status);
    if status.as_deref().is_some_and(|s| !STATUSES.contains(&s)) {
        return Err(format!("There is no status {:?}", status.unwrap_or_default()));
    }
    let verdict = some(verdict);
    if verdict.as_deref().is_some_and(|v| !["pass", "warn", "fail"].contains(&v)) {
        return Err("The verdict is pass, warn or fail".into());
    }
    let reference = some(reference).map(|r| r.to_ascii_uppercase());
    if reference.as_deref().is_some_and(|r| r.len() > 40) {
        return Err("A reference is at most 40 characters".into());
    }
    Ok(Filter { form: some(form), status, verdict, since: date(since, "from")?, until: date(until, "to")?, reference })
}

impl ListQuery {
    fn filter(&self) -> Result<Filter, String> {
        parse_filter(&self.form, &self.status, &self.verdict, &self.since, &self.until, &self.reference)
    }
    /// The filters as a query string, for paging and export links.
    fn query(&self) -> String {
        let pairs = [
            ("form", &self.form),
            ("status", &self.status),
            ("verdict", &self.verdict),
            ("since", &self.since),
            ("until", &self.until),
            ("reference", &self.reference),
        ];
        pairs
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| format!("{k}={}", encode(v.trim())))
            .collect::<Vec<_>>()
            .join("&amp;")
    }
}

/// Percent-encodes a query value (everything but unreserved characters).
fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn select(name: &str, title: &str, current: &str, options: &[(String, String)]) -> String {
    let opts: String = std::iter::once((String::new(), "Any".to_owned()))
        .chain(options.iter().cloned())
        .map(|(v, text)| {
            let sel = if v == current { " selected" } else { "" };
            format!("<option value=\"{}\"{sel}>{}</option>", esc(&v), esc(&text))
        })
        .collect();
    format!(
        "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"{name}\">{title}</label>\
         <select class=\"govuk-select\" id=\"{name}\" name=\"{name}\">{opts}</select></div>"
    )
}

fn text_input(name: &str, title: &str, hint: &str, value: &str, width: &str) -> String {
    format!(
        "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"{name}\">{title}</label>\
         <div class=\"govuk-hint\" id=\"{name}-hint\">{hint}</div>\
         <input class=\"govuk-input govuk-input--width-{width}\" id=\"{name}\" name=\"{name}\" type=\"text\" \
         aria-describedby=\"{name}-hint\" value=\"{}\"></div>",
        esc(value)
    )
}

fn filters_form(o: &Officer, q: &ListQuery) -> String {
    let forms: Vec<(String, String)> = o.account.forms.iter().map(|f| (f.clone(), form_title(f))).collect();
    let statuses: Vec<(String, String)> = STATUSES.iter().map(|s| ((*s).to_owned(), label(s))).collect();
    let verdicts: Vec<(String, String)> =
        ["pass", "warn", "fail"].iter().map(|s| ((*s).to_owned(), label(s))).collect();
    format!(
        "<form method=\"get\" action=\"/staff/inbox\" class=\"careform-filters\" aria-label=\"Filter submissions\">{}{}{}{}{}{}\
         <div class=\"govuk-form-group\"><button class=\"govuk-button govuk-button--secondary\" type=\"submit\">Apply filters</button></div></form>",
        select("form", "Form", &q.form, &forms),
        select("status", "Status", &q.status, &statuses),
        select("verdict", "Verdict", &q.verdict, &verdicts),
        text_input("since", "Received from", "YYYY-MM-DD (UTC)", &q.since, "10"),
        text_input("until", "Received to", "YYYY-MM-DD (UTC)", &q.until, "10"),
        text_input("reference", "Reference", "For example, CF-7K3M", &q.reference, "10"),
    )
}

/// `GET /staff/inbox`.
pub async fn list(State(state): State<AppState>, headers: HeaderMap, Query(q): Query<ListQuery>) -> Response {
    match list_page(&state, &headers, &q).await {
        Ok(html) => Html(html).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn list_page(state: &AppState, headers: &HeaderMap, q: &ListQuery) -> Result<String, InboxError> {
    let o = officer(state, headers).await?;
    let filter = match q.filter() {
        Ok(f) => f,
        Err(problem) => {
            let body = format!(
                "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\">\
                 <h2 class=\"govuk-error-summary__title\">There is a problem</h2><div class=\"govuk-error-summary__body\">\
                 <p class=\"govuk-body\">{}</p></div></div></div><h1 class=\"govuk-heading-l\">Submissions</h1>{}",
                esc(&problem),
                filters_form(&o, q)
            );
            return Ok(page("Error: Submissions", Some(&o), &body));
        }
    };
    let cursor = match (q.after, q.before) {
        (Some(a), _) => Cursor::After(a),
        (None, Some(b)) => Cursor::Before(b),
        _ => Cursor::First,
    };
    let store = state.store.clone();
    let forms = o.account.forms.clone();
    // One more than a page, to know whether there is another.
    let mut items = blocking(move || store.items(Some(&forms), &filter, cursor, PAGE_SIZE + 1)).await?;
    let more = items.len() > PAGE_SIZE;
    if more {
        match cursor {
            Cursor::Before(_) => drop(items.remove(0)),
            _ => items.truncate(PAGE_SIZE),
        }
    }
    let rows: String = items
        .iter()
        .map(|i| {
            let counts = format!("{} fail, {} warn, {} pass", i.fails, i.warns, i.passes);
            format!(
                "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">\
                 <a class=\"govuk-link\" href=\"/staff/inbox/submissions/{r}\">{r}</a></th>\
                 <td class=\"govuk-table__cell\">{form}</td><td class=\"govuk-table__cell\">{at}</td>\
                 <td class=\"govuk-table__cell\">{verdict} <span class=\"govuk-body-s\">{counts}</span></td>\
                 <td class=\"govuk-table__cell\">{status}</td><td class=\"govuk-table__cell\">{who}</td></tr>",
                r = esc(&i.reference),
                form = esc(&form_title(&i.form_id)),
                at = esc(&i.received_at),
                verdict = tag(&i.verdict),
                status = tag(&i.status),
                who = esc(i.assignee.as_deref().unwrap_or("Nobody")),
            )
        })
        .collect();
    let query = q.query();
    let amp = if query.is_empty() { "" } else { "&amp;" };
    // Newer pages exist when this one did not start at the top; older ones when more rows follow.
    let newer = match cursor {
        Cursor::First => false,
        Cursor::After(_) => true,
        Cursor::Before(_) => more,
    };
    let older = match cursor {
        Cursor::Before(_) => true,
        _ => more,
    };
    let mut pagination = String::new();
    if let (true, Some(first)) = (newer, items.first()) {
        pagination.push_str(&format!(
            "<div class=\"govuk-pagination__prev\"><a class=\"govuk-link govuk-pagination__link\" href=\"/staff/inbox?{query}{amp}before={}\" rel=\"prev\">\
             <span class=\"govuk-pagination__link-title\">Newer submissions</span></a></div>",
            first.seq
        ));
    }
    if let (true, Some(last)) = (older, items.last()) {
        pagination.push_str(&format!(
            "<div class=\"govuk-pagination__next\"><a class=\"govuk-link govuk-pagination__link\" href=\"/staff/inbox?{query}{amp}after={}\" rel=\"next\">\
             <span class=\"govuk-pagination__link-title\">Older submissions</span></a></div>",
            last.seq
        ));
    }
    let pagination = if pagination.is_empty() {
        String::new()
    } else {
        format!(
            "<nav class=\"govuk-pagination govuk-pagination--block\" aria-label=\"Pages of submissions\">{pagination}</nav>"
        )
    };
    let table = if items.is_empty() {
        "<p class=\"govuk-body\">No submissions match.</p>".to_owned()
    } else {
        format!(
            "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-table__caption--m\">Submissions, newest first</caption>\
             <thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">\
             <th scope=\"col\" class=\"govuk-table__header\">Reference</th><th scope=\"col\" class=\"govuk-table__header\">Form</th>\
             <th scope=\"col\" class=\"govuk-table__header\">Received (UTC)</th><th scope=\"col\" class=\"govuk-table__header\">Verdict</th>\
             <th scope=\"col\" class=\"govuk-table__header\">Status</th><th scope=\"col\" class=\"govuk-table__header\">Assigned to</th>\
             </tr></thead><tbody class=\"govuk-table__body\">{rows}</tbody></table>"
        )
    };
    let none_given = if o.account.forms.is_empty() {
        "<div class=\"govuk-inset-text\">You have not been given any forms yet. Ask an admin to give you the forms you handle.</div>"
    } else {
        ""
    };
    let body = format!(
        "<h1 class=\"govuk-heading-l\">Submissions</h1>{none_given}{filters}{table}{pagination}\
         <h2 class=\"govuk-heading-m\">Export</h2><p class=\"govuk-body\">Every submission these filters select, \
         not only this page: <a class=\"govuk-link\" href=\"/staff/inbox/export.csv?{query}\">download CSV</a> or \
         <a class=\"govuk-link\" href=\"/staff/inbox/export.json?{query}\">download JSON</a>.</p>",
        filters = filters_form(&o, q),
    );
    Ok(page("Submissions", Some(&o), &body))
}

/// `GET /staff/inbox/export.csv`.
pub async fn export_csv(State(state): State<AppState>, headers: HeaderMap, Query(q): Query<ListQuery>) -> Response {
    export(&state, &headers, &q, false).await.unwrap_or_else(IntoResponse::into_response)
}

/// `GET /staff/inbox/export.json`.
pub async fn export_json(State(state): State<AppState>, headers: HeaderMap, Query(q): Query<ListQuery>) -> Response {
    export(&state, &headers, &q, true).await.unwrap_or_else(IntoResponse::into_response)
}

async fn export(state: &AppState, headers: &HeaderMap, q: &ListQuery, json: bool) -> Result<Response, InboxError> {
    let o = officer(state, headers).await?;
    let filter = q.filter().map_err(InboxError::Invalid)?;
    let store = state.store.clone();
    let detail = format!("{} {}", if json { "json" } else { "csv" }, q.query().replace("&amp;", "&"));
    let at = now_text();
    let body = blocking(move || {
        let rows: Vec<_> = store
            .export_items(Some(&o.account.forms), &filter)?
            .iter()
            .map(|(item, record)| super::export::row(item, record))
            .collect();
        store.audit(&o.audit(&at, "exported", None, &format!("{detail} ({} rows)", rows.len())))?;
        Ok(if json {
            serde_json::to_string(&super::export::json(&rows)).expect("JSON serializes")
        } else {
            super::export::csv(&rows)
        })
    })
    .await?;
    let (kind, name) = if json {
        ("application/json", "careform-submissions.json")
    } else {
        ("text/csv; charset=utf-8", "careform-submissions.csv")
    };
    let mut r = body.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    r.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")).expect("ASCII"),
    );
    Ok(r)
}
