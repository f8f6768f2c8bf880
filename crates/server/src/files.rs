//! Evidence files on disk, content-addressed: `DATA_DIR/files/ab/cdef…` holds the file whose
//! SHA-256 is `abcdef…` (64 lowercase hex digits, as `sha256sum` prints it). A file is written to a
//! temporary name, fsynced and renamed, so a name only ever holds a whole file; files are 0600 and
//! their directories 0700 (they are people's documents).
//!
//! Also the submission's side: [`check_evidence`] refuses a submission whose `data.evidence` names
//! a file this server does not hold, or holds with another size, type or hash.

use std::fs;
use std::io::{Read as _, Write as _};
use std::os::unix::fs::DirBuilderExt as _;
use std::path::{Path, PathBuf};

use careform_rules::files::{MAX_FILE_BYTES, MAX_SUBMISSION_BYTES, is_sha256_hex, sha256_hex, sniff};
use serde_json::{Map, Value};

/// How long an uploaded file no submission lists is kept (from its upload, or the last time an
/// outbox asked for it): long enough for a person to finish a long application.
pub const UNREFERENCED_HOURS: u64 = 72;

/// The content-addressed file store under a data directory.
#[derive(Debug, Clone)]
pub struct FileStore {
    root: PathBuf,
}

/// A stored file, as the upload answers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// SHA-256, 64 lowercase hex digits.
    pub sha256: String,
    /// The type sniffed from the bytes.
    pub media_type: &'static str,
    /// Its size.
    pub bytes: u64,
    /// False when an intact copy was held already (a retried upload).
    pub new: bool,
}

/// A file the store holds, read back whole and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    /// Its size.
    pub bytes: u64,
    /// The type sniffed from its bytes, if an accepted one.
    pub media_type: Option<&'static str>,
    /// Whether its bytes still hash to its name.
    pub intact: bool,
}

impl FileStore {
    /// The store under `data_dir` (its `files` folder, created on first write).
    pub fn new(data_dir: &Path) -> Self {
        FileStore { root: data_dir.join("files") }
    }

    /// Where the file named `sha256` lives (which must be checked hex first).
    fn path(&self, sha256: &str) -> PathBuf {
        self.root.join(&sha256[..2]).join(&sha256[2..])
    }

    /// Stores `bytes` (already known to be an accepted type, `media_type`). Idempotent: an intact
    /// copy already held is left alone; a damaged one is replaced by these bytes.
    pub fn put(&self, bytes: &[u8], media_type: &'static str) -> std::io::Result<Stored> {
        let sha256 = sha256_hex(bytes);
        let stored = |new| Stored { sha256: sha256.clone(), media_type, bytes: bytes.len() as u64, new };
        let path = self.path(&sha256);
        if self.held(&sha256)?.is_some_and(|h| h.intact) {
            return Ok(stored(false));
        }
        let dir = path.parent().expect("a file's path has a folder");
        fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
        // tempfile creates its file 0600 in the same folder, so the rename cannot cross devices.
        let mut tmp = tempfile::Builder::new().prefix(".upload-").tempfile_in(dir)?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()?;
        tmp.persist(&path).map_err(|e| e.error)?;
        // The rename itself is durable only once the folder is synced.
        fs::File::open(dir)?.sync_all()?;
        Ok(stored(true))
    }

    /// Whether a file named `sha256` is held (without reading it): its size.
    pub fn size(&self, sha256: &str) -> std::io::Result<Option<u64>> {
        if !is_sha256_hex(sha256) {
            return Ok(None);
        }
        match fs::metadata(self.path(sha256)) {
            Ok(m) if m.is_file() => Ok(Some(m.len())),
            Ok(_) => Ok(None),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Marks the file named `sha256` as wanted now (a widget's outbox asked for it), so a purge
    /// of unreferenced files leaves it alone for another [`UNREFERENCED_HOURS`].
    pub fn touch(&self, sha256: &str) -> std::io::Result<()> {
        if is_sha256_hex(sha256) {
            fs::File::options().write(true).open(self.path(sha256))?.set_modified(std::time::SystemTime::now())?;
        }
        Ok(())
    }

    /// Removes files last written or asked for before `cutoff` that no stored submission lists
    /// (`referenced` answers that), and temporary files an interrupted upload left. Returns how
    /// many files were removed.
    pub fn purge(
        &self,
        cutoff: std::time::SystemTime,
        referenced: &dyn Fn(&str) -> Result<bool, crate::store::StoreError>,
    ) -> Result<usize, String> {
        let mut removed = 0;
        let Ok(folders) = fs::read_dir(&self.root) else { return Ok(0) };
        for folder in folders.flatten() {
            let prefix = folder.file_name().to_string_lossy().into_owned();
            let Ok(files) = fs::read_dir(folder.path()) else { continue };
            for file in files.flatten() {
                let name = file.file_name().to_string_lossy().into_owned();
                let old = file.metadata().and_then(|m| m.modified()).is_ok_and(|t| t < cutoff);
                if !old {
                    continue;
                }
                let sha256 = format!("{prefix}{name}");
                let leftover = name.starts_with(".upload-");
                if leftover || (is_sha256_hex(&sha256) && !referenced(&sha256).map_err(|e| e.to_string())?) {
                    fs::remove_file(file.path()).map_err(|e| format!("removing {}: {e}", file.path().display()))?;
                    removed += 1;
                }
            }
        }
        Ok(removed)
    }

    /// The bytes of the file named `sha256` (at most [`MAX_FILE_BYTES`] + 1 of them are read, so
    /// a file over the limit shows as too long), or `None` if it is not held.
    pub fn read(&self, sha256: &str) -> std::io::Result<Option<Vec<u8>>> {
        if !is_sha256_hex(sha256) {
            return Ok(None);
        }
        let mut content = Vec::new();
        match fs::File::open(self.path(sha256)) {
            Ok(f) => f.take(MAX_FILE_BYTES + 1).read_to_end(&mut content)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        Ok(Some(content))
    }

    /// Removes the file named `sha256` if it is held (a retention purge, once no stored
    /// submission lists it). True if there was one.
    pub fn remove(&self, sha256: &str) -> std::io::Result<bool> {
        if !is_sha256_hex(sha256) {
            return Ok(false);
        }
        match fs::remove_file(self.path(sha256)) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Reads the file named `sha256` back and checks it: size, sniffed type, and whether it still
    /// hashes to its name. A file over the limit is reported by size without being read whole.
    pub fn held(&self, sha256: &str) -> std::io::Result<Option<Held>> {
        let Some(bytes) = self.size(sha256)? else { return Ok(None) };
        if bytes > MAX_FILE_BYTES {
            return Ok(Some(Held { bytes, media_type: None, intact: false }));
        }
        let mut content = Vec::with_capacity(bytes as usize);
        fs::File::open(self.path(sha256))?.take(MAX_FILE_BYTES + 1).read_to_end(&mut content)?;
        Ok(Some(Held {
            bytes: content.len() as u64,
            media_type: sniff(&content),
            intact: sha256_hex(&content) == sha256,
        }))
    }
}

/// The files a submission's `data.evidence` names (each SHA-256 once, in order), once every one is
/// held intact with the size and type its item states and their sizes add up to at most
/// [`MAX_SUBMISSION_BYTES`]; otherwise each problem with the item it is about (`evidence[2]`).
/// A submission without `evidence` names no files.
pub fn check_evidence(store: &FileStore, data: &Map<String, Value>) -> Result<Vec<String>, Vec<(String, String)>> {
    let Some(evidence) = data.get("evidence") else { return Ok(Vec::new()) };
    let Some(items) = evidence.as_array() else {
        return Err(vec![("evidence".into(), "evidence must be a list of files".into())]);
    };
    let mut problems = Vec::new();
    let mut files: Vec<String> = Vec::new();
    let mut total: u64 = 0;
    for (i, item) in items.iter().enumerate() {
        let field = format!("evidence[{i}]");
        match check_item(store, item) {
            Ok((sha256, bytes)) => {
                total = total.saturating_add(bytes);
                if !files.contains(&sha256) {
                    files.push(sha256);
                }
            }
            Err(message) => problems.push((field, message)),
        }
    }
    if total > MAX_SUBMISSION_BYTES {
        problems.push((
            "evidence".into(),
            format!(
                "the files add up to {total} bytes; one submission's files may add up to at most {MAX_SUBMISSION_BYTES} \
                 bytes (50 MiB)"
            ),
        ));
    }
    if problems.is_empty() { Ok(files) } else { Err(problems) }
}

/// One item: `(sha256, bytes)` when the server holds exactly the file it describes.
fn check_item(store: &FileStore, item: &Value) -> Result<(String, u64), String> {
    let name = item["name"].as_str().unwrap_or("this file");
    let sha256 = item["sha256"]
        .as_str()
        .filter(|s| is_sha256_hex(s))
        .ok_or_else(|| format!("{name}: sha256 must be the file's SHA-256 as 64 lowercase hexadecimal digits"))?;
    let bytes =
        item["bytes"].as_u64().ok_or_else(|| format!("{name}: bytes must be the file's size, a whole number"))?;
    let media_type = item["media_type"].as_str().unwrap_or_default();
    let held = store
        .held(sha256)
        .map_err(|e| {
            tracing::error!("reading evidence file {sha256}: {e}");
            format!("{name}: the server could not read its copy of this file; try again")
        })?
        .ok_or_else(|| {
            format!("{name}: the server does not hold this file (sha256 {sha256}); upload it (POST /v1/files) and send again")
        })?;
    if !held.intact {
        return Err(format!("{name}: the server's copy no longer matches its SHA-256; upload the file again"));
    }
    if held.bytes != bytes {
        return Err(format!("{name}: the file held is {} bytes but the form says {bytes}", held.bytes));
    }
    if held.media_type != Some(media_type) {
        let actual = held.media_type.unwrap_or("not an accepted type");
        return Err(format!("{name}: the file held is {actual} but the form says {media_type:?}"));
    }
    Ok((sha256.to_owned(), bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use careform_rules::files::{PDF, PNG};
    use serde_json::json;

    const PDF_BYTES: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

    fn item(bytes: &[u8], media_type: &str) -> Value {
        json!({"kind": "dbs_checks", "name": "dbs.pdf", "media_type": media_type,
               "bytes": bytes.len(), "sha256": sha256_hex(bytes)})
    }

    fn data(items: Vec<Value>) -> Map<String, Value> {
        json!({ "evidence": items }).as_object().unwrap().clone()
    }

    #[test]
    fn a_file_is_stored_once_under_its_hash_and_private() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let store = FileStore::new(dir.path());
        let first = store.put(PDF_BYTES, PDF).unwrap();
        assert!(first.new);
        assert_eq!(store.put(PDF_BYTES, PDF).unwrap(), Stored { new: false, ..first.clone() });
        let path = dir.path().join("files").join(&first.sha256[..2]).join(&first.sha256[2..]);
        assert_eq!(fs::read(&path).unwrap(), PDF_BYTES);
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(fs::metadata(path.parent().unwrap()).unwrap().permissions().mode() & 0o777, 0o700);
        // Nothing but the file itself is left in its folder (no temporary file).
        assert_eq!(fs::read_dir(path.parent().unwrap()).unwrap().count(), 1);
        // A damaged copy is replaced by the next upload of the right bytes.
        fs::write(&path, b"%PDF-damaged").unwrap();
        assert!(store.put(PDF_BYTES, PDF).unwrap().new);
        assert_eq!(fs::read(&path).unwrap(), PDF_BYTES);
    }

    #[test]
    fn files_no_submission_lists_are_purged_once_old() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileStore::new(dir.path());
        let day_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(24 * 3600);
        let age = |sha256: &str| {
            fs::File::options().write(true).open(store.path(sha256)).unwrap().set_modified(day_ago).unwrap();
        };
        let listed = store.put(b"%PDF-1.4 listed", PDF).unwrap().sha256;
        let unlisted = store.put(b"%PDF-1.4 never sent", PDF).unwrap().sha256;
        let asked_for = store.put(b"%PDF-1.4 waiting in an outbox", PDF).unwrap().sha256;
        let fresh = store.put(b"%PDF-1.4 just uploaded", PDF).unwrap().sha256;
        for sha256 in [&listed, &unlisted, &asked_for] {
            age(sha256);
        }
        store.touch(&asked_for).unwrap();
        let leftover = store.path(&fresh).with_file_name(".upload-interrupted");
        fs::write(&leftover, b"%PDF-1.4 half").unwrap();
        fs::File::options().write(true).open(&leftover).unwrap().set_modified(day_ago).unwrap();

        let cutoff = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let removed = store.purge(cutoff, &|sha256| Ok(sha256 == listed)).unwrap();
        assert_eq!(removed, 2, "the unlisted file and the leftover");
        assert_eq!(store.size(&unlisted).unwrap(), None);
        assert!(!leftover.exists());
        for kept in [&listed, &asked_for, &fresh] {
            assert!(store.size(kept).unwrap().is_some(), "{kept}");
        }
    }

    #[test]
    fn evidence_must_name_held_intact_files_of_the_stated_size_and_type() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileStore::new(dir.path());
        let stored = store.put(PDF_BYTES, PDF).unwrap();
        assert_eq!(check_evidence(&store, &data(vec![item(PDF_BYTES, PDF)])), Ok(vec![stored.sha256.clone()]));
        assert_eq!(check_evidence(&store, &Map::new()), Ok(vec![]));

        let mut wrong_size = item(PDF_BYTES, PDF);
        wrong_size["bytes"] = json!(PDF_BYTES.len() + 1);
        let missing = item(b"%PDF-1.4 never uploaded", PDF);
        let problems = check_evidence(
            &store,
            &data(vec![item(PDF_BYTES, PDF), wrong_size, item(PDF_BYTES, PNG), missing, json!({"sha256": "AB"})]),
        )
        .unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["evidence[1]", "evidence[2]", "evidence[3]", "evidence[4]"]);
        assert!(problems[0].1.contains("bytes"), "{problems:?}");
        assert!(problems[1].1.contains("application/pdf"), "{problems:?}");
        assert!(problems[2].1.contains("does not hold"), "{problems:?}");
        assert!(problems[3].1.contains("64 lowercase"), "{problems:?}");

        // Bytes on disk that no longer hash to their name.
        fs::write(dir.path().join("files").join(&stored.sha256[..2]).join(&stored.sha256[2..]), b"%PDF-1.4 other")
            .unwrap();
        let problems = check_evidence(&store, &data(vec![item(PDF_BYTES, PDF)])).unwrap_err();
        assert_eq!(problems[0].0, "evidence[0]");
        assert!(problems[0].1.contains("no longer matches"), "{problems:?}");
    }

    #[test]
    fn a_submissions_files_may_add_up_to_50_mib() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileStore::new(dir.path());
        // Six different files of just under 10 MiB each: every one fine, together over the limit.
        let items: Vec<Value> = (0..6u8)
            .map(|n| {
                let mut bytes = b"%PDF-1.4\n".to_vec();
                bytes.resize(MAX_FILE_BYTES as usize - 1, n);
                store.put(&bytes, PDF).unwrap();
                item(&bytes, PDF)
            })
            .collect();
        assert_eq!(check_evidence(&store, &data(items[..5].to_vec())).map(|f| f.len()), Ok(5));
        let problems = check_evidence(&store, &data(items)).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].0, "evidence");
        assert!(problems[0].1.contains("at most 52428800 bytes"), "{problems:?}");
    }
}
