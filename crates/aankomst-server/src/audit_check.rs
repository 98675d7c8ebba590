//! The server's check of each device's audit trail (DESIGN §4.10). A device pushes its audit
//! entries as envelopes of kind `audit` whose clear metadata carries the chain's links — record
//! id = the device, revision id = `<seq>:<entry hash>`, parents = `[<previous entry hash>]` —
//! while the entries themselves stay encrypted. The server cannot check the hashes against the
//! content, but it can check that every device's chain is complete: no sequence number
//! missing, repeated or out of order, and every entry linked to the one before. A device whose
//! log was cut or edited cannot make its later entries link up without rewriting them, which
//! it cannot do to envelopes the server already holds.

use crate::storage::Storage;
use aankomst_seal::Envelope;
use std::collections::BTreeMap;

/// The record kind of audit envelopes.
pub const AUDIT_KIND: &str = "audit";
/// The hash the first entry of a chain links to (as `aankomst_core::audit::GENESIS`).
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

const PAGE: usize = 1000;

/// One device's chain as the server sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    /// The device whose chain this is.
    pub device: String,
    /// Entries seen (the highest sequence number when the chain is whole).
    pub entries: u64,
    /// The highest sequence number seen.
    pub last_seq: u64,
    /// Every break, in order; empty when the chain is whole.
    pub breaks: Vec<String>,
}

#[derive(Default)]
struct Walk {
    entries: u64,
    last_seq: u64,
    last_hash: String,
    breaks: Vec<String>,
}

/// Checks every device's audit chain in `tenant`, in server order.
pub fn check_audit_chains(storage: &dyn Storage, tenant: &str) -> anyhow::Result<Vec<ChainReport>> {
    let mut walks: BTreeMap<String, Walk> = BTreeMap::new();
    let mut cursor = 0;
    loop {
        let page = storage.pull(tenant, cursor, PAGE)?;
        let Some(&(last, _)) = page.last() else { break };
        for (sequence, body) in page {
            let Ok(envelope) = Envelope::from_json(&body) else {
                continue;
            };
            if envelope.record_kind() != AUDIT_KIND {
                continue;
            }
            let walk = walks
                .entry(envelope.author_device().to_owned())
                .or_insert_with(|| Walk {
                    last_hash: GENESIS.to_owned(),
                    ..Walk::default()
                });
            walk.entries += 1;
            let Some((seq, hash)) = parse_link(envelope.revision_id()) else {
                walk.breaks
                    .push(format!("server sequence {sequence}: not an audit link"));
                continue;
            };
            let parent = envelope.parents().first().map(String::as_str).unwrap_or("");
            if seq <= walk.last_seq {
                walk.breaks.push(format!(
                    "entry {seq} after entry {}: repeated or out of order",
                    walk.last_seq
                ));
                continue;
            }
            if seq != walk.last_seq + 1 {
                walk.breaks.push(format!(
                    "entries {} to {} missing",
                    walk.last_seq + 1,
                    seq - 1
                ));
            } else if parent != walk.last_hash {
                walk.breaks
                    .push(format!("entry {seq} does not link to entry {}", walk.last_seq));
            }
            walk.last_seq = seq;
            walk.last_hash = hash.to_owned();
        }
        cursor = last;
    }
    Ok(walks
        .into_iter()
        .map(|(device, w)| ChainReport {
            device,
            entries: w.entries,
            last_seq: w.last_seq,
            breaks: w.breaks,
        })
        .collect())
}

/// `<seq>:<hash>` → (seq, hash).
pub fn parse_link(revision_id: &str) -> Option<(u64, &str)> {
    let (seq, hash) = revision_id.split_once(':')?;
    let seq = seq.parse().ok()?;
    (hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit())).then_some((seq, hash))
}
