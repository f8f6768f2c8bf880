//! One submission: answers, findings, the signature and receipt verified on the spot, other
//! submissions from the same device key, decisions, notes, assignment and its audit log.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use careform_seal::{Jwk, Jwks, verify_receipt, verify_submission};

use super::{InboxError, Officer, esc, form_title, label, now_text, officer, page, tag};
use crate::staff::blocking;
use crate::state::AppState;
use crate::store::Record;
use crate::store::inbox::{AuditRow, Item};

/// The submission if this officer may see it; otherwise the same "not found" as for none.
pub(super) async fn visible(state: &AppState, o: &Officer, reference: &str) -> Result<(Item, Record), InboxError> {
    let store = state.store.clone();
    let r = reference.to_owned();
    match blocking(move || store.item(&r)).await? {
        Some((item, record)) if o.may_see(&item.form_id) => Ok((item, record)),
        _ => Err(InboxError::NotFound),
    }
}

fn summary_row(key: &str, value: &str) -> String {
    format!(
        "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">{}</dt>\
         <dd class=\"govuk-summary-list__value careform-break\">{value}</dd></div>",
        esc(key)
    )
}

/// Whether the inbox row (the form, time and verdict this page's summary shows) says what the
/// stored record, which the receipt covers, says.
fn summary_matches(item: &Item, record: &Record) -> bool {
    let (verdict, fails, warns, passes) = crate::store::inbox::verdict_of(&record.report);
    item.seq == record.seq as i64
        && item.reference == record.reference
        && item.form_id == record.form_id
        && item.form_version == record.form_version
        && item.jkt == record.jkt
        && item.received_at == record.received_at
        && (item.verdict.as_str(), item.fails, item.warns, item.passes) == (verdict, fails, warns, passes)
}

/// The signature and receipt, checked now against the envelope and this server's key.
fn verification(state: &AppState, item: &Item, record: &Record) -> String {
    let signature = match verify_submission(record.envelope.as_bytes()) {
        Ok(v) if v.jkt == record.jkt && v.payload.sid == record.sid => {
            format!("{} signed by device key {}", tag("pass").replace("Pass", "Valid"), esc(&v.jkt))
        }
        Ok(_) => format!("{} the envelope does not match what was stored", tag("fail").replace("Fail", "Not valid")),
        Err(e) => format!("{} {}", tag("fail").replace("Fail", "Not valid"), esc(&e.to_string())),
    };
    let jwks = Jwks { keys: vec![Jwk::from_key(&state.key.verifying_key())] };
    // Everything the receipt signs is compared with what this page shows, the stored verdict
    // included: an edited report must not look signed (as `careform audit` also finds).
    let receipt = match verify_receipt(record.receipt.as_bytes(), &jwks) {
        Ok(r) if r.payload.reference != item.reference => {
            format!("{} the receipt is for another submission", tag("fail").replace("Fail", "Not valid"))
        }
        // Never "purged" here: a purge removes the inbox row, so a blank envelope is an edit.
        Ok(r) => match crate::audit::receipt_matches(&r.payload, record, false) {
            Err(what) => {
                format!("{} the {what} does not match what this page shows", tag("fail").replace("Fail", "Not valid"))
            }
            Ok(()) if !summary_matches(item, record) => format!(
                "{} the form, time or verdict shown above does not match the stored record",
                tag("fail").replace("Fail", "Not valid")
            ),
            Ok(()) => format!(
                "{} reference {}, number {} in the chain, signed by this server",
                tag("pass").replace("Pass", "Valid"),
                esc(&r.payload.reference),
                r.payload.seq
            ),
        },
        Err(e) => format!("{} {}", tag("fail").replace("Fail", "Not valid"), esc(&e.to_string())),
    };
    format!(
        "<h2 class=\"govuk-heading-m\">Signature and receipt</h2><dl class=\"govuk-summary-list\" id=\"verification\">{}{}{}</dl>",
        summary_row("Signature", &signature),
        summary_row("Receipt", &receipt),
        summary_row("Receipt reference", &format!("<span id=\"receipt-reference\">{}</span>", esc(&item.reference))),
    )
}

fn findings(record: &Record) -> String {
    let report: serde_json::Value = serde_json::from_str(&record.report).unwrap_or_default();
    let rows: String = report["findings"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|f| {
                    let s = |k: &str| f[k].as_str().unwrap_or("").to_owned();
                    format!(
                        "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">{}</td><td class=\"govuk-table__cell\">{}</td>\
                         <td class=\"govuk-table__cell\">{}</td><td class=\"govuk-table__cell\">{}</td></tr>",
                        esc(&s("rule")),
                        tag(&s("outcome")),
                        esc(&s("message")),
                        esc(&s("source"))
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    if rows.is_empty() {
        return "<h2 class=\"govuk-heading-m\">Findings</h2><p class=\"govuk-body\">The checks found nothing to report.</p>".into();
    }
    format!(
        "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-table__caption--m\">Findings</caption>\
         <thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Rule</th>\
         <th scope=\"col\" class=\"govuk-table__header\">Outcome</th><th scope=\"col\" class=\"govuk-table__header\">Message</th>\
         <th scope=\"col\" class=\"govuk-table__header\">Source</th></tr></thead><tbody class=\"govuk-table__body\">{rows}</tbody></table>"
    )
}

fn answers(record: &Record) -> String {
    let mut flat = std::collections::BTreeMap::new();
    super::export::flatten("answers", &super::export::data(record), &mut flat);
    let rows: String = flat
        .iter()
        .map(|(k, v)| {
            let text = match v {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Null => String::new(),
                other => other.to_string(),
            };
            summary_row(k.trim_start_matches("answers."), &esc(&text))
        })
        .collect();
    format!("<h2 class=\"govuk-heading-m\">Answers</h2><dl class=\"govuk-summary-list\">{rows}</dl>")
}

fn audit_table(rows: &[AuditRow], reference: &str) -> String {
    let body: String = rows
        .iter()
        .map(|a| {
            format!(
                "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">{}</td><td class=\"govuk-table__cell\">{}</td>\
                 <td class=\"govuk-table__cell\">{}</td><td class=\"govuk-table__cell careform-break\">{}</td></tr>",
                esc(&a.at),
                esc(&a.actor),
                esc(&a.action),
                esc(&a.detail)
            )
        })
        .collect();
    format!(
        "<table class=\"govuk-table\" id=\"audit\"><caption class=\"govuk-table__caption govuk-table__caption--m\">Audit log</caption>\
         <thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">When (UTC)</th>\
         <th scope=\"col\" class=\"govuk-table__header\">Who</th><th scope=\"col\" class=\"govuk-table__header\">What</th>\
         <th scope=\"col\" class=\"govuk-table__header\">Detail</th></tr></thead><tbody class=\"govuk-table__body\">{body}</tbody></table>\
         <p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/staff/inbox/submissions/{r}/audit.csv\">Download the audit log (CSV)</a></p>",
        r = esc(reference)
    )
}

fn decision_forms(o: &Officer, item: &Item, officers: &[String], problem: Option<&Problem>) -> String {
    let r = esc(&item.reference);
    let next = super::decide::next_statuses(&item.status);
    let status_form = if next.is_empty() {
        format!("<p class=\"govuk-body\">This submission is {}: decided.</p>", esc(&label(&item.status).to_lowercase()))
    } else {
        let radios: String = next
            .iter()
            .enumerate()
            .map(|(n, s)| {
                let checked = if problem.is_some_and(|p| p.status == *s) { " checked" } else { "" };
                format!(
                    "<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"status-{n}\" name=\"status\" type=\"radio\" value=\"{s}\" required{checked}>\
                     <label class=\"govuk-label govuk-radios__label\" for=\"status-{n}\">{}</label></div>",
                    esc(&label(s))
                )
            })
            .collect();
        format!(
            "<form method=\"post\" action=\"/staff/inbox/submissions/{r}/status\">{csrf}\
             <div class=\"govuk-form-group\"><fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\">\
             <h2 class=\"govuk-fieldset__heading\">Decision</h2></legend><div class=\"govuk-radios\" data-module=\"govuk-radios\">{radios}</div></fieldset></div>\
             <div class=\"govuk-form-group{group_error}\"><label class=\"govuk-label\" for=\"reason\">Reason</label>\
             <div class=\"govuk-hint\" id=\"reason-hint\">Needed to reject or to ask for more information; the provider may be told it.</div>{error}\
             <textarea class=\"govuk-textarea{textarea_error}\" id=\"reason\" name=\"reason\" rows=\"3\" aria-describedby=\"reason-hint{described}\">{reason}</textarea></div>\
             <button class=\"govuk-button\" type=\"submit\">Save decision</button></form>",
            csrf = o.csrf_field(),
            group_error = if problem.is_some() { " govuk-form-group--error" } else { "" },
            textarea_error = if problem.is_some() { " govuk-textarea--error" } else { "" },
            described = if problem.is_some() { " reason-error" } else { "" },
            error = problem.map_or(String::new(), |p| format!(
                "<p id=\"reason-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {}</p>",
                esc(&p.message)
            )),
            reason = problem.map_or(String::new(), |p| esc(&p.reason)),
        )
    };
    let options: String = std::iter::once(String::new())
        .chain(officers.iter().cloned())
        .map(|name| {
            let sel = if item.assignee.as_deref().unwrap_or("") == name { " selected" } else { "" };
            let text = if name.is_empty() { "Nobody".to_owned() } else { name.clone() };
            format!("<option value=\"{}\"{sel}>{}</option>", esc(&name), esc(&text))
        })
        .collect();
    format!(
        "{status_form}\
         <form method=\"post\" action=\"/staff/inbox/submissions/{r}/assign\">{csrf}<div class=\"govuk-form-group\">\
         <label class=\"govuk-label govuk-label--m\" for=\"assignee\">Assigned to</label>\
         <select class=\"govuk-select\" id=\"assignee\" name=\"assignee\">{options}</select></div>\
         <button class=\"govuk-button govuk-button--secondary\" type=\"submit\">Assign</button></form>\
         <form method=\"post\" action=\"/staff/inbox/submissions/{r}/note\">{csrf}<div class=\"govuk-form-group\">\
         <label class=\"govuk-label govuk-label--m\" for=\"note\">Add a note</label>\
         <textarea class=\"govuk-textarea\" id=\"note\" name=\"note\" rows=\"3\" required></textarea></div>\
         <button class=\"govuk-button govuk-button--secondary\" type=\"submit\">Add note</button></form>",
        csrf = o.csrf_field()
    )
}

/// `GET /staff/inbox/submissions/{reference}`.
pub async fn show(State(state): State<AppState>, headers: HeaderMap, Path(reference): Path<String>) -> Response {
    show_page(&state, &headers, &reference)
        .await
        .map(|h| Html(h).into_response())
        .unwrap_or_else(IntoResponse::into_response)
}

async fn show_page(state: &AppState, headers: &HeaderMap, reference: &str) -> Result<String, InboxError> {
    let o = officer(state, headers).await?;
    let (item, record) = visible(state, &o, reference).await?;
    render(state, &o, &item, &record, None).await
}

/// A decision that could not be saved, shown back on the page with what the officer chose.
pub(super) struct Problem {
    /// The status chosen.
    pub status: String,
    /// The reason as typed.
    pub reason: String,
    /// What to do about it.
    pub message: String,
}

/// The page of a submission this officer may see; a view is an audit row, the same page shown
/// again with a decision's problem is not (it answers the officer's own POST).
pub(super) async fn render(
    state: &AppState,
    o: &Officer,
    item: &Item,
    record: &Record,
    problem: Option<&Problem>,
) -> Result<String, InboxError> {
    let store = state.store.clone();
    let (at, r, jkt, form, user) =
        (now_text(), item.reference.clone(), item.jkt.clone(), item.form_id.clone(), o.account.username.clone());
    let viewed = problem.is_none();
    let seq = record.seq;
    let (audit, same, officers, deliveries) = blocking(move || {
        if viewed {
            store.audit(&crate::store::inbox::NewAudit {
                at: &at,
                actor: &user,
                action: "viewed",
                reference: Some(&r),
                detail: "",
            })?;
        }
        let audit = store.audit_of(&r)?;
        let same = store.same_device(&jkt, &r, 20)?;
        let officers: Vec<String> =
            store.accounts()?.into_iter().filter(|a| a.forms.contains(&form)).map(|a| a.username).collect();
        Ok((audit, same, officers, store.deliveries_of(seq)?))
    })
    .await?;
    let same_list: String = same
        .iter()
        .map(|s| {
            if o.may_see(&s.form_id) {
                format!(
                    "<li><a class=\"govuk-link\" href=\"/staff/inbox/submissions/{0}\">{0}</a> ({1}, {2})</li>",
                    esc(&s.reference),
                    esc(&form_title(&s.form_id)),
                    esc(&s.received_at)
                )
            } else {
                "<li>A submission of a form you were not given</li>".to_owned()
            }
        })
        .collect();
    let same_html = if same.is_empty() {
        "<p class=\"govuk-body\" id=\"same-device\">No other submission was signed with this device key.</p>".to_owned()
    } else {
        format!("<ul class=\"govuk-list govuk-list--bullet\" id=\"same-device\">{same_list}</ul>")
    };
    let summary = [
        summary_row("Form", &esc(&format!("{} (version {})", form_title(&item.form_id), item.form_version))),
        summary_row("Received (UTC)", &esc(&item.received_at)),
        summary_row(
            "Verdict",
            &format!("{} {} fail, {} warn, {} pass", tag(&item.verdict), item.fails, item.warns, item.passes),
        ),
        summary_row("Status", &tag(&item.status)),
        summary_row("Assigned to", &esc(item.assignee.as_deref().unwrap_or("Nobody"))),
    ]
    .concat();
    // GOV.UK's error summary: first in main, linking to the field to fix.
    let summary_box = problem.map_or(String::new(), |p| {
        format!(
            "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\">\
             <h2 class=\"govuk-error-summary__title\">There is a problem</h2><div class=\"govuk-error-summary__body\">\
             <ul class=\"govuk-list govuk-error-summary__list\"><li><a href=\"#reason\">{}</a></li></ul></div></div></div>",
            esc(&p.message)
        )
    });
    let body = format!(
        "<a class=\"govuk-back-link\" href=\"/staff/inbox\">Back to the inbox</a>{summary_box}\
         <h1 class=\"govuk-heading-l\"><span class=\"govuk-caption-l\">Submission</span>{r}</h1>\
         <dl class=\"govuk-summary-list\">{summary}</dl>{verification}\
         <h2 class=\"govuk-heading-m\">Other submissions from the same device key</h2>{same_html}\
         {answers}{evidence}{findings}{deliveries}{forms}{audit}",
        r = esc(&item.reference),
        verification = verification(state, item, record),
        answers = answers(record),
        evidence = super::evidence::table(&item.reference, &super::evidence::listed(record)),
        findings = findings(record),
        deliveries = super::deliveries::section(&deliveries),
        forms = decision_forms(o, item, &officers, problem),
        audit = audit_table(&audit, &item.reference),
    );
    let title = if problem.is_some() { format!("Error: {}", item.reference) } else { item.reference.clone() };
    Ok(page(&title, Some(o), &body))
}
