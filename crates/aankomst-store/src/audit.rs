//! The audit trail's storage: this device's hash chain, appended one entry at a time and
//! never updated in place, and the chains of the team's other devices as pulled from the
//! server (kept per device, verified link by link, searched together with this device's).
//! The chain logic is in `aankomst_core::audit`.

use aankomst_core::audit::{
    entry_hash, next_entry, verify_chain, verify_chain_from, AuditEntry, AuditEvent, AuditFilter,
    ChainBreak, GENESIS,
};
use rusqlite::{params, OptionalExtension, Transaction};

use crate::{Store, StoreError};

impl Store {
    /// Appends an event to this device's chain, linked to the last entry, in one transaction
    /// (two appends can never link to the same predecessor).
    pub fn append_audit(&mut self, event: AuditEvent) -> Result<AuditEntry, StoreError> {
        let tx = self.conn.transaction()?;
        let entry = append_in(&tx, event)?;
        tx.commit()?;
        Ok(entry)
    }
}

/// Appends inside the caller's transaction, so a write and its audit entry commit together.
pub(crate) fn append_in(tx: &Transaction<'_>, event: AuditEvent) -> Result<AuditEntry, StoreError> {
    let last: Option<String> = tx
        .query_row(
            "SELECT entry FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let last: Option<AuditEntry> = last.map(|raw| serde_json::from_str(&raw)).transpose()?;
    let entry = next_entry(last.as_ref(), event);
    tx.execute(
        "INSERT INTO audit_log (seq, client_id, at, entry) VALUES (?1, ?2, ?3, ?4)",
        params![
            entry.seq as i64,
            entry.event.client,
            entry.event.at.to_rfc3339(),
            serde_json::to_string(&entry)?
        ],
    )?;
    Ok(entry)
}

impl Store {
    /// This device's newest audit entry (the head of its chain), if any.
    pub fn audit_head(&self) -> Result<Option<AuditEntry>, StoreError> {
        Ok(self
            .audit_query("SELECT entry FROM audit_log ORDER BY seq DESC LIMIT 1", [])?
            .pop())
    }

    /// Entries after sequence number `after`, oldest first, at most `limit`.
    pub fn audit_entries(&self, after: u64, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        self.audit_query(
            "SELECT entry FROM audit_log WHERE seq > ?1 ORDER BY seq LIMIT ?2",
            params![after as i64, limit],
        )
    }

    /// Every entry about one client, oldest first ("who looked at this file?").
    pub fn audit_of_client(&self, client_id: &str) -> Result<Vec<AuditEntry>, StoreError> {
        self.audit_query(
            "SELECT entry FROM audit_log WHERE client_id = ?1 ORDER BY seq",
            params![client_id],
        )
    }

    /// Checks the whole stored chain.
    pub fn verify_audit(&self) -> Result<Result<u64, ChainBreak>, StoreError> {
        let entries = self.audit_query("SELECT entry FROM audit_log ORDER BY rowid", [])?;
        Ok(verify_chain(&entries).map(|()| entries.last().map_or(0, |e| e.seq)))
    }

    fn audit_query(
        &self,
        sql: &str,
        args: impl rusqlite::Params,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(args, |r| r.get::<_, String>(0))?;
        rows.map(|raw| Ok(serde_json::from_str(&raw?)?)).collect()
    }
}

/// What became of one pulled audit entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReceivedAudit {
    /// Stored: new for this device.
    Stored,
    /// The same entry (same device, sequence number and hash) was stored before.
    AlreadyHeld,
    /// Another entry with this device and sequence number, with different content, is stored:
    /// the first one stays, and the device's chain is reported as forked.
    Conflicting,
    /// Its content does not hash to its own hash (never stored).
    Refused,
}

/// One device's chain as this device holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceChain {
    pub device: String,
    /// This device's own chain (the others are pulled).
    pub own: bool,
    pub entries: u64,
    /// The last sequence number when the chain verifies, or where it breaks.
    pub status: Result<u64, ChainBreak>,
    /// Pulled entries that claimed a stored place with other content.
    pub conflicts: u64,
}

impl Store {
    /// Stores other devices' audit entries as pulled, in one transaction. Idempotent: a
    /// re-pulled entry is [`ReceivedAudit::AlreadyHeld`], never a second row. Each entry is
    /// checked against its own hash; whether the chains are whole is [`Store::audit_chains`]'s
    /// question, so an entry arriving after a gap is still kept as evidence.
    pub fn receive_audit(
        &mut self,
        entries: &[AuditEntry],
    ) -> Result<Vec<ReceivedAudit>, StoreError> {
        let tx = self.conn.transaction()?;
        let mut out = Vec::with_capacity(entries.len());
        for e in entries {
            if entry_hash(&e.prev_hash, e.seq, &e.event) != e.hash {
                out.push(ReceivedAudit::Refused);
                continue;
            }
            let device = e.event.device.as_str();
            let seq = i64::try_from(e.seq).unwrap_or(i64::MAX);
            let held: Option<String> = tx
                .query_row(
                    "SELECT hash FROM audit_remote WHERE device = ?1 AND seq = ?2",
                    params![device, seq],
                    |r| r.get(0),
                )
                .optional()?;
            let outcome = match held {
                Some(hash) if hash == e.hash => ReceivedAudit::AlreadyHeld,
                Some(_) => {
                    tx.execute(
                        "INSERT INTO audit_remote_heads (device, last_seq, conflicts) VALUES (?1, ?2, 1)
                         ON CONFLICT (device) DO UPDATE SET conflicts = conflicts + 1",
                        params![device, seq],
                    )?;
                    ReceivedAudit::Conflicting
                }
                None => {
                    tx.execute(
                        "INSERT INTO audit_remote (device, seq, hash, client_id, at, entry)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![
                            device,
                            seq,
                            e.hash,
                            e.event.client,
                            e.event.at.to_rfc3339(),
                            serde_json::to_string(e)?
                        ],
                    )?;
                    tx.execute(
                        "INSERT INTO audit_remote_heads (device, last_seq) VALUES (?1, ?2)
                         ON CONFLICT (device) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)",
                        params![device, seq],
                    )?;
                    ReceivedAudit::Stored
                }
            };
            out.push(outcome);
        }
        tx.commit()?;
        Ok(out)
    }

    /// Every chain this device holds, its own first, then the pulled ones by device id: each
    /// verified from its first entry in the order of its sequence numbers as stored, and
    /// required to reach the highest sequence number ever stored for it (a removed tail is
    /// [`ChainBreak::Truncated`]).
    pub fn audit_chains(&self) -> Result<Vec<DeviceChain>, StoreError> {
        let own = self.audit_query("SELECT entry FROM audit_log ORDER BY seq", [])?;
        let mut chains = vec![DeviceChain {
            device: self.identity().device.clone(),
            own: true,
            entries: own.len() as u64,
            status: verify_chain(&own).map(|()| own.last().map_or(0, |e| e.seq)),
            conflicts: 0,
        }];
        let heads: Vec<(String, i64, i64)> = {
            let mut stmt = self.conn.prepare_cached(
                // A device whose head row went missing is still listed (and checked).
                "SELECT device, max(last_seq), max(conflicts) FROM (
                     SELECT device, last_seq, conflicts FROM audit_remote_heads
                     UNION ALL SELECT DISTINCT device, 0, 0 FROM audit_remote)
                 GROUP BY device ORDER BY device",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        for (device, last_seq, conflicts) in heads {
            let entries = self.audit_query(
                "SELECT entry FROM audit_remote WHERE device = ?1 ORDER BY seq",
                params![device],
            )?;
            let status = chain_status(&device, &entries, u64::try_from(last_seq).unwrap_or(0));
            chains.push(DeviceChain {
                device,
                own: false,
                entries: entries.len() as u64,
                status,
                conflicts: u64::try_from(conflicts).unwrap_or(0),
            });
        }
        Ok(chains)
    }

    /// The entries of every device's chain that match `filter`, oldest first (ties by device
    /// and sequence number). The stored JSON decides, never the copied-out search columns.
    pub fn audit_search(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>, StoreError> {
        let mut found = match filter.client.as_deref() {
            Some(client) => {
                let mut own = self.audit_query(
                    "SELECT entry FROM audit_log WHERE client_id = ?1",
                    params![client],
                )?;
                own.extend(self.audit_query(
                    "SELECT entry FROM audit_remote WHERE client_id = ?1",
                    params![client],
                )?);
                own
            }
            None => {
                let mut own = self.audit_query("SELECT entry FROM audit_log", [])?;
                own.extend(self.audit_query("SELECT entry FROM audit_remote", [])?);
                own
            }
        };
        found.retain(|e| filter.matches(&e.event));
        found.sort_by(|a, b| {
            (a.event.at, &a.event.device, a.seq).cmp(&(b.event.at, &b.event.device, b.seq))
        });
        Ok(found)
    }
}

/// A pulled chain: whole from genesis, every entry of `device`, reaching `last_seq`.
fn chain_status(device: &str, entries: &[AuditEntry], last_seq: u64) -> Result<u64, ChainBreak> {
    if let Some(foreign) = entries.iter().find(|e| e.event.device != device) {
        return Err(ChainBreak::ForeignDevice { seq: foreign.seq });
    }
    verify_chain_from(entries, 0, GENESIS)?;
    let last = entries.last().map_or(0, |e| e.seq);
    if last < last_seq {
        return Err(ChainBreak::Truncated { expected: last_seq });
    }
    Ok(last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DbKey, Identity};
    use aankomst_core::audit::AuditAction;
    use chrono::Utc;

    fn event(client: Option<&str>, action: AuditAction) -> AuditEvent {
        AuditEvent {
            at: Utc::now(),
            user: "u1".into(),
            device: "d1".into(),
            client: client.map(str::to_owned),
            action,
            object: "client:x".into(),
            on_behalf_of: None,
        }
    }

    fn store(dir: &tempfile::TempDir) -> Store {
        let identity = Identity {
            user: "u1".into(),
            device: "d1".into(),
        };
        Store::create(&dir.path().join("db"), &DbKey::random(), identity).unwrap()
    }

    #[test]
    fn appended_entries_chain_and_are_found_per_client() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(&dir);
        store
            .append_audit(event(Some("c1"), AuditAction::Read))
            .unwrap();
        store
            .append_audit(event(Some("c2"), AuditAction::Write))
            .unwrap();
        let third = store
            .append_audit(event(Some("c1"), AuditAction::Export))
            .unwrap();
        assert_eq!(third.seq, 3);
        assert_eq!(store.verify_audit().unwrap(), Ok(3));
        let of_c1 = store.audit_of_client("c1").unwrap();
        assert_eq!(
            of_c1.iter().map(|e| e.event.action).collect::<Vec<_>>(),
            [AuditAction::Read, AuditAction::Export]
        );
        assert_eq!(store.audit_entries(1, 10).unwrap().len(), 2);
    }

    /// Another device's chain of `n` entries, every other one about client `c1`.
    fn remote_chain(device: &str, n: u32) -> Vec<AuditEntry> {
        let mut out: Vec<AuditEntry> = Vec::new();
        for i in 0..n {
            let mut e = event(
                Some(if i % 2 == 0 { "c1" } else { "c2" }),
                if i % 3 == 0 {
                    AuditAction::Write
                } else {
                    AuditAction::Read
                },
            );
            e.device = device.into();
            e.user = format!("user-of-{device}");
            e.at = chrono::DateTime::parse_from_rfc3339("2026-03-01T09:00:00Z")
                .unwrap()
                .with_timezone(&Utc)
                + chrono::Duration::hours(i.into());
            let entry = next_entry(out.last(), e);
            out.push(entry);
        }
        out
    }

    fn status_of(store: &Store, device: &str) -> Result<u64, ChainBreak> {
        store
            .audit_chains()
            .unwrap()
            .into_iter()
            .find(|c| c.device == device)
            .unwrap()
            .status
    }

    #[test]
    fn pulled_entries_are_stored_once_however_often_they_are_pulled() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(&dir);
        let chain = remote_chain("d2", 6);
        let first = store.receive_audit(&chain[..4]).unwrap();
        assert_eq!(first, vec![ReceivedAudit::Stored; 4]);
        // A re-pull of the same page, and the next page overlapping it.
        assert_eq!(
            store.receive_audit(&chain[..4]).unwrap(),
            vec![ReceivedAudit::AlreadyHeld; 4]
        );
        let again = store.receive_audit(&chain[2..]).unwrap();
        assert_eq!(
            again,
            [
                ReceivedAudit::AlreadyHeld,
                ReceivedAudit::AlreadyHeld,
                ReceivedAudit::Stored,
                ReceivedAudit::Stored
            ]
        );
        let rows: i64 = store
            .conn
            .query_row("SELECT count(*) FROM audit_remote", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 6);
        let chains = store.audit_chains().unwrap();
        assert_eq!(chains.len(), 2);
        assert!(chains[0].own && chains[0].device == "d1");
        assert_eq!(chains[1].device, "d2");
        assert_eq!(chains[1].entries, 6);
        assert_eq!(chains[1].status, Ok(6));

        // An entry whose content does not match its hash is refused; another entry claiming
        // a stored place is kept out and reported as a fork.
        let mut forged = chain[3].clone();
        forged.event.action = AuditAction::Export;
        assert_eq!(
            store.receive_audit(std::slice::from_ref(&forged)).unwrap(),
            [ReceivedAudit::Refused]
        );
        forged.hash = entry_hash(&forged.prev_hash, forged.seq, &forged.event);
        assert_eq!(
            store.receive_audit(&[forged]).unwrap(),
            [ReceivedAudit::Conflicting]
        );
        let d2 = &store.audit_chains().unwrap()[1];
        assert_eq!((d2.entries, d2.conflicts, d2.status.clone()), (6, 1, Ok(6)));
    }

    #[test]
    fn a_pulled_entry_removed_reordered_or_edited_in_the_database_is_detected() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(&dir);
        store.receive_audit(&remote_chain("d2", 6)).unwrap();
        store.receive_audit(&remote_chain("d3", 3)).unwrap();
        assert_eq!(status_of(&store, "d2"), Ok(6));
        let raw = |store: &Store, seq: i64| -> String {
            store
                .conn
                .query_row(
                    "SELECT entry FROM audit_remote WHERE device = 'd2' AND seq = ?1",
                    [seq],
                    |r| r.get(0),
                )
                .unwrap()
        };
        let put = |store: &Store, seq: i64, entry: &str| {
            store
                .conn
                .execute(
                    "UPDATE audit_remote SET entry = ?2 WHERE device = 'd2' AND seq = ?1",
                    params![seq, entry],
                )
                .unwrap();
        };
        let (two, three) = (raw(&store, 2), raw(&store, 3));

        // Edited: an action changed.
        let edited = three.replace("\"read\"", "\"export\"");
        assert_ne!(edited, three);
        put(&store, 3, &edited);
        assert_eq!(status_of(&store, "d2"), Err(ChainBreak::Edited { seq: 3 }));
        put(&store, 3, &three);
        assert_eq!(status_of(&store, "d2"), Ok(6));

        // Reordered: two entries swap places.
        put(&store, 2, &three);
        put(&store, 3, &two);
        assert_eq!(
            status_of(&store, "d2"),
            Err(ChainBreak::Reordered {
                seq: 3,
                previous: 1
            })
        );
        put(&store, 2, &two);
        put(&store, 3, &three);

        // Removed: one in the middle, then the last one.
        store
            .conn
            .execute(
                "DELETE FROM audit_remote WHERE device = 'd2' AND seq = 4",
                [],
            )
            .unwrap();
        assert_eq!(
            status_of(&store, "d2"),
            Err(ChainBreak::Gap { after: 3, next: 5 })
        );
        store
            .conn
            .execute(
                "DELETE FROM audit_remote WHERE device = 'd2' AND seq >= 4",
                [],
            )
            .unwrap();
        assert_eq!(
            status_of(&store, "d2"),
            Err(ChainBreak::Truncated { expected: 6 })
        );
        // The other device's chain is untouched by all this.
        assert_eq!(status_of(&store, "d3"), Ok(3));
    }

    #[test]
    fn the_search_spans_every_device_by_client_period_and_action() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(&dir);
        let own = store
            .append_audit(event(Some("c1"), AuditAction::Export))
            .unwrap();
        store.receive_audit(&remote_chain("d2", 6)).unwrap();
        store.receive_audit(&remote_chain("d3", 4)).unwrap();
        let all_c1 = store
            .audit_search(&AuditFilter {
                client: Some("c1".into()),
                ..Default::default()
            })
            .unwrap();
        // d2: entries 1, 3, 5; d3: 1, 3 (09:00 and 11:00 each); this device's export (now).
        let found: Vec<(&str, u64)> = all_c1
            .iter()
            .map(|e| (e.event.device.as_str(), e.seq))
            .collect();
        assert_eq!(
            found,
            [
                ("d2", 1),
                ("d3", 1),
                ("d2", 3),
                ("d3", 3),
                ("d2", 5),
                ("d1", own.seq)
            ]
        );
        // A period and an action: reads of c1 from 10:00 to 12:00 (11:00 on both devices;
        // 13:00 is after the period, 09:00 before it and a write).
        let at = |h: u32| {
            chrono::DateTime::parse_from_rfc3339(&format!("2026-03-01T{h:02}:00:00Z"))
                .unwrap()
                .with_timezone(&Utc)
        };
        let reads = store
            .audit_search(&AuditFilter {
                client: Some("c1".into()),
                from: Some(at(10)),
                to: Some(at(12)),
                actions: vec![AuditAction::Read],
            })
            .unwrap();
        let found: Vec<(&str, u64)> = reads
            .iter()
            .map(|e| (e.event.device.as_str(), e.seq))
            .collect();
        assert_eq!(found, [("d2", 3), ("d3", 3)]);
        assert!(reads.iter().all(|e| e.event.action == AuditAction::Read));
        // A search column changed behind the chain's back does not fool the search.
        store
            .conn
            .execute(
                "UPDATE audit_remote SET client_id = 'c1' WHERE device = 'd2' AND seq = 2",
                [],
            )
            .unwrap();
        assert_eq!(
            store
                .audit_search(&AuditFilter {
                    client: Some("c1".into()),
                    ..Default::default()
                })
                .unwrap()
                .len(),
            6
        );
    }

    #[test]
    fn an_entry_edited_or_deleted_in_the_database_is_detected() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(&dir);
        for _ in 0..4 {
            store
                .append_audit(event(Some("c1"), AuditAction::Read))
                .unwrap();
        }
        let raw: String = store
            .conn
            .query_row("SELECT entry FROM audit_log WHERE seq = 2", [], |r| {
                r.get(0)
            })
            .unwrap();
        let edited = raw.replace("\"read\"", "\"write\"");
        assert_ne!(raw, edited);
        store
            .conn
            .execute("UPDATE audit_log SET entry = ?1 WHERE seq = 2", [&edited])
            .unwrap();
        assert_eq!(
            store.verify_audit().unwrap(),
            Err(ChainBreak::Edited { seq: 2 })
        );
        store
            .conn
            .execute("UPDATE audit_log SET entry = ?1 WHERE seq = 2", [&raw])
            .unwrap();
        store
            .conn
            .execute("DELETE FROM audit_log WHERE seq = 3", [])
            .unwrap();
        assert_eq!(
            store.verify_audit().unwrap(),
            Err(ChainBreak::Gap { after: 2, next: 4 })
        );
    }
}
