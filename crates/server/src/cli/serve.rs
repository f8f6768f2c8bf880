//! `careform serve`: its flags, the configuration they make with the config file, and the
//! server's start (store, key, the background workers, the serve loop).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use careform_server::config::{ANY_FORM, Config, normalise_origin, origin_of, parse_allow_origin};
use careform_server::{http, keys, store};
use clap::Args;

use crate::{StoreArgs, data_dir_and_db, file_config};

#[derive(Args)]
pub struct ServeArgs {
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
    delivery: super::deliver::DeliveryArgs,
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

pub fn serve(args: ServeArgs) -> Result<(), String> {
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
