//! `careform serve` settings: flags, then environment variables, then a TOML file, then defaults.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The form key in `origins` that applies to every form.
pub const ANY_FORM: &str = "*";

/// The settings a running server uses.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen.
    pub address: SocketAddr,
    /// The URL browsers reach this server at; the `aud` and `url` submissions must name.
    pub public_url: String,
    /// Holds the server key and, by default, the SQLite file.
    pub data_dir: PathBuf,
    /// `sqlite:PATH` (or a plain path).
    pub database_url: String,
    /// Page origins allowed to submit each form (`*` for every form).
    pub origins: BTreeMap<String, Vec<String>>,
    /// Requests per minute one client address may make to `/v1/`.
    pub rate_limit_per_minute: u32,
    /// The built widget bundle, served at `/widgets/`.
    pub widgets_dir: PathBuf,
    /// The demo pages, served at `/demo/`.
    pub demo_dir: PathBuf,
    /// The page hosting `<careform-pa-acknowledgement>` that staff-issued links point to.
    pub pa_page_url: String,
    /// The council's time zone: the rules' "today" is the calendar date there.
    pub time_zone: chrono_tz::Tz,
    /// Webhooks, e-mail notifications and how they are retried.
    pub delivery: crate::deliver::Settings,
}

/// The default council time zone (England).
pub const DEFAULT_TIME_ZONE: chrono_tz::Tz = chrono_tz::Europe::London;

/// Reads an IANA time zone name, e.g. `Europe/London`.
pub fn parse_time_zone(name: &str) -> Result<chrono_tz::Tz, String> {
    name.parse().map_err(|_| format!("{name:?} is not an IANA time zone name such as Europe/London"))
}

/// The calendar date at `now` in the council's time zone: the "today" every rule is given, so the
/// server, the CLI and the widget agree around midnight (UTC would put a London evening in
/// summer on the next day's rules an hour early).
pub fn council_today(now: chrono::DateTime<chrono::Utc>, zone: chrono_tz::Tz) -> chrono::NaiveDate {
    now.with_timezone(&zone).date_naive()
}

/// The TOML file's shape: every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// See [`Config::address`].
    pub address: Option<SocketAddr>,
    /// See [`Config::public_url`].
    pub public_url: Option<String>,
    /// See [`Config::data_dir`].
    pub data_dir: Option<PathBuf>,
    /// See [`Config::database_url`].
    pub database_url: Option<String>,
    /// See [`Config::origins`].
    #[serde(default)]
    pub origins: BTreeMap<String, Vec<String>>,
    /// See [`Config::rate_limit_per_minute`].
    pub rate_limit_per_minute: Option<u32>,
    /// See [`Config::widgets_dir`].
    pub widgets_dir: Option<PathBuf>,
    /// See [`Config::demo_dir`].
    pub demo_dir: Option<PathBuf>,
    /// See [`Config::pa_page_url`].
    pub pa_page_url: Option<String>,
    /// See [`Config::time_zone`].
    pub time_zone: Option<String>,
}

impl FileConfig {
    /// Reads a TOML file, naming the file in any error.
    pub fn load(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        toml::from_str(&text).map_err(|e| format!("{} is not a valid careform config: {e}", path.display()))
    }
}

/// Checks and normalises an origin: scheme, host and optional port, nothing else.
pub fn normalise_origin(origin: &str) -> Result<String, String> {
    let o = origin.trim().trim_end_matches('/');
    let rest = o
        .strip_prefix("https://")
        .or_else(|| o.strip_prefix("http://"))
        .ok_or_else(|| format!("origin {origin:?} must start with https:// or http://"))?;
    if rest.is_empty() || rest.contains(['/', '?', '#', '@', ' ']) {
        return Err(format!("origin {origin:?} must be scheme://host[:port] with no path"));
    }
    Ok(o.to_ascii_lowercase())
}

/// The origin part of a URL (`https://host:port`).
pub fn origin_of(url: &str) -> Result<String, String> {
    let scheme_end = url.find("://").ok_or_else(|| format!("{url:?} is not an absolute URL"))? + 3;
    let end = url[scheme_end..].find('/').map_or(url.len(), |i| scheme_end + i);
    normalise_origin(&url[..end])
}

impl Config {
    /// Whether a page at `origin` may submit `form`.
    pub fn origin_allowed(&self, form: &str, origin: &str) -> bool {
        [form, ANY_FORM].iter().filter_map(|k| self.origins.get(*k)).any(|list| list.iter().any(|o| o == origin))
    }

    /// Whether a page at `origin` may submit some form (for nonces and CORS).
    pub fn origin_known(&self, origin: &str) -> bool {
        self.origins.values().any(|list| list.iter().any(|o| o == origin))
    }

    /// The URL submissions are posted to.
    pub fn submissions_url(&self) -> String {
        format!("{}/v1/submissions", self.public_url)
    }
}

/// Parses one `--allow-origin` value: `FORM=ORIGIN`, or `ORIGIN` for every form.
pub fn parse_allow_origin(value: &str) -> Result<(String, String), String> {
    match value.split_once('=') {
        Some((form, origin)) if !form.contains("://") => Ok((form.trim().to_owned(), normalise_origin(origin)?)),
        _ => Ok((ANY_FORM.to_owned(), normalise_origin(value)?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_normalised_and_checked() {
        assert_eq!(normalise_origin("https://Council.gov.uk/").unwrap(), "https://council.gov.uk");
        assert!(normalise_origin("council.gov.uk").is_err());
        assert!(normalise_origin("https://council.gov.uk/page").is_err());
        assert_eq!(origin_of("http://127.0.0.1:8080/v1/x").unwrap(), "http://127.0.0.1:8080");
    }

    #[test]
    fn allow_origin_flag_takes_an_optional_form() {
        assert_eq!(
            parse_allow_origin("task-scope=https://a.org").unwrap(),
            ("task-scope".into(), "https://a.org".into())
        );
        assert_eq!(parse_allow_origin("https://a.org").unwrap(), ("*".into(), "https://a.org".into()));
    }
}

#[cfg(test)]
mod time_zone_tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone as _, Utc};

    #[test]
    fn today_is_the_councils_calendar_date_not_utcs() {
        // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
        let late = Utc.with_ymd_and_hms(2026, 6, 30, 23, 30, 0).unwrap();
        assert_eq!(council_today(late, DEFAULT_TIME_ZONE), NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
        assert_eq!(council_today(late, parse_time_zone("UTC").unwrap()), NaiveDate::from_ymd_opt(2026, 6, 30).unwrap());
        // In winter London is on UTC.
        let winter = Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap();
        assert_eq!(council_today(winter, DEFAULT_TIME_ZONE), NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
        assert!(parse_time_zone("Europe/Londn").unwrap_err().contains("IANA"));
    }
}
