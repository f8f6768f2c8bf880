//! A submission's evidence files: listed on its page and downloaded one by one by the officers
//! who may see its form (anyone else gets the same 404 as for no such submission). Each
//! download is an audit row.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use careform_rules::files::{MAX_FILE_BYTES, is_sha256_hex, sha256_hex};

use super::{InboxError, esc, now_text, officer, submission::visible};
use crate::staff::blocking;
use crate::state::AppState;
use crate::store::Record;

/// One file a submission lists in `data.evidence`, as the provider described it (the server
/// checked size, type and hash against the stored bytes when the submission arrived).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// What the document is (`dbs_checks`, `insurance`, ...).
    pub kind: String,
    /// The file name on the provider's device.
    pub name: String,
    /// The media type the server sniffed and the form states.
    pub media_type: String,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256, 64 lowercase hex digits: its name in the file store.
    pub sha256: String,
}

/// The files a stored submission lists, in the order it lists them (each file once).
pub fn listed(record: &Record) -> Vec<Evidence> {
    let data = super::export::data(record);
    let mut out: Vec<Evidence> = Vec::new();
    for item in data["evidence"].as_array().into_iter().flatten() {
        let s = |k: &str| item[k].as_str().unwrap_or_default().to_owned();
        let sha256 = s("sha256");
        if !is_sha256_hex(&sha256) || out.iter().any(|e| e.sha256 == sha256) {
            continue;
        }
        out.push(Evidence {
            kind: s("kind"),
            name: s("name"),
            media_type: s("media_type"),
            bytes: item["bytes"].as_u64().unwrap_or(0),
            sha256,
        });
    }
    out
}

/// The evidence table on the submission page (nothing when the submission lists no files).
pub fn table(reference: &str, files: &[Evidence]) -> String {
    if files.is_empty() {
        return String::new();
    }
    let rows: String = files
        .iter()
        .map(|f| {
            format!(
                "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">{kind}</td>\
                 <td class=\"govuk-table__cell careform-break\"><a class=\"govuk-link\" href=\"/staff/inbox/submissions/{r}/files/{sha}\" download>\
                 {name}<span class=\"govuk-visually-hidden\"> (download)</span></a></td>\
                 <td class=\"govuk-table__cell\">{media}</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">{bytes}</td>\
                 <td class=\"govuk-table__cell careform-break\"><code>{sha}</code></td></tr>",
                kind = esc(&f.kind),
                r = esc(reference),
                sha = esc(&f.sha256),
                name = esc(if f.name.is_empty() { "(no name)" } else { &f.name }),
                media = esc(&f.media_type),
                bytes = f.bytes,
            )
        })
        .collect();
    format!(
        "<table class=\"govuk-table\" id=\"evidence\"><caption class=\"govuk-table__caption govuk-table__caption--m\">Evidence files</caption>\
         <thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Kind</th>\
         <th scope=\"col\" class=\"govuk-table__header\">Name</th><th scope=\"col\" class=\"govuk-table__header\">Media type</th>\
         <th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Size (bytes)</th>\
         <th scope=\"col\" class=\"govuk-table__header\">SHA-256</th></tr></thead><tbody class=\"govuk-table__body\">{rows}</tbody></table>"
    )
}

/// A file name safe in a `Content-Disposition` header and on any officer's disk: letters,
/// digits, `.`, `-`, `_` and spaces only (anything else becomes `_`), no leading dots (hidden
/// files), at most 100 characters; the hash's start when nothing usable is left.
pub fn safe_filename(name: &str, sha256: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') { c } else { '_' })
        .collect();
    let trimmed: String = cleaned.trim().trim_start_matches('.').chars().take(100).collect();
    if trimmed.trim_matches(|c| c == '_' || c == '.' || c == ' ').is_empty() {
        format!("evidence-{}", &sha256[..12.min(sha256.len())])
    } else {
        trimmed
    }
}

/// `GET /staff/inbox/submissions/{reference}/files/{sha256}` (also at
/// `/staff/inbox/{reference}/files/{sha256}`): the stored bytes, once they still hash to their
/// name, as an attachment of their stored media type.
pub async fn download(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((reference, sha256)): Path<(String, String)>,
) -> Response {
    run(&state, &headers, &reference, &sha256).await.unwrap_or_else(IntoResponse::into_response)
}

async fn run(state: &AppState, headers: &HeaderMap, reference: &str, sha256: &str) -> Result<Response, InboxError> {
    let o = officer(state, headers).await?;
    let (item, record) = visible(state, &o, reference).await?;
    // Only a file this submission lists: the store holds other people's files under other names.
    let file = listed(&record).into_iter().find(|f| f.sha256 == sha256).ok_or(InboxError::NotFound)?;
    let files = crate::files::FileStore::new(&state.config.data_dir);
    let (store, at, r, user) = (state.store.clone(), now_text(), item.reference.clone(), o.account.username.clone());
    let detail = format!("{} {}", file.sha256, file.name);
    let sha = file.sha256.clone();
    let held = blocking(move || {
        // At most 10 MiB, read whole so the hash is checked (here, off the async threads) before
        // a byte is sent; only a download that is sent is audited.
        let Some(bytes) =
            files.read(&sha).map_err(|e| crate::store::StoreError::Build(format!("reading {sha}: {e}")))?
        else {
            return Ok(None);
        };
        let intact = bytes.len() as u64 <= MAX_FILE_BYTES && sha256_hex(&bytes) == sha;
        if intact {
            store.audit(&crate::store::inbox::NewAudit {
                at: &at,
                actor: &user,
                action: "downloaded",
                reference: Some(&r),
                detail: &detail,
            })?;
        }
        Ok(Some((bytes, intact)))
    })
    .await?;
    let Some((bytes, intact)) = held else {
        return Err(InboxError::Invalid("The server no longer holds this file.".into()));
    };
    if !intact {
        tracing::error!("evidence file {} is damaged on disk", file.sha256);
        let body = "The server's copy of this file no longer matches its SHA-256, so it is not sent.";
        return Ok((StatusCode::INTERNAL_SERVER_ERROR, body).into_response());
    }
    let media = HeaderValue::from_str(&file.media_type)
        .ok()
        .filter(|_| careform_rules::files::MEDIA_TYPES.iter().any(|(m, _)| *m == file.media_type))
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let disposition = format!("attachment; filename=\"{}\"", safe_filename(&file.name, &file.sha256));
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, media);
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).expect("ASCII only"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::safe_filename;

    #[test]
    fn filenames_are_made_safe_for_the_header_and_the_disk() {
        let sha = "ab".repeat(32);
        assert_eq!(safe_filename("DBS check 2026.pdf", &sha), "DBS check 2026.pdf");
        assert_eq!(safe_filename("../\"evil\"\r\nname.pdf", &sha), "__evil___name.pdf");
        assert_eq!(safe_filename(".htaccess", &sha), "htaccess");
        assert_eq!(safe_filename("Prüfung.pdf", &sha), "Pr_fung.pdf");
        assert_eq!(safe_filename("", &sha), "evidence-abababababab");
        assert_eq!(safe_filename("///", &sha), "evidence-abababababab");
        assert_eq!(safe_filename(&"a".repeat(300), &sha).len(), 100);
    }
}
