//! `/staff/admin`: admins see every account and set its role and the forms it handles.
//! Accounts themselves (and passwords) are made and removed with `careform staff`.

use std::collections::BTreeMap;

use axum::extract::{Form, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::{InboxError, admin_only, esc, form_title, now_text, officer, page, posting_officer};
use crate::staff::blocking;
use crate::state::AppState;
use crate::store::inbox::Role;
use crate::store::retention::Period;

/// The accounts page.
async fn render(state: &AppState, headers: &HeaderMap) -> Result<String, InboxError> {
    let o = officer(state, headers).await?;
    admin_only(&o)?;
    let store = state.store.clone();
    let (accounts, periods) = blocking(move || Ok((store.accounts()?, store.retention()?))).await?;
    let sections: String = accounts
        .iter()
        .enumerate()
        .map(|(n, a)| {
            let roles: String = [Role::Officer, Role::Admin]
                .iter()
                .map(|r| {
                    let checked = if *r == a.role { " checked" } else { "" };
                    format!(
                        "<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"role-{n}-{v}\" name=\"role\" type=\"radio\" value=\"{v}\"{checked}>\
                         <label class=\"govuk-label govuk-radios__label\" for=\"role-{n}-{v}\">{v}</label></div>",
                        v = r.as_str()
                    )
                })
                .collect();
            let forms: String = careform_rules::forms()
                .map(|d| {
                    let checked = if a.forms.iter().any(|f| f == d.id) { " checked" } else { "" };
                    format!(
                        "<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" id=\"form-{n}-{id}\" name=\"form.{id}\" type=\"checkbox\" value=\"on\"{checked}>\
                         <label class=\"govuk-label govuk-checkboxes__label\" for=\"form-{n}-{id}\">{title}</label></div>",
                        id = esc(d.id),
                        title = esc(&form_title(d.id))
                    )
                })
                .collect();
            format!(
                "<form method=\"post\" action=\"/staff/admin/access\" class=\"govuk-!-margin-bottom-9\">{csrf}\
                 <input type=\"hidden\" name=\"username\" value=\"{user}\"><h2 class=\"govuk-heading-m\">{user}</h2>\
                 <div class=\"govuk-form-group\"><fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Role of {user}</legend>\
                 <div class=\"govuk-radios govuk-radios--small govuk-radios--inline\">{roles}</div></fieldset></div>\
                 <div class=\"govuk-form-group\"><fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Forms {user} handles</legend>\
                 <div class=\"govuk-checkboxes govuk-checkboxes--small\">{forms}</div></fieldset></div>\
                 <button class=\"govuk-button govuk-button--secondary\" type=\"submit\">Save access for {user}</button></form>",
                csrf = o.csrf_field(),
                user = esc(&a.username)
            )
        })
        .collect();
    let body = format!(
        "<h1 class=\"govuk-heading-l\">Accounts</h1><p class=\"govuk-body\">Make or remove accounts and set passwords \
         with <code>careform staff add</code> and <code>careform staff remove</code>. Here you choose each account's role \
         and the forms whose submissions it reads and decides.</p>{sections}{retention}",
        retention = retention_table(&periods)
    );
    Ok(page("Accounts", Some(&o), &body))
}

/// How long each form's decided submissions are kept (set with `careform retention set`).
fn retention_table(periods: &[Period]) -> String {
    let rows: String = careform_rules::forms()
        .map(|d| {
            let kept = periods.iter().find(|p| p.form_id == d.id).map_or_else(
                || "Kept until removed (no period set)".to_owned(),
                |p| format!("{} days after the decision", p.days),
            );
            format!(
                "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">{}</th>\
                 <td class=\"govuk-table__cell\" id=\"retention-{}\">{}</td></tr>",
                esc(&form_title(d.id)),
                esc(d.id),
                esc(&kept)
            )
        })
        .collect();
    format!(
        "<h2 class=\"govuk-heading-m\" id=\"retention\">Retention</h2><p class=\"govuk-body\">Approved and rejected \
         submissions are deleted with their files this long after their decision by <code>careform purge</code> \
         (run it daily); the receipt chain stays, so <code>careform audit</code> still verifies. Set a period with \
         <code>careform retention set FORM DAYS</code>.</p><table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-table__caption--s\">\
         Retention period of each form</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">\
         <th scope=\"col\" class=\"govuk-table__header\">Form</th><th scope=\"col\" class=\"govuk-table__header\">Kept</th></tr></thead>\
         <tbody class=\"govuk-table__body\">{rows}</tbody></table>"
    )
}

/// `GET /staff/admin`.
pub async fn accounts(State(state): State<AppState>, headers: HeaderMap) -> Response {
    render(&state, &headers).await.map(|h| Html(h).into_response()).unwrap_or_else(IntoResponse::into_response)
}

/// `POST /staff/admin/access`: `csrf`, `username`, `role`, and `form.ID=on` for each form given.
pub async fn set_access(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<BTreeMap<String, String>>,
) -> Response {
    let run = async {
        let o = posting_officer(&state, &headers, f.get("csrf").map_or("", String::as_str)).await?;
        admin_only(&o)?;
        let user = f.get("username").cloned().unwrap_or_default();
        let role =
            f.get("role").and_then(|r| Role::parse(r)).ok_or_else(|| InboxError::Invalid("Choose a role".into()))?;
        let forms: Vec<String> = careform_rules::forms()
            .filter(|d| f.contains_key(&format!("form.{}", d.id)))
            .map(|d| d.id.to_owned())
            .collect();
        let detail = format!("{user}: {} [{}]", role.as_str(), forms.join(", "));
        let (store, at) = (state.store.clone(), now_text());
        let done = blocking(move || {
            let done = store.set_access(&user, Some(role), Some(&forms))?;
            if done {
                store.audit(&o.audit(&at, "access", None, &detail))?;
            }
            Ok(done)
        })
        .await?;
        if !done {
            return Err(InboxError::Invalid("There is no such account".into()));
        }
        Ok(Redirect::to("/staff/admin").into_response())
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}
