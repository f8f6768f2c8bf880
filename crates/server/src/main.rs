//! `careform`: serve, verify and audit Careform signed submissions.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use careform_seal::{Jwk, Jwks, verify_receipt, verify_submission};
use careform_server::config::{ANY_FORM, Config, FileConfig, normalise_origin, origin_of, parse_allow_origin};
use careform_server::{audit, http, keys, store};
use clap::{Args, Parser, Subcommand};

mod cli;
use cli::check::{CheckArgs, RulesArgs, check, rules};
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
    /// sqlite:PATH (default: sqlite:DATA_DIR/careform.db).
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

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// Address to listen on.
    #[arg(long, env = "CAREFORM_ADDRESS")]
    address: Option<SocketAddr>,
    /// The URL browsers reach this server at (default: http://ADDRESS).
    #[arg(long, env = "CAREFORM_PUBLIC_URL")]
    public_url: Option<String>,
    /// Allow a page origin to submit: FORM=ORIGIN, or ORIGIN for every form. Repeatable.
    #[arg(long = "allow-origin", env = "CAREFORM_ALLOW_ORIGINS", value_delimiter = ',')]
    allow_origin: Vec<String>,
    /// Requests per minute one client address may make to /v1/.
    #[arg(long, env = "CAREFORM_RATE_LIMIT_PER_MINUTE")]
    rate_limit_per_minute: Option<u32>,
    /// The built widget bundle, served at /widgets/.
    #[arg(long, env = "CAREFORM_WIDGETS_DIR")]
    widgets_dir: Option<PathBuf>,
    /// The demo pages, served at /demo/.
    #[arg(long, env = "CAREFORM_DEMO_DIR")]
    demo_dir: Option<PathBuf>,
    /// The page hosting <careform-pa-acknowledgement> that staff-issued links point to
    /// (default: PUBLIC_URL/demo/pa-acknowledgement.html).
    #[arg(long, env = "CAREFORM_PA_PAGE_URL")]
    pa_page_url: Option<String>,
    /// The council's time zone (IANA name): the rules' "today" is the date there (default Europe/London).
    #[arg(long, env = "CAREFORM_TIME_ZONE")]
    time_zone: Option<String>,
    #[command(flatten)]
    limits: careform_server::listen::LimitArgs,
    #[command(flatten)]
    delivery: cli::deliver::DeliveryArgs,
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

fn build_config(args: ServeArgs) -> Result<Config, String> {
    let file = file_config(&args.store)?;
    let (data_dir, database_url) = data_dir_and_db(&args.store, &file);
    let delivery = args.delivery.settings(&file)?;
    let address = args.address.or(file.address).unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080)));
    let public_url = args
        .public_url
        .or(file.public_url)
        .unwrap_or_else(|| format!("http://{address}"))
        .trim_end_matches('/')
        .to_owned();
    let own_origin = origin_of(&public_url).map_err(|e| format!("--public-url: {e}"))?;
    let mut origins: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (form, list) in file.origins {
        for o in list {
            origins
                .entry(form.clone())
                .or_default()
                .push(normalise_origin(&o).map_err(|e| format!("config origins.{form}: {e}"))?);
        }
    }
    for value in &args.allow_origin {
        let (form, origin) = parse_allow_origin(value).map_err(|e| format!("--allow-origin: {e}"))?;
        origins.entry(form).or_default().push(origin);
    }
    // The server's own pages (the demo) may always submit.
    origins.entry(ANY_FORM.to_owned()).or_default().push(own_origin);
    let time_zone = match args.time_zone.or(file.time_zone) {
        Some(name) => careform_server::config::parse_time_zone(&name).map_err(|e| format!("--time-zone: {e}"))?,
        None => careform_server::config::DEFAULT_TIME_ZONE,
    };
    Ok(Config {
        time_zone,
        address,
        data_dir,
        database_url,
        origins,
        rate_limit_per_minute: args.rate_limit_per_minute.or(file.rate_limit_per_minute).unwrap_or(120),
        widgets_dir: args.widgets_dir.or(file.widgets_dir).unwrap_or_else(|| PathBuf::from("dist/widgets")),
        demo_dir: args.demo_dir.or(file.demo_dir).unwrap_or_else(|| PathBuf::from("demo")),
        pa_page_url: args
            .pa_page_url
            .or(file.pa_page_url)
            .unwrap_or_else(|| format!("{public_url}/demo/pa-acknowledgement.html")),
        public_url,
        delivery,
    })
}

fn serve(args: ServeArgs) -> Result<(), String> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .with_writer(std::io::stderr)
        .init();
    let limits = args.limits.limits()?;
    let config = build_config(args)?;
    // 0700 even when it exists already: it holds the key, the database and the evidence files.
    careform_server::private::private_dir(&config.data_dir)?;
    let key = keys::load_or_create(&config.data_dir, true)?;
    let store: Arc<dyn store::Store> = Arc::from(store::open(&config.database_url, false).map_err(|e| e.to_string())?);
    let runtime = tokio::runtime::Runtime::new().map_err(|e| format!("cannot start the runtime: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.address)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", config.address))?;
        eprintln!(
            "careform listening on http://{} (public URL {}, database {}, key {})",
            listener.local_addr().map_err(|e| e.to_string())?,
            config.public_url,
            store::redacted(&config.database_url),
            careform_seal::thumbprint(&key.verifying_key()),
        );
        let state = http::AppState::new(config, store, key);
        tokio::spawn(careform_server::uploads::purge_unreferenced(state.clone()));
        let deliveries = careform_server::deliver::worker::run(state.clone());
        tokio::spawn(async { deliveries.await.unwrap_or_else(|e| tracing::error!("delivery worker stopped: {e}")) });
        let app = http::router(state);
        careform_server::listen::serve(listener, app, limits, shutdown_signal()).await;
        Ok(())
    })
}

async fn shutdown_signal() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {},
        _ = term.recv() => {},
    }
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
