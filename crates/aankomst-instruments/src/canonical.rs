//! Canonical JSON and the definition hash.
//!
//! The hash must not depend on how a file happens to be formatted or in which order its
//! keys were written, so we serialise the parsed value ourselves: object keys sorted by
//! their UTF-8 bytes, no whitespace, strings and numbers as `serde_json` writes them.
//! We do not rely on `serde_json::Map` being sorted: a `preserve_order` feature enabled
//! elsewhere in the workspace would silently change it.

use serde_json::Value;
use sha2::{Digest, Sha256};

/// The canonical serialisation of a JSON value (the workspace's one implementation, in
/// `aankomst-core`).
pub use aankomst_core::canonical::canonical_json;

/// Lower-case hex SHA-256 of the canonical serialisation.
pub fn content_hash(value: &Value) -> String {
    let digest = Sha256::digest(canonical_json(value).as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn key_order_and_whitespace_do_not_matter() {
        let a: Value =
            serde_json::from_str(r#"{"b": [1, {"y": 2, "x": "é"}], "a": null}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"a":null,"b":[1,{"x":"é","y":2}]}"#).unwrap();
        assert_eq!(canonical_json(&a), r#"{"a":null,"b":[1,{"x":"é","y":2}]}"#);
        assert_eq!(content_hash(&a), content_hash(&b));
    }

    #[test]
    fn sha256_of_empty_object_is_the_known_digest() {
        // SHA-256("{}") — a published constant, not computed by this code.
        assert_eq!(
            content_hash(&json!({})),
            "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
        );
    }
}
