//! KH-20: what a key tag must not carry. Public, so the widget warns as the tag is typed with the
//! same test the server applies.

use super::input::Client;

/// Words of an address that say nothing about whose it is ("Flat 2, Church Road"): a tag may hold
/// them by chance ("ROAD-1" is unlikely, but "K-FLAT" is not a disclosure).
const GENERIC: [&str; 16] = [
    "flat",
    "house",
    "road",
    "street",
    "lane",
    "avenue",
    "close",
    "drive",
    "court",
    "way",
    "place",
    "gardens",
    "crescent",
    "the",
    "and",
    "apartment",
];

/// Why `tag` gives the client away, or `None` when it is a plain code.
pub fn tag_problem(tag: &str, client: &Client) -> Option<String> {
    let lower = tag.to_lowercase();
    // Any word of three or more letters of the client's name, in any case (issue 11).
    if let Some(w) = words(&client.name).find(|w| lower.contains(w.as_str())) {
        return Some(format!("the tag {tag:?} contains {w:?} from the client's name; tag keys with a code only"));
    }
    if let Some(address) = &client.address
        && let Some(w) = words(address).filter(|w| !GENERIC.contains(&w.as_str())).find(|w| lower.contains(w.as_str()))
    {
        return Some(format!("the tag {tag:?} contains {w:?} from the client's address; tag keys with a code only"));
    }
    let squashed =
        |s: &str| -> String { s.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_uppercase() };
    if let Some(pc) = &client.postcode
        && squashed(pc).len() >= 5
        && squashed(tag).contains(&squashed(pc))
    {
        return Some(format!("the tag {tag:?} contains the client's postcode; tag keys with a code only"));
    }
    if has_postcode(tag) {
        return Some(format!("the tag {tag:?} looks like it contains a postcode; tag keys with a code only"));
    }
    None
}

/// The letters-only words of `text` of three or more letters, lower case.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphabetic()).filter(|w| w.chars().count() >= 3).map(str::to_lowercase)
}

/// A UK postcode anywhere in `text` (spaces optional): outward code `A9`, `A99`, `AA9`, `AA99`,
/// `A9A` or `AA9A`, then the inward code `9AA`.
pub fn has_postcode(text: &str) -> bool {
    // Runs of letters and digits, spaces dropped: "DA6 7AT" and "DA67AT" alike.
    let runs: Vec<Vec<u8>> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == ' '))
        .map(|r| r.bytes().filter(|b| *b != b' ').map(|b| b.to_ascii_uppercase()).collect())
        .collect();
    runs.iter().any(|r| (0..r.len()).any(|start| (5..=7).any(|len| r.get(start..start + len).is_some_and(is_postcode))))
}

fn is_postcode(code: &[u8]) -> bool {
    let (outward, inward) = code.split_at(code.len() - 3);
    let inward_ok = inward[0].is_ascii_digit() && inward[1..].iter().all(u8::is_ascii_alphabetic);
    let shape: String = outward
        .iter()
        .map(|b| {
            if b.is_ascii_digit() {
                '9'
            } else if b.is_ascii_alphabetic() {
                'A'
            } else {
                '?'
            }
        })
        .collect();
    inward_ok && ["A9", "A99", "AA9", "AA99", "A9A", "AA9A"].contains(&shape.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client() -> Client {
        Client {
            reference: "C-2291".into(),
            name: "Margaret Ellis".into(),
            has_capacity: true,
            address: Some("14 Acacia Road".into()),
            postcode: Some("DA6 7AT".into()),
        }
    }

    #[test]
    fn codes_pass_and_names_addresses_and_postcodes_do_not() {
        for ok in ["K-0417", "K-2291", "BLUE-3", "Flat key 2", "EL-1", "road 7"] {
            assert_eq!(tag_problem(ok, &client()), None, "{ok}");
        }
        for bad in ["ellis front", "K-ELLIS", "MARGARET", "acacia 14", "DA6 7AT", "da67at", "key SW1A 1AA", "M1 1AE"] {
            assert!(tag_problem(bad, &client()).is_some(), "{bad}");
        }
    }

    #[test]
    fn two_letter_words_of_the_name_are_not_matched() {
        let mut c = client();
        c.name = "Jo Li".into();
        assert_eq!(tag_problem("JOLI-1", &c), None);
    }
}
