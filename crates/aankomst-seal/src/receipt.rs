//! Receipts: the server's signed statement that it stored an envelope. Only a receipt marks a
//! revision as synced on the device (DESIGN §5), so a server (or a proxy) that drops an upload
//! cannot make the device believe it arrived.

use serde::{Deserialize, Serialize};

use crate::encoding::{
    b64_decode_array, b64_encode, check_json_int, check_text, parse_tagged, Canonical,
};
use crate::envelope::EnvelopeId;
use crate::keys::{KeyId, ServerKey, ServerPublicKey};
use crate::SealError;

/// The `format` tag of a receipt, and the label of its signed bytes.
pub const RECEIPT_FORMAT: &str = "aankomst-receipt/1";

/// The server's signature over (tenant, envelope id, server sequence, time received).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    tenant: String,
    envelope_id: EnvelopeId,
    server_sequence: u64,
    received_at_ms: u64,
    server_key_id: KeyId,
    signature: [u8; 64],
}

impl Receipt {
    /// Signs a receipt. `server_sequence` is the tenant's sequence number the server gave the
    /// envelope; `received_at_ms` the time it stored it, in milliseconds since the Unix epoch
    /// (UTC). Both must be at most 2^53 − 1.
    pub fn issue(
        server: &ServerKey,
        tenant: &str,
        envelope_id: EnvelopeId,
        server_sequence: u64,
        received_at_ms: u64,
    ) -> Result<Receipt, SealError> {
        check_text("tenant", tenant)?;
        check_json_int("server_sequence", server_sequence)?;
        check_json_int("received_at_ms", received_at_ms)?;
        let mut receipt = Receipt {
            tenant: tenant.to_owned(),
            envelope_id,
            server_sequence,
            received_at_ms,
            server_key_id: server.public().key_id(),
            signature: [0; 64],
        };
        receipt.signature = server.sign(&receipt.signed_bytes());
        Ok(receipt)
    }

    /// Checks the signature with the server key the device knows (pinned at enrolment).
    /// The caller then checks that tenant and envelope id are the ones it pushed.
    pub fn verify(&self, server: &ServerPublicKey) -> Result<(), SealError> {
        if server.key_id() != self.server_key_id {
            return Err(SealError::WrongServerKey);
        }
        server.verify(&self.signed_bytes(), &self.signature)
    }

    /// The tenant.
    pub fn tenant(&self) -> &str {
        &self.tenant
    }

    /// The id of the envelope received.
    pub fn envelope_id(&self) -> EnvelopeId {
        self.envelope_id
    }

    /// The tenant-wide sequence number the server assigned.
    pub fn server_sequence(&self) -> u64 {
        self.server_sequence
    }

    /// When the server stored the envelope, in milliseconds since the Unix epoch (UTC).
    pub fn received_at_ms(&self) -> u64 {
        self.received_at_ms
    }

    /// The key id of the server key that signed.
    pub fn server_key_id(&self) -> &KeyId {
        &self.server_key_id
    }

    /// The wire form (JSON).
    pub fn to_json(&self) -> Vec<u8> {
        let wire = ReceiptWire {
            format: RECEIPT_FORMAT.to_owned(),
            tenant: self.tenant.clone(),
            envelope_id: self.envelope_id.to_base64url(),
            server_sequence: self.server_sequence,
            received_at_ms: self.received_at_ms,
            server_key_id: self.server_key_id.to_string(),
            signature: b64_encode(&self.signature),
        };
        serde_json::to_vec(&wire).expect("a receipt always serialises")
    }

    /// Parses the wire form; refuses unknown versions, missing and extra fields.
    pub fn from_json(json: &[u8]) -> Result<Receipt, SealError> {
        let w: ReceiptWire = parse_tagged(json, RECEIPT_FORMAT)?;
        check_text("tenant", &w.tenant)?;
        check_json_int("server_sequence", w.server_sequence)?;
        check_json_int("received_at_ms", w.received_at_ms)?;
        Ok(Receipt {
            tenant: w.tenant,
            envelope_id: EnvelopeId::from_base64url(&w.envelope_id)?,
            server_sequence: w.server_sequence,
            received_at_ms: w.received_at_ms,
            server_key_id: KeyId::parse("server_key_id", &w.server_key_id)?,
            signature: b64_decode_array("signature", &w.signature)?,
        })
    }

    fn signed_bytes(&self) -> Vec<u8> {
        let mut c = Canonical::new(RECEIPT_FORMAT);
        c.text(&self.tenant)
            .bytes(self.envelope_id.as_bytes())
            .int(self.server_sequence)
            .int(self.received_at_ms);
        c.finish()
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReceiptWire {
    format: String,
    tenant: String,
    envelope_id: String,
    server_sequence: u64,
    received_at_ms: u64,
    server_key_id: String,
    signature: String,
}
