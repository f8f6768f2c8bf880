//! `careform export`: what the inbox's filters select, as CSV or JSON on standard output, so a
//! council system can pull a daily batch. The same rows and columns as the inbox's own export
//! (see `careform_server::inbox::export`), over every form.

use careform_server::inbox::export;
use careform_server::store;
use clap::Args;

use crate::{StoreArgs, data_dir_and_db, file_config};

#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// Only this form's submissions.
    #[arg(long, value_name = "ID")]
    form: Option<String>,
    /// Received on or after this day (UTC).
    #[arg(long, value_name = "YYYY-MM-DD")]
    since: Option<String>,
    /// Received on or before this day (UTC).
    #[arg(long, value_name = "YYYY-MM-DD")]
    until: Option<String>,
    /// Only submissions with this status: new, in_review, approved, rejected, more_information_needed.
    #[arg(long, value_name = "S")]
    status: Option<String>,
    /// csv (default) or json (`{"submissions":[...]}`).
    #[arg(long, default_value = "csv", value_parser = ["csv", "json"])]
    format: String,
}

/// The export's text, or why it cannot be made.
pub fn run(args: &ExportArgs) -> Result<String, String> {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let filter = careform_server::inbox::parse_filter(
        &o(&args.form),
        &o(&args.status),
        "",
        &o(&args.since),
        &o(&args.until),
        "",
    )?;
    let file = file_config(&args.store)?;
    let (_, database_url) = data_dir_and_db(&args.store, &file);
    if let Some(path) = database_url.strip_prefix("sqlite:").map(|p| p.trim_start_matches("//"))
        && !std::path::Path::new(path).exists()
    {
        return Err(format!("no database at {path}"));
    }
    // Read-write: opening brings an older database's inbox tables up to date (nothing else is written).
    let store = store::open(&database_url, false).map_err(|e| e.to_string())?;
    let rows: Vec<export::Row> = store
        .export_items(None, &filter)
        .map_err(|e| e.to_string())?
        .iter()
        .map(|(item, record)| export::row(item, record))
        .collect();
    Ok(if args.format == "json" {
        format!("{}\n", serde_json::to_string(&export::json(&rows)).expect("JSON serializes"))
    } else {
        export::csv(&rows)
    })
}
