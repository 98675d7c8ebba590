//! What the server's IT admin hands to a sealing recipient (the GGD): every envelope sealed for
//! it, the tenant's device certificates and statements, and the tenant's signed recipient list.
//! The server cannot read any of it, and its word counts for nothing: the recipient's reader
//! (`aankomst-ggd`) checks the list and the certificates against the tenant root key it was
//! given on paper, checks that its own key is the list's sealing key, takes each author's key
//! from the verified certificates only, verifies every envelope's signature and opens it.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// The export's format tag.
pub const SEALED_EXPORT_FORMAT: &str = "aankomst-sealed-export/2";

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
    /// The tenant's device certificates (`aankomst-device-certificate/1`), in the order the
    /// server accepted them: the only source of author keys a reader may use.
    pub certificates: Vec<Box<RawValue>>,
    /// The tenant's statements (`aankomst-revocation/1`, `aankomst-role-change/1`), in order.
    pub statements: Vec<Box<RawValue>>,
    /// The envelopes (`aankomst-envelope/1`), in server sequence order.
    pub envelopes: Vec<Box<RawValue>>,
    /// The highest server sequence looked at: pass it as `--after` for the next export.
    pub last_sequence: u64,
}
