//! Human-readable submission references, e.g. `CF-7K3M-Q9XD`: easy to read out on the phone.

use careform_seal::random_bytes;

/// Crockford's base32 alphabet: no I, L, O or U, so nothing is mistaken for 1, 0 or a rude word.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A fresh random reference: `CF-` and 8 characters (40 random bits) in two groups.
pub fn generate() -> String {
    let bytes = random_bytes::<5>();
    let bits = bytes.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
    let chars: String = (0..8).rev().map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char).collect();
    format!("CF-{}-{}", &chars[..4], &chars[4..])
}

#[cfg(test)]
mod tests {
    #[test]
    fn references_have_the_documented_shape() {
        for _ in 0..200 {
            let r = super::generate();
            assert_eq!(r.len(), 12, "{r}");
            assert!(r.starts_with("CF-") && &r[7..8] == "-", "{r}");
            assert!(r[3..].chars().filter(|c| *c != '-').all(|c| super::ALPHABET.contains(&(c as u8))), "{r}");
        }
    }
}
