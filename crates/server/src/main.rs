//! `careform`: serve, verify and audit Careform signed submissions.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use careform_seal::{Jwk, Jwks, verify_receipt, verify_submission};
use careform_server::config::FileConfig;
use careform_server::{audit, keys, store};
use clap::{Args, Parser, Subcommand};

mod cli;
use cli::check::{CheckArgs, RulesArgs, check, rules};
use cli::serve::{ServeArgs, serve};
use serde_json::json;

/// Largest file `verify` reads: far above any real envelope.
const MAX_VERIFY_FILE: u64 = 1024 * 1024;

#[derive(Parser)]
#[command(name = "careform", version, about = "Receive, verify and audit Careform signed submissions")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the receiving server (widgets, demo, nonces, submissions, receipts, JWKS).
    Serve(Box<ServeArgs>),
    /// Verify an envelope offline, from the file alone. Exit 0 valid, 1 invalid, 2 usage or I/O error.
    Verify {
        #[command(subcommand)]
        what: VerifyWhat,
    },
    /// Re-verify every stored submission and the receipt chain. Exit 0 intact, 1 broken, 2 error.
    Audit(AuditArgs),
    /// Check a form's data offline against the rules; reads JSON on standard input, prints one
    /// JSON report. Exit 0 when the input was evaluated (whatever the outcome), 2 when it is malformed.
    ///
    /// task-scope: a care plan, `{"tasks":[{"description":...}], "provider":{...}, "records":{...},
    /// "visits":[...]}`. dbs-insurance: workers' DBS certificates and the insurance,
    /// `{"applicant":{...},"employee_count":0,"workers":[...],"insurance":{...}}`. gift-register: offers
    /// of gifts and what became of them, `{"provider":{"name":...},"offers":[...]}`. provider-application:
    /// `{"applicant":{...},"service_area_postcodes":[...],"workers":[...],"tasks":[...],"insurance":{...},
    /// "evidence":[...],"commitments":[...]}` (`--example` prints one that passes). The README and
    /// `GET /v1/forms/{id}` (its JSON Schemas) give each shape in full.
    Check {
        /// The form: task-scope, dbs-insurance, gift-register, key-holding or provider-application.
        #[arg(value_name = "FORM")]
        form: String,
        #[command(flatten)]
        args: CheckArgs,
    },
    /// Print every rule the checks apply: id, form, title, outcome, source. Exit 0, or 2 for an
    /// unknown form.
    Rules(RulesArgs),
    /// Print every form the server accepts, as `GET /v1/forms` answers: id, version, the
    /// `form.sha256` a submission must carry, title.
    Forms,
    /// Manage staff accounts for the staff pages (/staff).
    Staff {
        #[command(subcommand)]
        what: cli::staff::StaffCommand,
    },
    /// Print what the council inbox's filters select, as CSV (default) or JSON, to standard
    /// output: the inbox's own export columns (README, "Council inbox"). Exit 0, or 2 for an error.
    Export(cli::export::ExportArgs),
    /// Set or list each form's retention period: how many days after their decision approved
    /// and rejected submissions are kept before `careform purge` deletes them.
    Retention {
        #[command(subcommand)]
        what: cli::retention::RetentionCommand,
    },
    /// Delete the decided submissions past their form's retention period, with their files
    /// (keeping the receipt chain, so `careform audit` still verifies); prints JSON of what went
    /// (README, "Retention"). `--dry-run` only shows it. Exit 0, or 2 for an error.
    Purge(cli::retention::PurgeArgs),
}

#[derive(Subcommand)]
enum VerifyWhat {
    /// A submission envelope (`-` reads standard input).
    Submission {
        /// The envelope file.
        file: PathBuf,
    },
    /// A receipt, against the server's published keys.
    Receipt {
        /// The receipt file (`-` reads standard input).
        file: PathBuf,
        /// The server's JWK set (from /.well-known/jwks.json).
        #[arg(long)]
        jwks: PathBuf,
    },
}

#[derive(Args)]
struct StoreArgs {
    /// A TOML config file (see README, "Configuration").
    #[arg(long, env = "CAREFORM_CONFIG")]
    config: Option<PathBuf>,
    /// Holds the server key and, by default, careform.db.
    #[arg(long, env = "CAREFORM_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// sqlite:PATH, or postgres://USER:PASSWORD@HOST:PORT/DATABASE (default: sqlite:DATA_DIR/careform.db).
    #[arg(long, env = "CAREFORM_DATABASE_URL")]
    database_url: Option<String>,
}

#[derive(Args)]
struct AuditArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// A signed checkpoint kept earlier (from GET /v1/checkpoint or a receipt response): the
    /// audit fails unless the chain extends it, so records deleted from the end are detected.
    #[arg(long, value_name = "FILE")]
    checkpoint: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(args) => match serve(*args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e),
        },
        Command::Verify { what } => verify(what),
        Command::Audit(args) => run_audit(args),
        Command::Check { form, args } => match check(&form, &args) {
            Ok(report) => {
                println!("{report}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        },
        Command::Rules(args) => match rules(&args) {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        },
        Command::Forms => {
            println!("{}", serde_json::to_string_pretty(&careform_server::forms::list()).expect("JSON serializes"));
            ExitCode::SUCCESS
        }
        Command::Staff { what } => match cli::staff::run(what) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::from(1),
            Err(e) => fail(&e),
        },
        Command::Retention { what } => match cli::retention::run(what) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e),
        },
        Command::Purge(args) => match cli::retention::purge(&args) {
            Ok(out) => {
                println!("{out}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        },
        Command::Export(args) => match cli::export::run(&args) {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        },
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("careform: error: {message}");
    ExitCode::from(2)
}

fn file_config(args: &StoreArgs) -> Result<FileConfig, String> {
    args.config.as_deref().map(FileConfig::load).transpose().map(Option::unwrap_or_default)
}

fn data_dir_and_db(args: &StoreArgs, file: &FileConfig) -> (PathBuf, String) {
    let data_dir = args.data_dir.clone().or_else(|| file.data_dir.clone()).unwrap_or_else(|| PathBuf::from("data"));
    let db = args
        .database_url
        .clone()
        .or_else(|| file.database_url.clone())
        .unwrap_or_else(|| format!("sqlite:{}", data_dir.join("careform.db").display()));
    (data_dir, db)
}

fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    let mut buf = Vec::new();
    let reader: Box<dyn std::io::Read> = if path == Path::new("-") {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?)
    };
    reader
        .take(MAX_VERIFY_FILE + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if buf.len() as u64 > MAX_VERIFY_FILE {
        return Err(format!("{} is larger than {MAX_VERIFY_FILE} bytes; not an envelope", path.display()));
    }
    // Files saved by editors often end with a newline; the envelope is the JSON before it.
    while buf.last().is_some_and(|b| b.is_ascii_whitespace()) {
        buf.pop();
    }
    Ok(buf)
}

fn print_verdict(result: Result<serde_json::Value, careform_seal::SealError>) -> ExitCode {
    match result {
        Ok(v) => {
            println!("{v}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            println!("{}", json!({ "valid": false, "reason": e.to_string(), "error": e.code() }));
            ExitCode::from(1)
        }
    }
}

fn verify(what: VerifyWhat) -> ExitCode {
    match what {
        VerifyWhat::Submission { file } => {
            let bytes = match read_input(&file) {
                Ok(b) => b,
                Err(e) => return fail(&e),
            };
            print_verdict(verify_submission(&bytes).map(|v| {
                json!({ "valid": true, "jkt": v.jkt, "sid": v.payload.sid, "form": v.payload.form,
                        "origin": v.payload.origin, "aud": v.payload.aud, "iat": v.payload.iat })
            }))
        }
        VerifyWhat::Receipt { file, jwks } => {
            let (bytes, jwks_bytes) = match (read_input(&file), read_input(&jwks)) {
                (Ok(b), Ok(j)) => (b, j),
                (Err(e), _) | (_, Err(e)) => return fail(&e),
            };
            let jwks = match Jwks::from_json(&jwks_bytes) {
                Ok(j) => j,
                Err(e) => return fail(&format!("{} is not a JWK set: {e}", jwks.display())),
            };
            print_verdict(verify_receipt(&bytes, &jwks).map(|r| {
                let p = r.payload;
                json!({ "valid": true, "ref": p.reference, "seq": p.seq, "prev": p.prev, "received_at": p.received_at,
                        "iss": p.iss, "kid": r.header.kid, "sid": p.submission.sid, "jkt": p.submission.jkt,
                        "form": p.submission.form, "origin": p.submission.origin,
                        "payload_sha256": p.submission.payload_sha256, "jws_sha256": p.submission.jws_sha256,
                        "report_sha256": p.report_sha256 })
            }))
        }
    }
}

fn run_audit(audit_args: AuditArgs) -> ExitCode {
    let args = audit_args.store;
    let kept = match audit_args.checkpoint.as_deref().map(read_input).transpose() {
        Ok(k) => k.map(|bytes| String::from_utf8_lossy(&bytes).into_owned() + "\n"),
        Err(e) => return fail(&e),
    };
    let file = match file_config(&args) {
        Ok(f) => f,
        Err(e) => return fail(&e),
    };
    let (data_dir, database_url) = data_dir_and_db(&args, &file);
    let key = match keys::load_or_create(&data_dir, false) {
        Ok(k) => k,
        Err(e) => return fail(&e),
    };
    let (records, purged) = match store::open(&database_url, true).and_then(|s| Ok((s.records()?, s.purged_seqs()?))) {
        Ok(r) => r,
        Err(e) => return fail(&e.to_string()),
    };
    let jwks = Jwks { keys: vec![Jwk::from_key(&key.verifying_key())] };
    let result = audit::audit_with_purged(&records, &purged, &jwks).and_then(|n| match &kept {
        Some(note) => careform_server::checkpoint::check_kept(&records, note, &key.verifying_key()).map(|_| n),
        None => Ok(n),
    });
    let mut out = audit::report(&records, &result);
    if result.is_ok() {
        // How many of the records are receipts only, their submissions deleted by a purge.
        out["purged"] = json!(purged.len());
        if kept.is_some() {
            out["checkpoint_extended"] = json!(true);
        }
    }
    println!("{out}");
    if result.is_ok() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}
