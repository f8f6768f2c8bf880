//! Dates as forms carry them (`YYYY-MM-DD`) and as GOV.UK shows them ("23 November 2026").
//! Strict and small on purpose: no time zones, no other formats, nothing read from a clock.

use chrono::{Datelike as _, NaiveDate};

/// Parses exactly `YYYY-MM-DD` into a real calendar date (no `2026-2-3`, no `2026-02-30`).
pub fn parse_iso(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = &text[range];
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok()).flatten()
    };
    NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)
}

/// `YYYY-MM-DD`.
pub fn format_iso(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// "23 November 2026", the GOV.UK style.
pub fn format_long(date: NaiveDate) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    format!("{} {} {}", date.day(), MONTHS[date.month0() as usize], date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_dates_in_the_one_format_parse() {
        assert_eq!(parse_iso("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
        for bad in ["2023-02-29", "2026-02-30", "2026-2-03", "26-02-03", "2026/02/03", "2026-02-03 ", "+026-02-03", ""]
        {
            assert_eq!(parse_iso(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn dates_format_both_ways() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        assert_eq!(format_iso(d), "2026-11-03");
        assert_eq!(format_long(d), "3 November 2026");
        assert_eq!(parse_iso(&format_iso(d)), Some(d));
    }
}
