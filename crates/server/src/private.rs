//! File modes for what the server keeps: the data directory is 0700 and the key, the database and
//! SQLite's `-wal`/`-shm` files beside it are 0600, because they hold names, emails, link tokens
//! and the signing key. A file readable by others is refused rather than silently trusted.

use std::fs;
use std::os::unix::fs::{DirBuilderExt as _, OpenOptionsExt as _, PermissionsExt as _};
use std::path::Path;

/// Creates `dir` (and missing parents) as 0700, or tightens an existing one to 0700. A directory
/// this user does not own cannot be changed and is left as it is, with a warning.
pub fn private_dir(dir: &Path) -> Result<(), String> {
    if !dir.exists() {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        return Ok(());
    }
    tighten(dir, 0o700)
}

/// Sets `path` to `mode` if it allows more; a path this user does not own is left with a warning.
pub fn tighten(path: &Path, mode: u32) -> Result<(), String> {
    let meta = fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let current = meta.permissions().mode() & 0o777;
    if current & !mode == 0 {
        return Ok(());
    }
    match fs::set_permissions(path, fs::Permissions::from_mode(mode)) {
        Ok(()) => {
            tracing::warn!("{} was mode {current:o}; set to {mode:o}", path.display());
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            tracing::warn!("{} is mode {current:o} and not ours to change: {e}", path.display());
            Ok(())
        }
        Err(e) => Err(format!("cannot set the mode of {}: {e}", path.display())),
    }
}

/// Refuses a secret file that its group or other users may read or write (the server key, the
/// database), naming the `chmod` that fixes it.
pub fn refuse_if_shared(path: &Path) -> Result<(), String> {
    let mode = fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?.permissions().mode();
    if mode & 0o077 != 0 {
        return Err(format!(
            "{} is readable by others (mode {:o}); run `chmod 600 {}`",
            path.display(),
            mode & 0o777,
            path.display()
        ));
    }
    Ok(())
}

/// Prepares a SQLite database file before SQLite opens it: creates it empty as 0600 (SQLite gives
/// its `-wal` and `-shm` files the database's mode), refuses one others may read, and tightens
/// `-wal`/`-shm` files left over with looser modes by an older version.
pub fn prepare_database(path: &Path) -> Result<(), String> {
    match fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => refuse_if_shared(path)?,
        Err(e) => return Err(format!("cannot create {}: {e}", path.display())),
    }
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let side = Path::new(&side);
        if side.exists() {
            tighten(side, 0o600)?;
        }
    }
    Ok(())
}
