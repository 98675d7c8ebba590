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

/// One audit envelope's links, as its clear metadata gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditLink {
    /// The author device.
    pub device: String,
    /// The server sequence it was stored under (for the report).
    pub sequence: u64,
    /// Its revision id, `<seq>:<hash>`.
    pub revision_id: String,
    /// Its first parent, the previous entry's hash.
    pub parent: String,
}

#[derive(Default)]
struct Walk {
    entries: u64,
    last_seq: u64,
    last_hash: String,
    breaks: Vec<String>,
}

/// Walks the links in server order, per device. The same link again is a retried push (the
/// same entry resealed), not a break.
pub fn check_links(links: impl IntoIterator<Item = AuditLink>) -> Vec<ChainReport> {
    let mut walks: BTreeMap<String, Walk> = BTreeMap::new();
    for link in links {
        let walk = walks.entry(link.device).or_insert_with(|| Walk {
            last_hash: GENESIS.to_owned(),
            ..Walk::default()
        });
        let Some((seq, hash)) = parse_link(&link.revision_id) else {
            walk.breaks.push(format!(
                "server sequence {}: not an audit link",
                link.sequence
            ));
            continue;
        };
        if seq == walk.last_seq && hash == walk.last_hash {
            continue;
        }
        walk.entries += 1;
        if seq <= walk.last_seq {
            walk.breaks.push(format!(
                "entry {seq} after entry {}: repeated with other content or out of order",
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
        } else if link.parent != walk.last_hash {
            walk.breaks.push(format!(
                "entry {seq} does not link to entry {}",
                walk.last_seq
            ));
        }
        walk.last_seq = seq;
        walk.last_hash = hash.to_owned();
    }
    walks
        .into_iter()
        .map(|(device, w)| ChainReport {
            device,
            entries: w.entries,
            last_seq: w.last_seq,
            breaks: w.breaks,
        })
        .collect()
}

/// Checks every device's audit chain in `tenant`, in server order.
pub fn check_audit_chains(storage: &dyn Storage, tenant: &str) -> anyhow::Result<Vec<ChainReport>> {
    let mut links = Vec::new();
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
            links.push(AuditLink {
                device: envelope.author_device().to_owned(),
                sequence,
                revision_id: envelope.revision_id().to_owned(),
                parent: envelope.parents().first().cloned().unwrap_or_default(),
            });
        }
        cursor = last;
    }
    Ok(check_links(links))
}

/// `<seq>:<hash>` → (seq, hash).
pub fn parse_link(revision_id: &str) -> Option<(u64, &str)> {
    let (seq, hash) = revision_id.split_once(':')?;
    let seq = seq.parse().ok()?;
    (hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit())).then_some((seq, hash))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(n: u64) -> String {
        format!("{n:064x}")
    }

    fn link(device: &str, seq: u64) -> AuditLink {
        AuditLink {
            device: device.into(),
            sequence: seq,
            revision_id: format!("{seq}:{}", hash(seq)),
            parent: if seq == 1 {
                GENESIS.into()
            } else {
                hash(seq - 1)
            },
        }
    }

    #[test]
    fn a_whole_chain_and_a_retried_push_are_intact() {
        let links = vec![
            link("a", 1),
            link("b", 1),
            link("a", 2),
            link("a", 2),
            link("a", 3),
        ];
        let reports = check_links(links);
        assert_eq!(reports.len(), 2);
        assert!(reports.iter().all(|r| r.breaks.is_empty()), "{reports:?}");
        assert_eq!(reports[0].entries, 3);
    }

    #[test]
    fn gaps_broken_links_and_reorders_are_reported() {
        let gap = check_links(vec![link("a", 1), link("a", 2), link("a", 5)]);
        assert_eq!(gap[0].breaks, ["entries 3 to 4 missing"]);

        let mut forged = link("a", 2);
        forged.parent = hash(77);
        let broken = check_links(vec![link("a", 1), forged]);
        assert_eq!(broken[0].breaks, ["entry 2 does not link to entry 1"]);

        let reordered = check_links(vec![link("a", 1), link("a", 3), link("a", 2)]);
        assert_eq!(reordered[0].breaks.len(), 2, "{:?}", reordered[0].breaks);

        let mut edited = link("a", 2);
        edited.revision_id = format!("2:{}", hash(99));
        let rewritten = check_links(vec![link("a", 1), link("a", 2), edited]);
        assert!(rewritten[0].breaks[0].contains("repeated with other content"));

        let junk = check_links(vec![AuditLink {
            revision_id: "not-a-link".into(),
            ..link("a", 1)
        }]);
        assert!(junk[0].breaks[0].contains("not an audit link"));
    }
}
