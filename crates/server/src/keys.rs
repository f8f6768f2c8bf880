//! The server's Ed25519 key: made on first start, kept in the data directory, readable by its owner only.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use careform_seal::{Part, SigningKey, b64u_decode, b64u_encode, generate_key};

/// File name of the key inside the data directory.
pub const KEY_FILE: &str = "server-key.b64u";

/// Path of the key file for a data directory.
pub fn key_path(data_dir: &Path) -> PathBuf {
    data_dir.join(KEY_FILE)
}

/// Loads the key, or creates it (mode 0600) when `create` and it does not exist yet.
pub fn load_or_create(data_dir: &Path, create: bool) -> Result<SigningKey, String> {
    let path = key_path(data_dir);
    if path.exists() {
        return load(&path);
    }
    if !create {
        return Err(format!(
            "no server key at {} (has `careform serve` run with this data directory?)",
            path.display()
        ));
    }
    crate::private::private_dir(data_dir)?;
    let key = generate_key();
    // Written whole to a 0600 temporary file, then linked into place only if no key is there:
    // of two servers starting at once on one data directory (two instances sharing a key),
    // one key wins and the other server loads it, never a half-written file.
    let mut tmp = tempfile::Builder::new()
        .prefix(".server-key-")
        .tempfile_in(data_dir)
        .map_err(|e| format!("cannot create a file in {}: {e}", data_dir.display()))?;
    tmp.write_all(b64u_encode(&key.to_bytes()).as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    match tmp.persist_noclobber(&path) {
        Ok(_) => {}
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => return load(&path),
        Err(e) => return Err(format!("cannot create {}: {}", path.display(), e.error)),
    }
    Ok(key)
}

fn load(path: &Path) -> Result<SigningKey, String> {
    crate::private::refuse_if_shared(path)?;
    let text = fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let bytes =
        b64u_decode(text.trim(), Part::Jwks).map_err(|_| format!("{} is not a base64url key", path.display()))?;
    let seed: [u8; 32] = bytes.try_into().map_err(|_| format!("{} does not hold a 32-byte key", path.display()))?;
    Ok(SigningKey::from_bytes(&seed))
}
