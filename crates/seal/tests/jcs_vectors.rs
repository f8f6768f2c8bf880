//! RFC 8785 conformance: every vector in fixtures/jcs (see its PROVENANCE.md), natively and in wasm.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

macro_rules! vectors {
    ($($name:literal),* $(,)?) => {
        [$(($name,
            include_bytes!(concat!("../../../fixtures/jcs/input/", $name, ".json")).as_slice(),
            include_bytes!(concat!("../../../fixtures/jcs/output/", $name, ".json")).as_slice(),
            include_str!(concat!("../../../fixtures/jcs/outhex/", $name, ".txt")))),*]
    };
}

#[test]
fn every_rfc8785_vector_canonicalizes_to_its_expected_bytes() {
    let all = vectors!["arrays", "french", "structures", "unicode", "values", "weird"];
    for (name, input, output, outhex) in all {
        let value = careform_seal::parse_strict(input, careform_seal::Part::Payload)
            .unwrap_or_else(|e| panic!("{name}: input does not parse: {e}"));
        let canonical = careform_seal::canonicalize(&value);
        assert_eq!(
            String::from_utf8_lossy(&canonical),
            String::from_utf8_lossy(output),
            "{name}: canonical form differs"
        );
        let hex: String = canonical.iter().map(|b| format!("{b:02x}")).collect();
        let expected_hex: String = outhex.split_whitespace().collect::<String>().to_lowercase();
        assert_eq!(hex, expected_hex, "{name}: bytes differ from outhex");
        // Canonical bytes are a fixed point, and parse_canonical accepts exactly them.
        careform_seal::parse_canonical(output, careform_seal::Part::Payload)
            .unwrap_or_else(|e| panic!("{name}: expected output refused as non-canonical: {e}"));
    }
}

#[test]
fn the_pretty_printed_inputs_are_refused_as_non_canonical() {
    for (name, input, _, _) in vectors!["arrays", "structures", "values"] {
        assert_eq!(
            careform_seal::parse_canonical(input, careform_seal::Part::Payload),
            Err(careform_seal::SealError::NonCanonical(careform_seal::Part::Payload)),
            "{name}"
        );
    }
}
