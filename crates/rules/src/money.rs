//! Money as councils write it and as the rules compare it: whole pence in an `i64`, never floats.

/// £1 in pence.
pub const POUND: i64 = 100;

/// Pounds as people write them: £1,000,000 or £999,999.99.
pub fn pounds(pence: i64) -> String {
    let (whole, part) = (pence / POUND, pence % POUND);
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if part == 0 { format!("£{grouped}") } else { format!("£{grouped}.{part:02}") }
}

/// What a person types as money ("£5,000,000", "5m", "999999.99") in pence; `None` when it is not an amount.
pub fn parse_pounds(text: &str) -> Option<i64> {
    let t: String = text.trim().trim_start_matches('£').chars().filter(|c| *c != ',' && !c.is_whitespace()).collect();
    let t = t.to_lowercase();
    let (number, scale) = match t.strip_suffix('m') {
        Some(n) => (n.to_owned(), 1_000_000.0_f64),
        None => match t.strip_suffix('k') {
            Some(n) => (n.to_owned(), 1_000.0),
            None => (t, 1.0),
        },
    };
    let (whole, frac) = number.split_once('.').unwrap_or((&number, ""));
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if scale == 1.0 {
        if frac.len() > 2 {
            return None;
        }
        let pence: i64 = format!("{frac:0<2}").parse().ok()?;
        return whole.parse::<i64>().ok()?.checked_mul(100)?.checked_add(pence);
    }
    // "2.5m": whole units of the scale, with at most the decimals that make whole pounds.
    let value: f64 = number.parse().ok()?;
    let pounds = value * scale;
    (pounds.fract() == 0.0 && pounds < 1e12).then(|| pounds as i64 * 100)
}
