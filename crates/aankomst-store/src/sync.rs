//! What sync (the `aankomst-sync` crate) keeps in the encrypted store: the envelope sealed for
//! each of this device's revisions until its receipt arrives, a ledger of what went and came,
//! and its state (enrolment, keys, pins, pull cursor, last check-in). Everything here is inside
//! the SQLCipher database, like the revisions themselves.

use crate::db::Store;
use crate::error::StoreError;
use crate::repo::read_revisions;
use aankomst_core::{RecordKind, Revision};
use rusqlite::{params, OptionalExtension};
use uuid::Uuid;

/// An envelope sealed for one of this device's revisions, to be stored before it is pushed.
#[derive(Debug, Clone)]
pub struct SealedRevision {
    /// The revision it carries.
    pub rev_id: Uuid,
    /// Its envelope id (base64url).
    pub envelope_id: String,
    /// The record kind (for the ledger).
    pub record_kind: RecordKind,
    /// `team` or `sealed:<name>`.
    pub audience: String,
    /// The envelope's JSON, exactly as it is pushed.
    pub envelope: Vec<u8>,
}

/// A sealed envelope still waiting for its receipt.
#[derive(Debug, Clone)]
pub struct PendingEnvelope {
    /// The revision it carries.
    pub rev_id: Uuid,
    /// Its envelope id (base64url).
    pub envelope_id: String,
    /// The record kind.
    pub record_kind: RecordKind,
    /// The envelope's JSON.
    pub envelope: Vec<u8>,
}

/// A verified receipt to store beside its envelope.
#[derive(Debug, Clone)]
pub struct SyncReceiptRow {
    /// The envelope id (base64url).
    pub envelope_id: String,
    /// The receipt's JSON.
    pub receipt: Vec<u8>,
    /// The tenant sequence the server gave the envelope.
    pub server_sequence: u64,
}

/// One line of the sync ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerEntry {
    /// When this device recorded it, ms since the epoch.
    pub at_ms: u64,
    /// `pushed` or `pulled`.
    pub direction: String,
    /// `receipted` (pushed), `applied`, `already_held`, `sealed_not_for_this_device`,
    /// `own_envelope` or `refused` (pulled).
    pub outcome: String,
    /// The envelope id (base64url): the receipt's subject.
    pub envelope_id: String,
    /// The revision, when this device knows it.
    pub rev_id: Option<Uuid>,
    /// The record kind as the envelope states it.
    pub record_kind: String,
    /// The tenant sequence (the receipt's, or the pull cursor's).
    pub server_sequence: u64,
    /// Envelope size in bytes.
    pub bytes: u64,
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn parse_uuid(s: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(s).map_err(|_| StoreError::Decode)
}

/// Stores one sealed envelope (before it is pushed), inside the caller's transaction.
pub(crate) fn insert_sealed(
    tx: &rusqlite::Transaction<'_>,
    s: &SealedRevision,
    now_ms: u64,
) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO sync_envelopes (rev_id, envelope_id, record_kind, audience, envelope, sealed_at_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    stmt.execute(params![
        s.rev_id.to_string(),
        s.envelope_id,
        s.record_kind.as_str(),
        s.audience,
        s.envelope,
        to_i64(now_ms)
    ])?;
    Ok(())
}

impl Store {
    /// A sync state value (JSON text), if set.
    pub fn sync_state(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM sync_state WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Sets several sync state values in one transaction.
    pub fn set_sync_state(&mut self, values: &[(&str, &str)]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        for (key, value) in values {
            tx.execute(
                "INSERT INTO sync_state (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// This device's own revisions that have no envelope yet, oldest first, at most `limit`.
    pub fn unsealed_own_revisions(&self, limit: usize) -> Result<Vec<Revision>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.rev_id, r.record_id, r.kind, r.parents, r.author_user, r.author_device,
                    r.hlc, r.fields
             FROM revisions r
             WHERE r.author_device = ?1
               AND NOT EXISTS (SELECT 1 FROM sync_envelopes s WHERE s.rev_id = r.rev_id)
             ORDER BY r.seq LIMIT ?2",
        )?;
        read_revisions(
            &mut stmt,
            params![self.identity.device, to_i64(limit as u64)],
        )
    }

    /// Stores freshly sealed envelopes (before they are pushed), in one transaction.
    pub fn save_sealed(
        &mut self,
        sealed: &[SealedRevision],
        now_ms: u64,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        for s in sealed {
            insert_sealed(&tx, s, now_ms)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Sealed envelopes without a receipt, in the order they were sealed, at most `limit`.
    pub fn unreceipted_envelopes(&self, limit: usize) -> Result<Vec<PendingEnvelope>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT rev_id, envelope_id, record_kind, envelope FROM sync_envelopes
             WHERE receipt IS NULL ORDER BY sealed_at_ms, rowid LIMIT ?1",
        )?;
        let rows = stmt.query_map([to_i64(limit as u64)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Vec<u8>>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (rev_id, envelope_id, kind, envelope) = row?;
            out.push(PendingEnvelope {
                rev_id: parse_uuid(&rev_id)?,
                envelope_id,
                record_kind: RecordKind::parse(&kind).ok_or(StoreError::Decode)?,
                envelope,
            });
        }
        Ok(out)
    }

    /// How many of this device's revisions are not yet receipted (sealed or not).
    pub fn unsynced_count(&self) -> Result<u64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM revisions r WHERE r.author_device = ?1
                       AND NOT EXISTS (SELECT 1 FROM sync_envelopes s WHERE s.rev_id = r.rev_id))
                  + (SELECT count(*) FROM sync_envelopes WHERE receipt IS NULL)",
            [&self.identity.device],
            |r| r.get::<_, i64>(0),
        )? as u64)
    }

    /// Stores verified receipts beside their envelopes and writes the ledger, in one
    /// transaction: only now are those revisions synced.
    pub fn save_receipts(
        &mut self,
        receipts: &[SyncReceiptRow],
        now_ms: u64,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        {
            let mut update = tx.prepare_cached(
                "UPDATE sync_envelopes SET receipt = ?2, server_sequence = ?3
                 WHERE envelope_id = ?1 RETURNING rev_id, record_kind, length(envelope)",
            )?;
            let mut ledger = tx.prepare_cached(
                "INSERT OR IGNORE INTO sync_ledger
                 (at_ms, direction, outcome, envelope_id, rev_id, record_kind, server_sequence, bytes)
                 VALUES (?1, 'pushed', 'receipted', ?2, ?3, ?4, ?5, ?6)",
            )?;
            for r in receipts {
                let (rev_id, kind, bytes): (String, String, i64) = update.query_row(
                    params![r.envelope_id, r.receipt, to_i64(r.server_sequence)],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                )?;
                ledger.execute(params![
                    to_i64(now_ms),
                    r.envelope_id,
                    rev_id,
                    kind,
                    to_i64(r.server_sequence),
                    bytes
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The receipt stored for a revision's envelope, if any.
    pub fn sync_receipt(&self, rev_id: Uuid) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT receipt FROM sync_envelopes WHERE rev_id = ?1",
                [rev_id.to_string()],
                |r| r.get::<_, Option<Vec<u8>>>(0),
            )
            .optional()?
            .flatten())
    }

    /// The audience (`team`, `sealed:<recipient>`) a revision's envelope was sealed for, if it
    /// was sealed.
    pub fn sync_envelope_audience(&self, rev_id: Uuid) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT audience FROM sync_envelopes WHERE rev_id = ?1",
                [rev_id.to_string()],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Records what a pull page brought and moves the pull cursor, in one transaction.
    pub fn record_pulled(
        &mut self,
        entries: &[LedgerEntry],
        cursor_key: &str,
        cursor: u64,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        {
            let mut ledger = tx.prepare_cached(
                "INSERT OR IGNORE INTO sync_ledger
                 (at_ms, direction, outcome, envelope_id, rev_id, record_kind, server_sequence, bytes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for e in entries {
                ledger.execute(params![
                    to_i64(e.at_ms),
                    e.direction,
                    e.outcome,
                    e.envelope_id,
                    e.rev_id.map(|r| r.to_string()),
                    e.record_kind,
                    to_i64(e.server_sequence),
                    to_i64(e.bytes)
                ])?;
            }
            tx.execute(
                "INSERT INTO sync_state (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![cursor_key, cursor.to_string()],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The newest ledger lines first, at most `limit`.
    pub fn sync_ledger(&self, limit: usize) -> Result<Vec<LedgerEntry>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at_ms, direction, outcome, envelope_id, rev_id, record_kind, server_sequence, bytes
             FROM sync_ledger ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([to_i64(limit as u64)], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, i64>(6)?,
                r.get::<_, i64>(7)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (at, direction, outcome, envelope_id, rev_id, kind, seq, bytes) = row?;
            out.push(LedgerEntry {
                at_ms: at as u64,
                direction,
                outcome,
                envelope_id,
                rev_id: rev_id.as_deref().map(parse_uuid).transpose()?,
                record_kind: kind,
                server_sequence: seq as u64,
                bytes: bytes as u64,
            });
        }
        Ok(out)
    }

    /// Closes the database; the caller may then delete its files.
    pub fn close(self) -> Result<(), StoreError> {
        self.conn.close().map_err(|(_, e)| StoreError::from(e))
    }
}
