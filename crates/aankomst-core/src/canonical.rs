//! Canonical JSON: one spelling per JSON value, so a hash or signature over it does not
//! depend on key order or whitespace. The one implementation of the workspace: the plan
//! approval (`review`), the instrument definition hash (`aankomst-instruments`) and the
//! municipal policy (`policy`) all use it.
//!
//! Rules: object keys sorted by their UTF-8 bytes at every depth, no whitespace, strings and
//! numbers as `serde_json` writes them (shortest escapes, integers as digits). We do not rely
//! on `serde_json::Map` being sorted: a `preserve_order` feature enabled elsewhere in the
//! workspace would silently change it.

use serde_json::Value;

/// The canonical serialisation of a JSON value.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(&map[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sorted_at_every_depth_without_whitespace() {
        let a: Value =
            serde_json::from_str(r#"{"b": [1, {"y": 2, "x": "é\n"}], "a": null}"#).unwrap();
        assert_eq!(
            canonical_json(&a),
            r#"{"a":null,"b":[1,{"x":"é\n","y":2}]}"#
        );
    }
}
