//! The audit trail's storage: this device's hash chain, appended one entry at a time and
//! never updated in place. The chain logic is in `aankomst_core::audit`.

use aankomst_core::audit::{next_entry, verify_chain, AuditEntry, AuditEvent, ChainBreak};
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
