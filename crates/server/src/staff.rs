//! Staff pages: sign in, issue single-use PA acknowledgement links, see what became of them.
//! Server-rendered HTML that needs no JavaScript. Accounts are made with `careform staff add`;
//! nothing is hard-coded. Sessions are random tokens kept only as hashes; POSTs must come from
//! this server's own origin (with `SameSite=Strict` cookies, that stops cross-site forgery).

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use axum::extract::{Form, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use careform_seal::{b64u_encode, random_bytes, sha256_b64u};
use serde::Deserialize;

use crate::config::origin_of;
use crate::state::AppState;
use crate::store::PaRequest;

const COOKIE: &str = "careform_staff";
/// How long a staff session lasts.
const SESSION_SECS: i64 = 8 * 3600;
/// How long an acknowledgement link stays valid.
pub const LINK_DAYS: i64 = 14;

/// Hashes a password for storage (Argon2id, random salt).
pub fn hash_password(password: &str) -> Result<String, String> {
    Argon2::default()
        .hash_password(password.as_bytes(), &SaltString::generate(&mut OsRng))
        .map(|h| h.to_string())
        .map_err(|e| format!("cannot hash the password: {e}"))
}

fn password_matches(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// Escapes text for HTML element content and quoted attributes.
pub(crate) fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} – Careform staff</title><link rel=\"stylesheet\" href=\"/demo/demo.css\"></head>\
         <body><header class=\"site-header site-header--cic\"><p class=\"site-name\">Careform staff</p></header>\
         <main id=\"main\">{body}</main></body></html>",
        esc(title)
    )
}

pub(crate) fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(&format!("{COOKIE}=")).map(str::to_owned))
}

/// The staff pages, nested under `/staff` by the application's router; `sign_in_limit` guards
/// the sign-in form against password guessing.
pub fn routes<L>(sign_in_limit: L) -> axum::Router<AppState>
where
    L: tower::Layer<axum::routing::Route> + Clone + Send + Sync + 'static,
    L::Service:
        tower::Service<axum::extract::Request, Error = std::convert::Infallible> + Clone + Send + Sync + 'static,
    <L::Service as tower::Service<axum::extract::Request>>::Response: IntoResponse + 'static,
    <L::Service as tower::Service<axum::extract::Request>>::Future: Send + 'static,
{
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/", get(dashboard))
        .route("/requests", post(issue))
        .route("/logout", post(logout))
        .route("/login", get(login_page).post(login).layer(sign_in_limit))
}

/// Why a staff page cannot be shown; each maps to one response.
#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    /// Not signed in (or the session ended): go to the sign-in page.
    #[error("not signed in")]
    SignIn,
    /// A form POST from another site's page.
    #[error("a form post from another site")]
    CrossSite,
    /// The store failed; nothing was changed.
    #[error("store: {0}")]
    Store(#[from] crate::store::StoreError),
    /// The blocking task running the store call failed (it panicked or was cancelled).
    #[error("task: {0}")]
    Task(#[from] tokio::task::JoinError),
}

impl IntoResponse for StaffError {
    fn into_response(self) -> Response {
        match self {
            StaffError::SignIn => Redirect::to("/staff/login").into_response(),
            StaffError::CrossSite => (
                StatusCode::FORBIDDEN,
                Html(page("Refused", "<h1>Refused</h1><p>Forms here can only be sent from this site's own pages.</p>")),
            )
                .into_response(),
            StaffError::Store(_) | StaffError::Task(_) => {
                tracing::error!("staff page: {self}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    Html(page("Error", "<h1>Something went wrong</h1><p>Nothing was changed. Try again.</p>")),
                )
                    .into_response()
            }
        }
    }
}

/// Runs a store call off the async threads; both its failure and the task's become a [`StaffError`].
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, crate::store::StoreError> + Send + 'static,
) -> Result<T, StaffError> {
    Ok(tokio::task::spawn_blocking(f).await??)
}

/// The signed-in staff member, or [`StaffError::SignIn`].
async fn staff_user(state: &AppState, headers: &HeaderMap) -> Result<String, StaffError> {
    let Some(token) = session_token(headers) else { return Err(StaffError::SignIn) };
    let store = state.store.clone();
    let now = chrono::Utc::now().timestamp();
    let user = blocking(move || store.session_user(&sha256_b64u(token.as_bytes()), now)).await?;
    user.ok_or(StaffError::SignIn)
}

/// Refuses a form POST that did not come from this server's own pages.
pub(crate) fn same_origin(state: &AppState, headers: &HeaderMap) -> Result<(), StaffError> {
    let own = origin_of(&state.config.public_url).unwrap_or_default();
    let sent =
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()).map(|o| o.trim_end_matches('/').to_ascii_lowercase());
    // Browsers may send `Origin: null` (privacy settings); `Sec-Fetch-Site` is set by the
    // browser itself and cannot be forged by a page, so it settles those.
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    match (sent.as_deref(), fetch_site) {
        (Some(o), _) if o == own => Ok(()),
        (None | Some("null"), Some("same-origin")) => Ok(()),
        _ => Err(StaffError::CrossSite),
    }
}

fn login_form(error: Option<&str>) -> String {
    let summary = error.map_or(String::new(), |e| {
        format!("<div class=\"error-summary\" role=\"alert\"><h2>There is a problem</h2><p>{}</p></div>", esc(e))
    });
    page(
        "Sign in",
        &format!(
            "<h1>Sign in</h1>{summary}<form method=\"post\" action=\"/staff/login\">\
             <p><label for=\"username\">Username</label><br><input id=\"username\" name=\"username\" autocomplete=\"username\" required></p>\
             <p><label for=\"password\">Password</label><br><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></p>\
             <p><button type=\"submit\">Sign in</button></p></form>"
        ),
    )
}

/// `GET /staff/login`.
pub async fn login_page() -> Html<String> {
    Html(login_form(None))
}

/// The sign-in form's fields.
#[derive(Deserialize)]
pub struct Login {
    username: String,
    password: String,
}

/// `POST /staff/login`.
pub async fn login(State(state): State<AppState>, headers: HeaderMap, Form(form): Form<Login>) -> Response {
    if let Err(e) = same_origin(&state, &headers) {
        return e.into_response();
    }
    let Some(slot) = crate::sign_in::hashing_slot() else { return crate::sign_in::busy() };
    let store = state.store.clone();
    let username = form.username.trim().to_owned();
    let checked = blocking(move || {
        let _slot = slot;
        let now = chrono::Utc::now().timestamp();
        // A locked account is refused without looking at the password, with the same answer.
        if store.locked_until(&username, now)?.is_some() {
            return Ok(None);
        }
        let stored = store.staff_password_hash(&username)?;
        // Hash even for unknown users, so timing does not tell which usernames exist.
        let ok = match &stored {
            Some(hash) => password_matches(&form.password, hash),
            None => {
                let _ = hash_password(&form.password);
                false
            }
        };
        if !ok {
            use crate::sign_in::{LOCK_SECS, MAX_FAILURES};
            store.sign_in_failed(&username, now, MAX_FAILURES, LOCK_SECS)?;
            return Ok(None);
        }
        store.sign_in_succeeded(&username)?;
        let token = b64u_encode(&random_bytes::<32>());
        store.put_session(&sha256_b64u(token.as_bytes()), &username, now, now + SESSION_SECS)?;
        Ok(Some(token))
    })
    .await;
    match checked {
        Err(e) => e.into_response(),
        Ok(None) => (
            StatusCode::UNAUTHORIZED,
            Html(login_form(Some(
                "The username or password is not right (after 5 wrong passwords an account is locked for 15 minutes)",
            ))),
        )
            .into_response(),
        Ok(Some(token)) => {
            let secure = if state.config.public_url.starts_with("https://") { "; Secure" } else { "" };
            let cookie =
                format!("{COOKIE}={token}; Path=/staff; HttpOnly; SameSite=Strict; Max-Age={SESSION_SECS}{secure}");
            let mut r = Redirect::to("/staff").into_response();
            r.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_str(&cookie).expect("cookie is ASCII"));
            r
        }
    }
}

/// `POST /staff/logout`.
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Err(e) = same_origin(&state, &headers) {
        return e.into_response();
    }
    if let Some(token) = session_token(&headers) {
        let store = state.store.clone();
        let _ = blocking(move || store.delete_session(&sha256_b64u(token.as_bytes()))).await;
    }
    let mut r = Redirect::to("/staff/login").into_response();
    r.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static("careform_staff=; Path=/staff; Max-Age=0; HttpOnly; SameSite=Strict"),
    );
    r
}

fn link_for(state: &AppState, token: &str) -> String {
    format!("{}?request={token}", state.config.pa_page_url)
}

/// `GET /staff`: issue a link, and every link issued with its state.
pub async fn dashboard(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let user = match staff_user(&state, &headers).await {
        Ok(u) => u,
        Err(e) => return e.into_response(),
    };
    let store = state.store.clone();
    let requests = match blocking(move || store.requests()).await {
        Ok(r) => r,
        Err(e) => return e.into_response(),
    };
    let now = chrono::Utc::now().timestamp();
    let rows: String = requests
        .iter()
        .map(|s| {
            let r = &s.request;
            let state_cell = match &s.acknowledged {
                Some((reference, at)) => format!("Acknowledged {} ({})", esc(reference), esc(at)),
                None if r.expires_at <= now => "Expired".to_owned(),
                None => format!("Waiting: <a href=\"{0}\">{0}</a>", esc(&link_for(&state, &r.token))),
            };
            format!(
                "<tr data-request=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"state\">{state_cell}</td></tr>",
                esc(&r.token),
                esc(&r.pa_name),
                esc(&r.pa_email),
                esc(&r.client_name),
                esc(r.activity_date.as_deref().unwrap_or("")),
                esc(&r.code_version),
            )
        })
        .collect();
    let version = careform_rules::pa::current_code().version;
    Html(page(
        "PA acknowledgements",
        &format!(
            "<h1>PA acknowledgements</h1><p>Signed in as {user}. <a href=\"/staff/inbox\">Council inbox</a></p>\
             <form method=\"post\" action=\"/staff/logout\"><button type=\"submit\">Sign out</button></form>\
             <h2>Ask a personal assistant to acknowledge the code</h2>\
             <form method=\"post\" action=\"/staff/requests\">\
             <p><label for=\"pa_name\">PA's full name</label><br><input id=\"pa_name\" name=\"pa_name\" required></p>\
             <p><label for=\"pa_email\">PA's email address</label><br><input id=\"pa_email\" name=\"pa_email\" type=\"email\" required></p>\
             <p><label for=\"client_name\">Participant (their client)</label><br><input id=\"client_name\" name=\"client_name\" required></p>\
             <p><label for=\"employer\">Their employer</label><br><input id=\"employer\" name=\"employer\" required></p>\
             <p><label for=\"activity_date\">Activity date (YYYY-MM-DD, optional)</label><br><input id=\"activity_date\" name=\"activity_date\"></p>\
             <p><label for=\"code_version\">Code version</label><br><input id=\"code_version\" name=\"code_version\" value=\"{version}\" required></p>\
             <p><button type=\"submit\">Issue a link</button></p></form>\
             <h2>Links issued</h2><table><thead><tr><th scope=\"col\">PA</th><th scope=\"col\">Email</th><th scope=\"col\">Participant</th>\
             <th scope=\"col\">Activity</th><th scope=\"col\">Code</th><th scope=\"col\">State</th></tr></thead><tbody>{rows}</tbody></table>",
            user = esc(&user)
        ),
    ))
    .into_response()
}

/// The issue form's fields.
#[derive(Deserialize)]
pub struct NewRequest {
    pa_name: String,
    pa_email: String,
    client_name: String,
    employer: String,
    #[serde(default)]
    activity_date: String,
    code_version: String,
}

/// `POST /staff/requests`: issue a single-use link valid for [`LINK_DAYS`] days.
pub async fn issue(State(state): State<AppState>, headers: HeaderMap, Form(form): Form<NewRequest>) -> Response {
    if let Err(e) = same_origin(&state, &headers) {
        return e.into_response();
    }
    let user = match staff_user(&state, &headers).await {
        Ok(u) => u,
        Err(e) => return e.into_response(),
    };
    let mut problems = Vec::new();
    let field = |v: &str, what: &str, problems: &mut Vec<String>| {
        let v = v.trim();
        if v.is_empty() || v.chars().count() > 200 {
            problems.push(format!("Enter {what} (200 characters at most)"));
        }
        v.to_owned()
    };
    let pa_name = field(&form.pa_name, "the PA's full name", &mut problems);
    let pa_email = field(&form.pa_email, "the PA's email address", &mut problems);
    if !pa_email.contains('@') {
        problems.push("Enter an email address in the correct format, like name@example.com".into());
    }
    let client_name = field(&form.client_name, "the participant's name", &mut problems);
    let employer = field(&form.employer, "the PA's employer", &mut problems);
    let activity_date = form.activity_date.trim().to_owned();
    if !activity_date.is_empty() && careform_rules::date::parse_iso(&activity_date).is_none() {
        problems.push("Enter the activity date as YYYY-MM-DD".into());
    }
    let code_version = form.code_version.trim().to_owned();
    if !careform_rules::pa::CODE_VERSIONS.iter().any(|v| v.version == code_version) {
        problems.push(format!("There is no code version {code_version:?}"));
    }
    if !problems.is_empty() {
        let list: String = problems.iter().map(|p| format!("<li>{}</li>", esc(p))).collect();
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            Html(page(
                "There is a problem",
                &format!("<h1>There is a problem</h1><ul>{list}</ul><p><a href=\"/staff\">Back</a></p>"),
            )),
        )
            .into_response();
    }
    let now = chrono::Utc::now().timestamp();
    let request = PaRequest {
        token: b64u_encode(&random_bytes::<18>()),
        pa_name,
        pa_email,
        client_name,
        employer,
        activity_date: (!activity_date.is_empty()).then_some(activity_date),
        code_version,
        issued_by: user,
        issued_at: now,
        expires_at: now + LINK_DAYS * 86_400,
    };
    let store = state.store.clone();
    match blocking(move || store.put_request(&request)).await {
        Ok(()) => Redirect::to("/staff").into_response(),
        Err(e) => e.into_response(),
    }
}
