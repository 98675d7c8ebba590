//! The canonical byte encoding, base64url and the field rules shared by every format.
//!
//! Signatures, associated data and ids are computed over *canonical bytes*, never over the JSON
//! wire form: JSON allows many spellings of one value (key order, whitespace, escapes), while
//! the canonical encoding has exactly one. It is deliberately tiny so that a reader in another
//! language can implement it in a few lines (see `docs/envelope-format.md`, "Canonical
//! encoding"):
//!
//! * a byte string is its length as a 4-byte big-endian integer, then the bytes;
//! * a text string is its UTF-8 bytes encoded as a byte string;
//! * an integer is 8 bytes big-endian, with no length prefix;
//! * a list is its element count as a 4-byte big-endian integer, then each element.
//!
//! Every structure starts with a text label naming its purpose and version, so bytes signed for
//! one purpose can never be taken for another.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::Deserialize;

use crate::SealError;

/// The largest integer a JSON field may carry: 2^53 − 1, the largest integer a JavaScript
/// (or any IEEE double based) JSON parser reads exactly.
pub(crate) const MAX_JSON_INTEGER: u64 = (1 << 53) - 1;

/// Longest identifier-like text field (tenant, record id, device id, HLC, ...), in bytes.
pub(crate) const MAX_TEXT_LEN: usize = 256;

/// Appends values in the canonical encoding.
#[derive(Default)]
pub(crate) struct Canonical {
    buf: Vec<u8>,
}

impl Canonical {
    pub(crate) fn new(label: &str) -> Self {
        let mut c = Canonical { buf: Vec::new() };
        c.text(label);
        c
    }

    pub(crate) fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        // Every length we encode is bounded far below 4 GiB by the field limits (plaintexts are
        // limited to `MAX_PLAINTEXT_LEN`), so the conversion cannot fail in practice.
        let len = u32::try_from(bytes.len()).expect("field longer than 4 GiB");
        self.buf.extend_from_slice(&len.to_be_bytes());
        self.buf.extend_from_slice(bytes);
        self
    }

    pub(crate) fn text(&mut self, text: &str) -> &mut Self {
        self.bytes(text.as_bytes())
    }

    pub(crate) fn int(&mut self, n: u64) -> &mut Self {
        self.buf.extend_from_slice(&n.to_be_bytes());
        self
    }

    pub(crate) fn count(&mut self, n: usize) -> &mut Self {
        let n = u32::try_from(n).expect("list longer than 2^32 elements");
        self.buf.extend_from_slice(&n.to_be_bytes());
        self
    }

    pub(crate) fn finish(self) -> Vec<u8> {
        self.buf
    }
}

pub(crate) fn b64_encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Strict base64url: no padding, no other alphabet, no non-zero trailing bits, so every byte
/// string has exactly one spelling on the wire.
pub(crate) fn b64_decode(field: &'static str, text: &str) -> Result<Vec<u8>, SealError> {
    URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| SealError::InvalidField {
            field,
            reason: "not unpadded base64url",
        })
}

pub(crate) fn b64_decode_array<const N: usize>(
    field: &'static str,
    text: &str,
) -> Result<[u8; N], SealError> {
    b64_decode(field, text)?
        .try_into()
        .map_err(|_| SealError::InvalidField {
            field,
            reason: "wrong length",
        })
}

/// Text fields that name things (tenant, record, device, revision, HLC, parents): 1 to 256
/// bytes of UTF-8 without control characters, so they print safely and stay small.
pub(crate) fn check_text(field: &'static str, text: &str) -> Result<(), SealError> {
    if text.is_empty() || text.len() > MAX_TEXT_LEN {
        return Err(SealError::InvalidField {
            field,
            reason: "must be 1 to 256 bytes",
        });
    }
    if text.chars().any(char::is_control) {
        return Err(SealError::InvalidField {
            field,
            reason: "contains a control character",
        });
    }
    Ok(())
}

/// Names of sealing recipients ("ggd"): lower-case ASCII letters, digits and '-', 1 to 32 long,
/// so the audience string `sealed:<name>` is unambiguous.
pub(crate) fn check_name(field: &'static str, name: &str) -> Result<(), SealError> {
    let ok = !name.is_empty()
        && name.len() <= 32
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(SealError::InvalidField {
            field,
            reason: "must be 1 to 32 of a-z, 0-9 and '-'",
        })
    }
}

pub(crate) fn check_json_int(field: &'static str, n: u64) -> Result<(), SealError> {
    if n > MAX_JSON_INTEGER {
        return Err(SealError::InvalidField {
            field,
            reason: "larger than 2^53 - 1",
        });
    }
    Ok(())
}

/// Parses a wire document: first the `format` tag alone (so an unknown version is reported as
/// such, not as a confusing missing field), then the whole document with every field required
/// and no unknown field allowed.
pub(crate) fn parse_tagged<T: for<'de> Deserialize<'de>>(
    json: &[u8],
    expected_format: &'static str,
) -> Result<T, SealError> {
    #[derive(Deserialize)]
    struct Tag {
        format: Option<String>,
    }
    let tag: Tag = serde_json::from_slice(json).map_err(|e| SealError::Malformed(e.to_string()))?;
    match tag.format.as_deref() {
        Some(f) if f == expected_format => {}
        Some(other) => {
            return Err(SealError::UnsupportedFormat {
                found: other.chars().take(64).collect(),
                expected: expected_format,
            })
        }
        None => return Err(SealError::Malformed("missing field `format`".into())),
    }
    serde_json::from_slice(json).map_err(|e| SealError::Malformed(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_encoding_is_length_prefixed_big_endian() {
        let mut c = Canonical::new("L");
        c.bytes(&[0xAA]).int(258).count(2).text("").text("é");
        assert_eq!(
            c.finish(),
            vec![
                0, 0, 0, 1, b'L', // label
                0, 0, 0, 1, 0xAA, // bytes
                0, 0, 0, 0, 0, 0, 1, 2, // int
                0, 0, 0, 2, // count
                0, 0, 0, 0, // empty text
                0, 0, 0, 2, 0xC3, 0xA9, // "é"
            ]
        );
    }

    #[test]
    fn base64url_is_strict() {
        assert_eq!(b64_encode(&[0xFB, 0xFF]), "-_8");
        assert!(b64_decode("f", "-_8").is_ok());
        assert!(b64_decode("f", "-_8=").is_err(), "padding refused");
        assert!(b64_decode("f", "+/8").is_err(), "standard alphabet refused");
        assert!(
            b64_decode("f", "-_9").is_err(),
            "non-zero trailing bits refused"
        );
    }

    #[test]
    fn names_and_texts() {
        assert!(check_name("n", "ggd").is_ok());
        assert!(check_name("n", "GGD").is_err());
        assert!(check_name("n", "ggd:x").is_err());
        assert!(check_text("t", "").is_err());
        assert!(check_text("t", "a\nb").is_err());
        assert!(check_text("t", &"x".repeat(257)).is_err());
        assert!(check_text("t", "2026-11-22T10:00:00.000Z/0003/dev-1").is_ok());
    }
}
