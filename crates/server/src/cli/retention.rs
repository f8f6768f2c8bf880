//! `careform retention set|list` (each form's retention period) and `careform purge` (deletes
//! the decided submissions past it, their files with them; `--dry-run` only shows them).

use careform_server::files::FileStore;
use careform_server::store;
use clap::{Args, Subcommand};
use serde_json::json;

use crate::{StoreArgs, data_dir_and_db, file_config};

#[derive(Subcommand)]
pub enum RetentionCommand {
    /// Keep FORM's approved and rejected submissions DAYS days after their decision, then let
    /// `careform purge` delete them; `off` keeps them for good (the default).
    Set {
        /// The form id (`careform forms` lists them).
        form: String,
        /// Whole days, at least 1, or `off`.
        days: String,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Print each form with a period: form id and days (tab-separated).
    List {
        #[command(flatten)]
        store: StoreArgs,
    },
}

#[derive(Args)]
pub struct PurgeArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// Only print what would be deleted; change nothing.
    #[arg(long)]
    dry_run: bool,
}

/// The data directory and the store, refusing to create a database that is not there.
fn open(args: &StoreArgs) -> Result<(std::path::PathBuf, Box<dyn store::Store>), String> {
    let file = file_config(args)?;
    let (data_dir, database_url) = data_dir_and_db(args, &file);
    if let Some(path) = database_url.strip_prefix("sqlite:").map(|p| p.trim_start_matches("//"))
        && !std::path::Path::new(path).exists()
    {
        return Err(format!("no database at {path}"));
    }
    Ok((data_dir, store::open(&database_url, false).map_err(|e| e.to_string())?))
}

/// Runs a `careform retention` command.
pub fn run(command: RetentionCommand) -> Result<(), String> {
    match command {
        RetentionCommand::Set { form, days, store } => {
            if careform_rules::forms().all(|d| d.id != form) {
                return Err(format!("there is no form {form:?}; `careform forms` lists them"));
            }
            let days =
                match days.as_str() {
                    "off" => None,
                    n => Some(n.parse::<u32>().ok().filter(|d| *d >= 1).ok_or_else(|| {
                        format!("DAYS must be a whole number of days, at least 1, or off (not {n:?})")
                    })?),
                };
            let (_, s) = open(&store)?;
            s.set_retention(&form, days).map_err(|e| e.to_string())?;
            let detail = days.map_or_else(|| format!("{form}: off"), |d| format!("{form}: {d} days"));
            let at = careform_server::inbox::now_text();
            s.audit(&store::inbox::NewAudit {
                at: &at,
                actor: "careform retention",
                action: "retention",
                reference: None,
                detail: &detail,
            })
            .map_err(|e| e.to_string())?;
            eprintln!("careform: retention of {detail}");
            Ok(())
        }
        RetentionCommand::List { store } => {
            for p in open(&store)?.1.retention().map_err(|e| e.to_string())? {
                println!("{}\t{}", p.form_id, p.days);
            }
            Ok(())
        }
    }
}

/// Runs `careform purge`: the JSON it prints.
pub fn purge(args: &PurgeArgs) -> Result<serde_json::Value, String> {
    let (data_dir, s) = open(&args.store)?;
    let now = careform_server::inbox::now_text();
    let list = if args.dry_run {
        s.expired(&now).map_err(|e| e.to_string())?
    } else {
        s.purge(&now, "careform purge").map_err(|e| e.to_string())?
    };
    let mut deleted = 0;
    if !args.dry_run {
        // After the commit: a crash here leaves files no submission lists, which the server's
        // hourly sweep of unlisted files removes.
        let files = FileStore::new(&data_dir);
        for sha256 in list.iter().flat_map(|e| &e.files_removed) {
            if !s.file_referenced(sha256).map_err(|e| e.to_string())?
                && files.remove(sha256).map_err(|e| format!("removing file {sha256}: {e}"))?
            {
                deleted += 1;
            }
        }
    }
    let purged: Vec<_> = list
        .iter()
        .map(|e| {
            json!({ "reference": e.reference, "form": e.form_id, "status": e.status, "decided_at": e.decided_at,
                    "retention_days": e.days, "files_deleted": e.files_removed, "files_kept": e.files_kept })
        })
        .collect();
    let files_deleted = if args.dry_run { list.iter().map(|e| e.files_removed.len()).sum() } else { deleted };
    Ok(json!({ "dry_run": args.dry_run, "at": now, "submissions": purged, "files_deleted": files_deleted }))
}
