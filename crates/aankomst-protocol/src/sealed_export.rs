//! What the server's IT admin hands to a sealing recipient (the GGD): every envelope sealed for
//! it, the public keys of the devices that wrote them, and the tenant's signed recipient list.
//! The server cannot read any of it; the recipient's reader (`aankomst-ggd`) checks the list
//! against the tenant root key it was given on paper, checks that its own key is the list's
//! sealing key, verifies every envelope's signature and opens it.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::BTreeMap;

/// The export's format tag.
pub const SEALED_EXPORT_FORMAT: &str = "aankomst-sealed-export/1";

/// One export file (JSON).
#[derive(Debug, Serialize, Deserialize)]
pub struct SealedExport {
    /// [`SEALED_EXPORT_FORMAT`].
    pub format: String,
    /// The tenant.
    pub tenant: String,
    /// The sealing recipient's name in the recipient list (`ggd`).
    pub recipient: String,
    /// The tenant's current signed recipient list (`aankomst-recipients/1`).
    pub recipient_list: Box<RawValue>,
    /// Author device id → its enrolled Ed25519 public key (base64url), for the envelopes here.
    pub devices: BTreeMap<String, String>,
    /// The envelopes (`aankomst-envelope/1`), in server sequence order.
    pub envelopes: Vec<Box<RawValue>>,
    /// The highest server sequence looked at: pass it as `--after` for the next export.
    pub last_sequence: u64,
}
