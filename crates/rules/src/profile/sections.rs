//! The settings sections a profile holds for a form (`dbs_insurance`, `gifts`, `key_holding`,
//! `provider_application`), each with its
//! defaults and its own check, and how a profile file's section changes its base's.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::money::POUND;
use crate::outcome::Outcome;

/// The statutory minimum of employers' liability cover: £5 million (no profile may go lower).
pub const EL_STATUTORY_MIN_PENCE: i64 = 5_000_000 * POUND;

/// A profile's DBS and insurance thresholds (the `dbs_insurance` section of a profile).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DbsInsuranceSettings {
    /// DI-09: the oldest a certificate may be, in years.
    pub dbs_max_age_years: u32,
    /// DI-09: warn this many days before a certificate reaches the limit.
    pub dbs_warn_days: u32,
    /// DI-15: whether a current Update Service status check keeps an older certificate acceptable.
    pub status_check_extends: bool,
    /// DI-32: public liability below this fails.
    pub public_liability_fail_below_pence: i64,
    /// DI-32: public liability below this warns.
    pub public_liability_warn_below_pence: i64,
    /// DI-36: employers' liability below this fails (never below the statutory £5m).
    pub employers_liability_min_pence: i64,
    /// DI-31: warn when a policy expires within this many days.
    pub insurance_warn_days: u32,
    /// DI-41: the outcome when professional indemnity is missing.
    pub professional_indemnity_missing: Outcome,
}

impl Default for DbsInsuranceSettings {
    fn default() -> Self {
        DbsInsuranceSettings {
            dbs_max_age_years: 3,
            dbs_warn_days: 60,
            status_check_extends: false,
            public_liability_fail_below_pence: 1_000_000 * POUND,
            public_liability_warn_below_pence: 5_000_000 * POUND,
            employers_liability_min_pence: EL_STATUTORY_MIN_PENCE,
            insurance_warn_days: 30,
            professional_indemnity_missing: Outcome::Warn,
        }
    }
}

impl DbsInsuranceSettings {
    /// Settings that make sense together; the statutory floor cannot be lowered.
    pub fn check(&self) -> Result<(), String> {
        if self.dbs_max_age_years == 0 || self.dbs_max_age_years > 20 {
            return Err("dbs_max_age_years must be between 1 and 20".into());
        }
        if self.dbs_warn_days > 365 || self.insurance_warn_days > 365 {
            return Err("warning periods must be at most 365 days".into());
        }
        if self.public_liability_fail_below_pence < 0
            || self.public_liability_warn_below_pence < self.public_liability_fail_below_pence
        {
            return Err("public_liability_warn_below_pence must be at least public_liability_fail_below_pence".into());
        }
        if self.employers_liability_min_pence < EL_STATUTORY_MIN_PENCE {
            return Err(format!(
                "employers_liability_min_pence cannot be below the statutory £5m ({EL_STATUTORY_MIN_PENCE} pence)"
            ));
        }
        Ok(())
    }
}

/// A profile's gift register settings (the `gifts` section of a profile). The defaults are the
/// rules catalogue's §8.1 decision 5: zero tolerance, three offers in 90 days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GiftSettings {
    /// GR-20: an accepted gift (not cash, a cheque or a voucher) worth at most this is a warn
    /// needing a manager's sign-off rather than a breach; 0 is zero tolerance.
    pub token_value_pence: i64,
    /// GR-05: working days (Monday to Friday) from the report to the provider by which the
    /// commissioner is told; "as soon as it is practical" in the seeds, 5 in the catalogue.
    pub commissioner_notice_working_days: u32,
    /// GR-23: this many offers from one client within the window raise a safeguarding review.
    pub repeat_offers: u32,
    /// GR-23: the window, first offer to last, in days.
    pub repeat_window_days: u32,
}

impl Default for GiftSettings {
    fn default() -> Self {
        GiftSettings {
            token_value_pence: 0,
            commissioner_notice_working_days: 5,
            repeat_offers: 3,
            repeat_window_days: 90,
        }
    }
}

impl GiftSettings {
    /// Settings that make sense together.
    pub fn check(&self) -> Result<(), String> {
        let s = self;
        for (name, value, range) in [
            ("token_value_pence", s.token_value_pence, 0..=1_000 * POUND),
            ("commissioner_notice_working_days", s.commissioner_notice_working_days.into(), 1..=30),
            ("repeat_offers", s.repeat_offers.into(), 2..=20),
            ("repeat_window_days", s.repeat_window_days.into(), 1..=366),
        ] {
            if !range.contains(&value) {
                return Err(format!("{name} must be between {} and {}", range.start(), range.end()));
            }
        }
        Ok(())
    }
}

/// A profile's key-holding limits (the `key_holding` section of a profile): S004 §19.1's two
/// weeks at most (decision 6: physical keys held by the provider), which a council may shorten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyHoldingSettings {
    /// KH-03: the most days from the start date to the planned end date.
    pub max_days: u32,
    /// KH-03: while keys are held, warn once this many days have passed since the start.
    pub warn_from_day: u32,
}

impl Default for KeyHoldingSettings {
    fn default() -> Self {
        KeyHoldingSettings { max_days: 14, warn_from_day: 10 }
    }
}

impl KeyHoldingSettings {
    /// Limits that make sense together; none longer than the source's two weeks.
    pub fn check(&self) -> Result<(), String> {
        if self.max_days == 0 || self.max_days > 14 {
            return Err("max_days must be between 1 and 14 (S004 §19.1: a maximum of two weeks)".into());
        }
        if self.warn_from_day == 0 || self.warn_from_day > self.max_days {
            return Err("warn_from_day must be between 1 and max_days".into());
        }
        Ok(())
    }
}

/// A profile's micro-provider application settings (the `provider_application` section): the
/// council's area as postcode districts and sectors, and the size tests of decision 2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderApplicationSettings {
    /// MP-01/MP-02: the area's name, as findings say it ("the Somerset Council area").
    pub area_name: String,
    /// Where the lists below come from, shown with every area finding.
    pub area_provenance: String,
    /// Postcode districts wholly inside the area (`TA1`).
    pub area_districts: Vec<String>,
    /// Postcode sectors inside the area in districts that straddle its boundary (`BA3 4`).
    pub area_sectors: Vec<String>,
    /// Districts partly inside: a postcode there, outside a listed sector, warns for an officer.
    pub straddling_districts: Vec<String>,
    /// MP-04: more people than this by headcount fails (S001 §1: "eight or fewer").
    pub max_headcount: u32,
    /// MP-04: this many full-time equivalents or more fails (S000 §2: "fewer than 8").
    pub fte_limit: u32,
    /// MP-04: minutes a week that make one full-time equivalent (37.5 hours = 2250).
    pub fte_week_minutes: u32,
    /// MP-04: whether volunteers count towards both tests.
    pub volunteers_count: bool,
}

impl Default for ProviderApplicationSettings {
    /// The size tests of decision 2; no area (a profile names its council's area, and without
    /// one every postcode goes to an officer).
    fn default() -> Self {
        ProviderApplicationSettings {
            area_name: String::new(),
            area_provenance: String::new(),
            area_districts: Vec::new(),
            area_sectors: Vec::new(),
            straddling_districts: Vec::new(),
            max_headcount: 8,
            fte_limit: 8,
            fte_week_minutes: 2250,
            volunteers_count: true,
        }
    }
}

impl ProviderApplicationSettings {
    /// Settings that make sense together: limits in range, area codes written as postcodes are.
    pub fn check(&self) -> Result<(), String> {
        if !(1..=50).contains(&self.max_headcount) || !(1..=50).contains(&self.fte_limit) {
            return Err("max_headcount and fte_limit must be between 1 and 50".into());
        }
        if !(60..=60 * 60).contains(&self.fte_week_minutes) {
            return Err("fte_week_minutes must be between 60 and 3600".into());
        }
        let district = |d: &str| {
            let letters = d.chars().take_while(char::is_ascii_uppercase).count();
            (1..=2).contains(&letters)
                && (letters + 1..=letters + 2).contains(&d.len())
                && d[letters..].starts_with(|c: char| c.is_ascii_digit())
                && d.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        };
        for d in self.area_districts.iter().chain(&self.straddling_districts) {
            if !district(d) {
                return Err(format!("{d:?} is not a postcode district (like TA1 or BA22)"));
            }
        }
        for s in &self.area_sectors {
            let ok = s
                .split_once(' ')
                .is_some_and(|(d, n)| district(d) && n.len() == 1 && n.starts_with(|c: char| c.is_ascii_digit()));
            if !ok {
                return Err(format!("{s:?} is not a postcode sector (like BA3 4)"));
            }
        }
        Ok(())
    }
}

/// A settings section: the base's (or the defaults), with the file's changes on top, each member
/// checked by the section's own type (an unknown member is an error naming it).
pub(super) fn section<T: Default + Clone + Serialize + serde::de::DeserializeOwned>(
    base: Option<&T>,
    patch: &Option<Value>,
    name: &str,
) -> Result<T, String> {
    let mut value = serde_json::to_value(base.cloned().unwrap_or_default()).expect("settings serialize");
    if let Some(patch) = patch {
        let Value::Object(patch) = patch else {
            return Err(format!("\"{name}\" must be an object"));
        };
        for (k, v) in patch {
            value[k.as_str()] = v.clone();
        }
    }
    serde_json::from_value(value).map_err(|e| format!("{name}: {e}"))
}
