//! The council inbox at `/staff/inbox`: officers list, open, verify, decide and export the
//! submissions of the forms they are given; admins manage who sees which forms at `/staff/admin`.
//! Server-rendered GOV.UK Frontend markup that needs no JavaScript. Every POST carries a CSRF
//! token (derived from the session token, so nothing more is stored) and must come from this
//! server's own origin; every view and action is appended to the audit log.

pub mod admin;
mod decide;
mod deliveries;
pub mod evidence;
pub mod export;
mod list;
pub use list::parse_filter;
mod submission;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use careform_seal::sha256_b64u;

use crate::staff::{StaffError, blocking, esc, same_origin, session_token};
use crate::state::AppState;
use crate::store::inbox::{Account, NewAudit, Role};

/// The policy on staff and inbox pages: no scripts at all, never inside another site's frame.
pub const STAFF_CSP: &str = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self'; \
                             object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The inbox's routes (and the admin pages and stylesheet), merged into the application's router.
pub fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/staff/assets/govuk.css", get(stylesheet))
        .route("/staff/inbox", get(list::list))
        .route("/staff/inbox/export.csv", get(list::export_csv))
        .route("/staff/inbox/export.json", get(list::export_json))
        .route("/staff/inbox/submissions/{reference}", get(submission::show))
        .route("/staff/inbox/submissions/{reference}/status", post(decide::set_status))
        .route("/staff/inbox/submissions/{reference}/note", post(decide::note))
        .route("/staff/inbox/submissions/{reference}/assign", post(decide::assign))
        .route("/staff/inbox/submissions/{reference}/audit.csv", get(decide::audit_csv))
        .route("/staff/inbox/submissions/{reference}/files/{sha256}", get(evidence::download))
        // The same, at the address issue 13 named.
        .route("/staff/inbox/{reference}/files/{sha256}", get(evidence::download))
        .route("/staff/admin", get(admin::accounts))
        .route("/staff/admin/access", post(admin::set_access))
}

/// Headers on every `/staff` answer: never cached (they show personal data), never framed
/// (clickjacking), and HSTS when the public URL is https.
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut r = next.run(req).await;
    let h = r.headers_mut();
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(STAFF_CSP));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if state.config.public_url.starts_with("https://") {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    r
}

async fn stylesheet() -> Response {
    let mut r = include_str!("govuk.css").into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    r
}

/// Why an inbox page cannot be shown.
#[derive(Debug, thiserror::Error)]
pub enum InboxError {
    /// Not signed in, cross-site, or the store failed: as on the staff pages.
    #[error(transparent)]
    Staff(#[from] StaffError),
    /// No such submission, or one of a form this officer was not given (the same answer, so
    /// references of other forms cannot be probed).
    #[error("not found")]
    NotFound,
    /// An admin page, for an officer.
    #[error("admins only")]
    AdminOnly,
    /// A POST without this session's CSRF token.
    #[error("bad CSRF token")]
    Csrf,
    /// A request that cannot be carried out, explained to the officer.
    #[error("{0}")]
    Invalid(String),
}

impl From<crate::store::StoreError> for InboxError {
    fn from(e: crate::store::StoreError) -> Self {
        InboxError::Staff(e.into())
    }
}

impl IntoResponse for InboxError {
    fn into_response(self) -> Response {
        let (status, title, text) = match self {
            InboxError::Staff(e) => return e.into_response(),
            InboxError::NotFound => {
                (StatusCode::NOT_FOUND, "Page not found", "There is no submission here you may see.")
            }
            InboxError::AdminOnly => (StatusCode::FORBIDDEN, "Admins only", "Only an admin may open this page."),
            InboxError::Csrf => (
                StatusCode::FORBIDDEN,
                "Refused",
                "This form was not sent from a page of your session. Go back, reload the page and try again.",
            ),
            InboxError::Invalid(ref why) => {
                let body = format!(
                    "<h1 class=\"govuk-heading-l\">There is a problem</h1><p class=\"govuk-body\">{}</p>\
                     <p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/staff/inbox\">Back to the inbox</a></p>",
                    esc(why)
                );
                return (StatusCode::UNPROCESSABLE_ENTITY, Html(page("There is a problem", None, &body)))
                    .into_response();
            }
        };
        let body = format!(
            "<h1 class=\"govuk-heading-l\">{title}</h1><p class=\"govuk-body\">{text}</p>\
             <p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/staff/inbox\">Back to the inbox</a></p>"
        );
        (status, Html(page(title, None, &body))).into_response()
    }
}

/// A signed-in staff member with their access and this session's CSRF token.
pub struct Officer {
    /// Their account.
    pub account: Account,
    /// The token every POST form of this session carries.
    pub csrf: String,
}

impl Officer {
    /// Whether this officer was given `form`.
    pub fn may_see(&self, form: &str) -> bool {
        self.account.forms.iter().any(|f| f == form)
    }
    /// A hidden input with the CSRF token.
    pub fn csrf_field(&self) -> String {
        format!("<input type=\"hidden\" name=\"csrf\" value=\"{}\">", esc(&self.csrf))
    }
    /// An audit row by this officer.
    pub fn audit<'a>(
        &'a self,
        at: &'a str,
        action: &'a str,
        reference: Option<&'a str>,
        detail: &'a str,
    ) -> NewAudit<'a> {
        NewAudit { at, actor: &self.account.username, action, reference, detail }
    }
}

/// The CSRF token of a session token: a hash of it, so only the session's own pages know it.
fn csrf_of(token: &str) -> String {
    sha256_b64u(format!("careform-csrf:{token}").as_bytes())
}

/// The signed-in staff member, or a redirect to sign in.
pub async fn officer(state: &AppState, headers: &HeaderMap) -> Result<Officer, InboxError> {
    let Some(token) = session_token(headers) else { return Err(StaffError::SignIn.into()) };
    let store = state.store.clone();
    let now = chrono::Utc::now().timestamp();
    let hash = sha256_b64u(token.as_bytes());
    let account = blocking(move || match store.session_user(&hash, now)? {
        Some(user) => store.account(&user),
        None => Ok(None),
    })
    .await?;
    let account = account.ok_or(StaffError::SignIn)?;
    Ok(Officer { account, csrf: csrf_of(&token) })
}

/// For a POST: the signed-in officer, if the form came from this origin with this session's token.
pub async fn posting_officer(state: &AppState, headers: &HeaderMap, csrf: &str) -> Result<Officer, InboxError> {
    same_origin(state, headers)?;
    let officer = officer(state, headers).await?;
    // Both are hashes of secrets of the same length; comparing them reveals nothing useful.
    if officer.csrf != csrf {
        return Err(InboxError::Csrf);
    }
    Ok(officer)
}

/// The signed-in admin, or [`InboxError::AdminOnly`].
pub fn admin_only(officer: &Officer) -> Result<(), InboxError> {
    if officer.account.role == Role::Admin { Ok(()) } else { Err(InboxError::AdminOnly) }
}

/// Now as the audit log and the receipts write it.
pub fn now_text() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A whole page: GOV.UK template, header with the staff navigation when signed in.
pub fn page(title: &str, officer: Option<&Officer>, body: &str) -> String {
    let nav = officer.map_or(String::new(), |o| {
        let admin = if o.account.role == Role::Admin {
            "<li><a class=\"govuk-link govuk-link--inverse\" href=\"/staff/admin\">Accounts</a></li>"
        } else {
            ""
        };
        format!(
            "<nav aria-label=\"Staff\"><ul class=\"careform-nav\">\
             <li><a class=\"govuk-link govuk-link--inverse\" href=\"/staff/inbox\">Inbox</a></li>\
             <li><a class=\"govuk-link govuk-link--inverse\" href=\"/staff\">PA acknowledgement links</a></li>{admin}\
             <li><form method=\"post\" action=\"/staff/logout\">{csrf}<button class=\"careform-link-button\" type=\"submit\">Sign out {user}</button></form></li>\
             </ul></nav>",
            csrf = o.csrf_field(),
            user = esc(&o.account.username)
        )
    });
    format!(
        "<!DOCTYPE html><html lang=\"en\" class=\"govuk-template\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} – Careform council inbox</title><link rel=\"stylesheet\" href=\"/staff/assets/govuk.css\"></head>\
         <body class=\"govuk-template__body\"><a href=\"#main-content\" class=\"govuk-skip-link\">Skip to main content</a>\
         <header class=\"careform-header\"><div class=\"govuk-width-container\"><p>Careform council inbox</p>{nav}</div></header>\
         <div class=\"govuk-width-container\"><main class=\"govuk-main-wrapper\" id=\"main-content\">{body}</main></div>\
         </body></html>",
        title = esc(title)
    )
}

/// The title of a form id, for people.
pub fn form_title(id: &str) -> String {
    careform_rules::forms().find(|d| d.id == id).map_or_else(|| id.to_owned(), |d| d.title.to_owned())
}

/// A GOV.UK tag for a status or verdict.
pub fn tag(value: &str) -> String {
    let colour = match value {
        "fail" | "rejected" => " govuk-tag--red",
        "warn" | "more_information_needed" => " govuk-tag--yellow",
        "pass" | "approved" => " govuk-tag--green",
        "in_review" => " govuk-tag--blue",
        _ => " govuk-tag--grey",
    };
    format!("<strong class=\"govuk-tag{colour}\">{}</strong>", esc(&label(value)))
}

/// A status or verdict in words.
pub fn label(value: &str) -> String {
    match value {
        "new" => "New",
        "in_review" => "In review",
        "approved" => "Approved",
        "rejected" => "Rejected",
        "more_information_needed" => "More information needed",
        "pass" => "Pass",
        "warn" => "Warn",
        "fail" => "Fail",
        other => other,
    }
    .to_owned()
}

/// Every status, in workflow order.
pub const STATUSES: [&str; 5] = ["new", "in_review", "approved", "rejected", "more_information_needed"];
