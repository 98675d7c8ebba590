//! The audit trail (NEN 7513): every read, write, export and print of client data, one entry
//! per event, in a hash chain per device so that a removed, reordered or edited entry is
//! detected — by the device itself and by the server the chain is synced to.
//!
//! Each entry's hash is SHA-256 over a domain label, the previous entry's hash, the entry's
//! sequence number and the event's fields, each length-prefixed so no two different events
//! encode alike. The first entry of a device links to [`GENESIS`]. An entry names record ids,
//! never client data: the log itself must be safe to keep for years.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

/// The hash the first entry of every chain links to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

const DOMAIN: &[u8] = b"aankomst-audit/1";

/// What was done with client data (NEN 7513 "actie").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// Client data was shown (a file, a conversation, an administration opened).
    Read,
    /// Client data was created or changed.
    Write,
    /// Client data left the app as a file or a share (FHIR export, PDF saved).
    Export,
    /// Client data was printed.
    Print,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Read => "read",
            AuditAction::Write => "write",
            AuditAction::Export => "export",
            AuditAction::Print => "print",
        }
    }
}

/// One event, with the NEN 7513 fields: who (user), when, which client, what (action and the
/// object acted on), on whose behalf, and from which device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub at: DateTime<Utc>,
    /// The user id of the profile that acted.
    pub user: String,
    /// The device the action was taken on.
    pub device: String,
    /// The client whose data was involved (record id), when there is one.
    pub client: Option<String>,
    pub action: AuditAction,
    /// What was acted on, as `kind:record-id` or a named export (`fhir-export:<id>`).
    pub object: String,
    /// The capacity or the person the user acted for (for example a handover or a supervisor's
    /// review), when not on their own caseload.
    pub on_behalf_of: Option<String>,
}

/// An event as it sits in the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// 1 for a device's first entry, then +1 each.
    pub seq: u64,
    pub event: AuditEvent,
    /// The previous entry's hash (hex), [`GENESIS`] for the first.
    pub prev_hash: String,
    /// This entry's hash (hex).
    pub hash: String,
}

/// Where and how a chain is broken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("entry {seq} does not hash to its recorded hash: it was edited")]
    Edited { seq: u64 },
    #[error("entries are missing between {after} and {next}")]
    Gap { after: u64, next: u64 },
    #[error("entry {seq} comes straight after entry {previous}: the log was reordered")]
    Reordered { seq: u64, previous: u64 },
    #[error("entry {seq} does not link to the entry before it")]
    BrokenLink { seq: u64 },
    #[error("entry {seq} belongs to device another than the chain's")]
    ForeignDevice { seq: u64 },
    #[error("the chain ends before entry {expected}, which was already acknowledged")]
    Truncated { expected: u64 },
}

/// The hash of an entry with sequence number `seq` following `prev_hash`.
pub fn entry_hash(prev_hash: &str, seq: u64, event: &AuditEvent) -> String {
    let mut hasher = Sha256::new();
    let mut put = |bytes: &[u8]| {
        hasher.update((bytes.len() as u64).to_be_bytes());
        hasher.update(bytes);
    };
    put(DOMAIN);
    put(prev_hash.as_bytes());
    put(&seq.to_be_bytes());
    put(event
        .at
        .to_rfc3339_opts(SecondsFormat::Micros, true)
        .as_bytes());
    put(event.user.as_bytes());
    put(event.device.as_bytes());
    put(event.client.as_deref().unwrap_or("").as_bytes());
    put(&[u8::from(event.client.is_some())]);
    put(event.action.as_str().as_bytes());
    put(event.object.as_bytes());
    put(event.on_behalf_of.as_deref().unwrap_or("").as_bytes());
    put(&[u8::from(event.on_behalf_of.is_some())]);
    hex_lower(&hasher.finalize())
}

/// The entry that follows `last` (or starts the chain when there is none).
pub fn next_entry(last: Option<&AuditEntry>, event: AuditEvent) -> AuditEntry {
    let (seq, prev_hash) = match last {
        Some(entry) => (entry.seq + 1, entry.hash.clone()),
        None => (1, GENESIS.to_owned()),
    };
    let hash = entry_hash(&prev_hash, seq, &event);
    AuditEntry {
        seq,
        event,
        prev_hash,
        hash,
    }
}

/// Checks one device's chain, in stored order, from its first entry. Returns the first break.
pub fn verify_chain(entries: &[AuditEntry]) -> Result<(), ChainBreak> {
    verify_chain_from(entries, 0, GENESIS)
}

/// Checks a run of one device's chain that continues after entry `after_seq` with hash
/// `after_hash` (0 and [`GENESIS`] for a whole chain): what a server does with each new batch.
pub fn verify_chain_from(
    entries: &[AuditEntry],
    after_seq: u64,
    after_hash: &str,
) -> Result<(), ChainBreak> {
    let device = entries.first().map(|e| e.event.device.as_str());
    let mut previous_seq = after_seq;
    let mut previous_hash = after_hash.to_owned();
    for (i, entry) in entries.iter().enumerate() {
        if Some(entry.event.device.as_str()) != device {
            return Err(ChainBreak::ForeignDevice { seq: entry.seq });
        }
        if entry_hash(&entry.prev_hash, entry.seq, &entry.event) != entry.hash {
            return Err(ChainBreak::Edited { seq: entry.seq });
        }
        if entry.seq <= previous_seq {
            return Err(ChainBreak::Reordered {
                seq: entry.seq,
                previous: previous_seq,
            });
        }
        if entry.seq != previous_seq + 1 {
            // The missing entry further on means the log was reordered, not cut.
            if entries[i + 1..].iter().any(|e| e.seq == previous_seq + 1) {
                return Err(ChainBreak::Reordered {
                    seq: entry.seq,
                    previous: previous_seq,
                });
            }
            return Err(ChainBreak::Gap {
                after: previous_seq,
                next: entry.seq,
            });
        }
        if entry.prev_hash != previous_hash {
            return Err(ChainBreak::BrokenLink { seq: entry.seq });
        }
        previous_seq = entry.seq;
        previous_hash = entry.hash.clone();
    }
    Ok(())
}

/// Like [`verify_chain`], and also that the chain still reaches `acknowledged`, the highest
/// sequence number an earlier check (or the server's receipt) saw: a cut-off tail is a break.
pub fn verify_chain_reaches(entries: &[AuditEntry], acknowledged: u64) -> Result<(), ChainBreak> {
    verify_chain(entries)?;
    let last = entries.last().map_or(0, |e| e.seq);
    if last < acknowledged {
        return Err(ChainBreak::Truncated {
            expected: acknowledged,
        });
    }
    Ok(())
}

/// What a supervisor searches the audit trail for: one client's entries (when given), in a
/// period (inclusive bounds, either open), of some actions (all when empty).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub client: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub actions: Vec<AuditAction>,
}

impl AuditFilter {
    pub fn matches(&self, event: &AuditEvent) -> bool {
        self.client
            .as_deref()
            .is_none_or(|c| event.client.as_deref() == Some(c))
            && self.from.is_none_or(|from| event.at >= from)
            && self.to.is_none_or(|to| event.at <= to)
            && (self.actions.is_empty() || self.actions.contains(&event.action))
    }
}

/// The columns of [`to_csv`], the NEN 7513 fields in order.
pub const CSV_HEADER: [&str; 9] = [
    "time_utc",
    "user",
    "device",
    "client",
    "action",
    "object",
    "on_behalf_of",
    "device_seq",
    "entry_hash",
];

/// Audit entries as CSV (RFC 4180: every field quoted, CRLF line ends), one row per entry in
/// the given order. A field that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`,
/// tab, carriage return) is prefixed with `'`, so opening the export runs nothing.
pub fn to_csv(entries: &[AuditEntry]) -> String {
    fn field(out: &mut String, value: &str) {
        out.push('"');
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            out.push('\'');
        }
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    }
    let mut out = String::new();
    let mut row = |values: &[&str]| {
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            field(&mut out, v);
        }
        out.push_str("\r\n");
    };
    row(&CSV_HEADER);
    for e in entries {
        let at = e.event.at.to_rfc3339_opts(SecondsFormat::Secs, true);
        let seq = e.seq.to_string();
        row(&[
            &at,
            &e.event.user,
            &e.event.device,
            e.event.client.as_deref().unwrap_or(""),
            e.event.action.as_str(),
            &e.event.object,
            e.event.on_behalf_of.as_deref().unwrap_or(""),
            &seq,
            &e.hash,
        ]);
    }
    out
}

fn hex_lower(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0x0f)] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn event(i: u32) -> AuditEvent {
        AuditEvent {
            at: Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap()
                + chrono::Duration::seconds(i.into()),
            user: "user-a".into(),
            device: "device-1".into(),
            client: (!i.is_multiple_of(3)).then(|| format!("client-{}", i % 7)),
            action: [
                AuditAction::Read,
                AuditAction::Write,
                AuditAction::Export,
                AuditAction::Print,
            ][(i % 4) as usize],
            object: format!("conversation:{i}"),
            on_behalf_of: i.is_multiple_of(5).then(|| "handover".to_owned()),
        }
    }

    fn chain(n: u32) -> Vec<AuditEntry> {
        let mut entries: Vec<AuditEntry> = Vec::new();
        for i in 0..n {
            let entry = next_entry(entries.last(), event(i));
            entries.push(entry);
        }
        entries
    }

    #[test]
    fn an_intact_chain_verifies_and_starts_at_genesis() {
        let entries = chain(20);
        assert_eq!(entries[0].seq, 1);
        assert_eq!(entries[0].prev_hash, GENESIS);
        assert_eq!(verify_chain(&entries), Ok(()));
        assert_eq!(verify_chain_reaches(&entries, 20), Ok(()));
        assert_eq!(verify_chain(&[]), Ok(()));
    }

    #[test]
    fn a_continuation_verifies_against_the_last_acknowledged_entry() {
        let entries = chain(10);
        let (head, tail) = entries.split_at(4);
        let last = head.last().unwrap();
        assert_eq!(verify_chain_from(tail, last.seq, &last.hash), Ok(()));
        assert_eq!(
            verify_chain_from(tail, last.seq, GENESIS),
            Err(ChainBreak::BrokenLink { seq: 5 })
        );
    }

    #[test]
    fn an_edited_field_is_detected_whichever_it_is() {
        let edits: Vec<fn(&mut AuditEvent)> = vec![
            |e| e.user = "someone-else".into(),
            |e| e.device = "device-1 ".into(),
            |e| e.client = None,
            |e| e.action = AuditAction::Read,
            |e| e.object.push('x'),
            |e| e.on_behalf_of = Some(String::new()),
            |e| e.at += chrono::Duration::microseconds(1),
        ];
        for edit in edits {
            let mut entries = chain(8);
            edit(&mut entries[5].event);
            let result = verify_chain(&entries);
            assert!(
                matches!(
                    result,
                    Err(ChainBreak::Edited { seq: 6 }) | Err(ChainBreak::ForeignDevice { seq: 6 })
                ),
                "{result:?}"
            );
        }
    }

    #[test]
    fn a_removed_entry_is_a_gap_and_a_removed_tail_is_truncation() {
        let mut entries = chain(8);
        entries.remove(3);
        assert_eq!(
            verify_chain(&entries),
            Err(ChainBreak::Gap { after: 3, next: 5 })
        );
        let mut entries = chain(8);
        entries.truncate(6);
        assert_eq!(verify_chain(&entries), Ok(()));
        assert_eq!(
            verify_chain_reaches(&entries, 8),
            Err(ChainBreak::Truncated { expected: 8 })
        );
    }

    #[test]
    fn reordered_entries_are_detected() {
        let mut entries = chain(8);
        entries.swap(2, 3);
        assert_eq!(
            verify_chain(&entries),
            Err(ChainBreak::Reordered {
                seq: 4,
                previous: 2
            })
        );
    }

    #[test]
    fn a_rehashed_forgery_breaks_the_link_to_the_next_entry() {
        let mut entries = chain(8);
        entries[2].event.object = "client:forged".into();
        entries[2].hash = entry_hash(&entries[2].prev_hash, 3, &entries[2].event);
        assert_eq!(
            verify_chain(&entries),
            Err(ChainBreak::BrokenLink { seq: 4 })
        );
    }

    #[test]
    fn absent_and_empty_optional_fields_hash_differently() {
        let mut a = event(1);
        a.on_behalf_of = None;
        let mut b = a.clone();
        b.on_behalf_of = Some(String::new());
        assert_ne!(entry_hash(GENESIS, 1, &a), entry_hash(GENESIS, 1, &b));
    }

    #[test]
    fn the_filter_picks_client_period_and_action() {
        let entries = chain(30);
        let filter = AuditFilter {
            client: Some("client-1".into()),
            from: Some(event(5).at),
            to: Some(event(22).at),
            actions: vec![AuditAction::Read, AuditAction::Export],
        };
        let picked: Vec<u64> = entries
            .iter()
            .filter(|e| filter.matches(&e.event))
            .map(|e| e.seq)
            .collect();
        // event(i): client-(i%7) unless i%3==0; action by i%4 (0 read, 2 export); seq = i+1.
        let expected: Vec<u64> = (5..=22u32)
            .filter(|i| i % 3 != 0 && i % 7 == 1 && (i % 4 == 0 || i % 4 == 2))
            .map(|i| u64::from(i) + 1)
            .collect();
        assert_eq!(picked, expected);
        assert!(!expected.is_empty());
        assert_eq!(
            entries
                .iter()
                .filter(|e| AuditFilter::default().matches(&e.event))
                .count(),
            30
        );
    }

    #[test]
    fn the_csv_quotes_every_field_and_defuses_formulas() {
        let mut entries = chain(2);
        entries[1].event.on_behalf_of = Some("=HYPERLINK(\"x\")".into());
        let csv = to_csv(&entries);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines.len(), 4, "header, two rows, the empty rest");
        assert!(lines[0].starts_with("\"time_utc\",\"user\",\"device\",\"client\",\"action\""));
        assert!(
            lines[1].starts_with("\"2026-03-01T09:00:00Z\",\"user-a\",\"device-1\",\"\",\"read\"")
        );
        assert!(
            lines[2].contains("\"'=HYPERLINK(\"\"x\"\")\""),
            "{}",
            lines[2]
        );
        assert!(lines[2].ends_with(&format!("\"2\",\"{}\"", entries[1].hash)));
    }

    proptest! {
        #[test]
        fn any_single_removal_or_swap_is_detected(n in 3u32..40, pick in any::<prop::sample::Index>(), swap in any::<bool>()) {
            let mut entries = chain(n);
            let i = pick.index(entries.len() - 1);
            if swap {
                entries.swap(i, i + 1);
            } else {
                entries.remove(i);
            }
            prop_assert!(verify_chain_reaches(&entries, u64::from(n)).is_err());
        }
    }
}
