//! Where: UK postcodes read into district and sector, and placed inside, outside or across the
//! boundary of the profile's area (MP-01, MP-02). A district that straddles the boundary is
//! never guessed: it goes to an officer (warn), unless its sector is listed as inside.

use crate::profile::ProviderApplicationSettings;

/// A postcode, or the start of one, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Postcode {
    /// The district (`TA1`).
    pub district: String,
    /// The sector (`TA1 2`), when the sector digit was given.
    pub sector: Option<String>,
    /// The whole postcode was given (`TA1 2AB`).
    pub full: bool,
}

/// Where a postcode lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Inside the area.
    Inside,
    /// In a district that crosses the boundary: an officer confirms.
    Straddling,
    /// Outside the area.
    Outside,
    /// The profile names no area: an officer confirms.
    Unknown,
}

/// An outward code: one or two letters, a digit, then an optional digit or letter (`TA1`,
/// `BA22`, `SW1A`, `W1`).
fn outward(s: &str) -> bool {
    let b = s.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    (1..=2).contains(&letters)
        && match &b[letters..] {
            [d] => d.is_ascii_digit(),
            [d, e] => d.is_ascii_digit() && (e.is_ascii_digit() || e.is_ascii_uppercase()),
            _ => false,
        }
}

/// An inward code: a digit and two letters (`2AB`).
fn inward(s: &str) -> bool {
    matches!(s.as_bytes(), [d, x, y] if d.is_ascii_digit() && x.is_ascii_uppercase() && y.is_ascii_uppercase())
}

/// Reads a postcode (`ta1 2ab`, `TA12AB`), a sector (`TA1 2`) or a district (`TA1`); `None`
/// when it is none of these.
pub fn parse(text: &str) -> Option<Postcode> {
    let upper = text.trim().to_ascii_uppercase();
    let parts: Vec<&str> = upper.split_whitespace().collect();
    let (out, inw) = match parts.as_slice() {
        [one] if outward(one) => return Some(Postcode { district: (*one).to_owned(), sector: None, full: false }),
        [one] if one.len() > 3 && inward(&one[one.len() - 3..]) => one.split_at(one.len() - 3),
        [o, i] => (*o, *i),
        _ => return None,
    };
    if !outward(out) {
        return None;
    }
    let sector = |digit: &str| Some(format!("{out} {digit}"));
    match inw.len() {
        1 if inw.as_bytes()[0].is_ascii_digit() => {
            Some(Postcode { district: out.to_owned(), sector: sector(inw), full: false })
        }
        3 if inward(inw) => Some(Postcode { district: out.to_owned(), sector: sector(&inw[..1]), full: true }),
        _ => None,
    }
}

/// Where `p` lies in the profile's area.
pub fn place(p: &Postcode, s: &ProviderApplicationSettings) -> Place {
    if s.area_districts.is_empty() && s.area_sectors.is_empty() {
        return Place::Unknown;
    }
    if p.sector.as_ref().is_some_and(|sector| s.area_sectors.contains(sector)) || s.area_districts.contains(&p.district)
    {
        Place::Inside
    } else if s.straddling_districts.contains(&p.district) {
        Place::Straddling
    } else {
        Place::Outside
    }
}
