//! Decisions, notes and assignment of one submission, each with its audit row, and the
//! submission's audit log as CSV.

use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::submission::{Problem, render, visible};
use super::{InboxError, label, now_text, officer, posting_officer};
use crate::staff::blocking;
use crate::state::AppState;

/// Longest reason or note kept.
const MAX_TEXT: usize = 2000;

/// The statuses a submission may move to from `from`: review first, then a decision; more
/// information sends it back to review when it comes; approved and rejected are final.
pub fn next_statuses(from: &str) -> &'static [&'static str] {
    match from {
        "new" | "more_information_needed" => &["in_review"],
        "in_review" => &["approved", "rejected", "more_information_needed"],
        _ => &[],
    }
}

/// Whether moving to `to` needs a reason.
pub fn needs_reason(to: &str) -> bool {
    matches!(to, "rejected" | "more_information_needed")
}

/// The decision form.
#[derive(Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
}

fn back(reference: &str) -> Response {
    Redirect::to(&format!("/staff/inbox/submissions/{reference}")).into_response()
}

fn bounded(text: &str, what: &str) -> Result<String, InboxError> {
    let t = text.trim();
    if t.chars().count() > MAX_TEXT {
        return Err(InboxError::Invalid(format!("{what} may be at most {MAX_TEXT} characters")));
    }
    Ok(t.to_owned())
}

/// `POST /staff/inbox/submissions/{reference}/status`.
pub async fn set_status(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(reference): Path<String>,
    Form(f): Form<StatusForm>,
) -> Response {
    let run = async {
        let o = posting_officer(&state, &headers, &f.csrf).await?;
        let (item, record) = visible(&state, &o, &reference).await?;
        if !next_statuses(&item.status).contains(&f.status.as_str()) {
            return Err(InboxError::Invalid(format!(
                "A submission that is {} cannot become {}",
                label(&item.status).to_lowercase(),
                label(&f.status).to_lowercase()
            )));
        }
        let reason = bounded(&f.reason, "A reason")?;
        if needs_reason(&f.status) && reason.is_empty() {
            // The decision form again, with GOV.UK's error summary and what was chosen kept.
            let problem = Problem {
                status: f.status.clone(),
                reason: f.reason.clone(),
                message: format!("Enter the reason the submission is {}", label(&f.status).to_lowercase()),
            };
            let html = render(&state, &o, &item, &record, Some(&problem)).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response());
        }
        let detail = if reason.is_empty() { f.status.clone() } else { format!("{}: {reason}", f.status) };
        let (store, at, from, to) = (state.store.clone(), now_text(), item.status.clone(), f.status.clone());
        let r = item.reference.clone();
        let moved =
            blocking(move || store.set_status(&r, &from, &to, &o.audit(&at, "status", Some(&r), &detail))).await?;
        if !moved {
            return Err(InboxError::Invalid("Someone changed this submission's status first; look again".into()));
        }
        Ok(back(&item.reference))
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}

/// The note form.
#[derive(Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    note: String,
}

/// `POST /staff/inbox/submissions/{reference}/note`.
pub async fn note(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(reference): Path<String>,
    Form(f): Form<NoteForm>,
) -> Response {
    let run = async {
        let o = posting_officer(&state, &headers, &f.csrf).await?;
        let (item, _) = visible(&state, &o, &reference).await?;
        let note = bounded(&f.note, "A note")?;
        if note.is_empty() {
            return Err(InboxError::Invalid("Enter the note".into()));
        }
        let (store, at, r) = (state.store.clone(), now_text(), item.reference.clone());
        blocking(move || store.audit(&o.audit(&at, "note", Some(&r), &note))).await?;
        Ok(back(&item.reference))
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}

/// The assignment form.
#[derive(Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    assignee: String,
}

/// `POST /staff/inbox/submissions/{reference}/assign`: to an officer given the form, or nobody.
pub async fn assign(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(reference): Path<String>,
    Form(f): Form<AssignForm>,
) -> Response {
    let run = async {
        let o = posting_officer(&state, &headers, &f.csrf).await?;
        let (item, _) = visible(&state, &o, &reference).await?;
        let who = f.assignee.trim().to_owned();
        let (store, at, r, form) = (state.store.clone(), now_text(), item.reference.clone(), item.form_id.clone());
        blocking(move || {
            let assignee = if who.is_empty() {
                None
            } else if store.account(&who)?.is_some_and(|a| a.forms.contains(&form)) {
                Some(who.as_str())
            } else {
                return Ok(false);
            };
            let detail = assignee.unwrap_or("nobody");
            store.assign(&r, assignee, &o.audit(&at, "assigned", Some(&r), detail))?;
            Ok(true)
        })
        .await?
        .then(|| back(&item.reference))
        .ok_or_else(|| InboxError::Invalid("Assign it to an officer who was given this form".into()))
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}

/// `GET /staff/inbox/submissions/{reference}/audit.csv`: the submission's audit log.
pub async fn audit_csv(State(state): State<AppState>, headers: HeaderMap, Path(reference): Path<String>) -> Response {
    let run = async {
        let o = officer(&state, &headers).await?;
        let (item, _) = visible(&state, &o, &reference).await?;
        let (store, at, r) = (state.store.clone(), now_text(), item.reference.clone());
        let rows = blocking(move || {
            store.audit(&o.audit(&at, "exported", Some(&r), "audit log csv"))?;
            store.audit_of(&r)
        })
        .await?;
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["id", "at", "actor", "action", "reference", "detail"]).expect("memory");
        for a in &rows {
            let id = a.id.to_string();
            let fields = [&id, &a.at, &a.actor, &a.action, a.reference.as_deref().unwrap_or(""), &a.detail];
            w.write_record(fields.map(super::export::guard)).expect("memory");
        }
        let mut resp = w.into_inner().expect("memory").into_response();
        resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
        resp.headers_mut()
            .insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"audit.csv\""));
        Ok::<_, InboxError>(resp)
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}
