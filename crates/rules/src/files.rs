//! Evidence files: the types a form's documents may have and the limits on their size, shared by
//! the server (the authority) and the widgets (a quick message before uploading). A file's type is
//! read from its bytes, never from its name or what the browser claims.

/// The largest evidence file accepted (10 MiB).
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
/// The most one submission's evidence files may add up to (50 MiB).
pub const MAX_SUBMISSION_BYTES: u64 = 50 * 1024 * 1024;

/// PDF.
pub const PDF: &str = "application/pdf";
/// JPEG.
pub const JPEG: &str = "image/jpeg";
/// PNG.
pub const PNG: &str = "image/png";
/// Word (Office Open XML) document.
pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/// OpenDocument text.
pub const ODT: &str = "application/vnd.oasis.opendocument.text";

/// Every accepted media type with the words people know it by.
pub const MEDIA_TYPES: [(&str, &str); 5] =
    [(PDF, "PDF"), (JPEG, "JPEG"), (PNG, "PNG"), (DOCX, "Word (DOCX)"), (ODT, "OpenDocument text (ODT)")];

/// The accepted types in words, for hints and refusals: "PDF, JPEG, PNG, Word (DOCX) or
/// OpenDocument text (ODT)".
pub fn allowed_types_text() -> String {
    let names: Vec<&str> = MEDIA_TYPES.iter().map(|(_, name)| *name).collect();
    let (last, rest) = names.split_last().expect("at least one type");
    format!("{} or {last}", rest.join(", "))
}

/// The accepted media type these bytes are, if any. DOCX and ODT are zip files: they are told
/// from other zips (and from each other, and from spreadsheets) by their first entries, as
/// `infer` reads them, so a renamed zip or spreadsheet is refused.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if infer::archive::is_pdf(bytes) {
        Some(PDF)
    } else if infer::image::is_jpeg(bytes) {
        Some(JPEG)
    } else if infer::image::is_png(bytes) {
        Some(PNG)
    } else if infer::doc::is_docx(bytes) {
        Some(DOCX)
    } else if infer::odf::is_odt(bytes) {
        Some(ODT)
    } else {
        None
    }
}

/// Whether `text` is a SHA-256 as `sha256sum` prints it: 64 lowercase hex digits.
pub fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The SHA-256 of `bytes` as 64 lowercase hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_bytes() {
        assert_eq!(sniff(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), Some(PDF));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), Some(JPEG));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n"), Some(PNG));
        assert_eq!(sniff(b"just some text, named report.pdf"), None);
        assert_eq!(sniff(b""), None);
        // A zip whose first entry is not a Word or OpenDocument part.
        assert_eq!(sniff(b"PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x05\0\0\0notes.txt"), None);
    }

    #[test]
    fn hashes_are_lowercase_hex() {
        let h = sha256_hex(b"abc");
        assert_eq!(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert!(is_sha256_hex(&h));
        assert!(!is_sha256_hex(&h.to_uppercase()));
        assert!(!is_sha256_hex(&h[1..]));
        assert_eq!(allowed_types_text(), "PDF, JPEG, PNG, Word (DOCX) or OpenDocument text (ODT)");
    }
}
