//! The server's Ed25519 key: made on first start, kept in the data directory, readable by its owner only.

use std::fs;
use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt as _;
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
    // create_new: two servers starting at once must not overwrite each other's key.
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    file.write_all(b64u_encode(&key.to_bytes()).as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
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
