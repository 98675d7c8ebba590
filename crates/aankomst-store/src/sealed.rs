//! Sealed administrations (the K10 for the GGD): once every revision of a completed one sits in
//! an envelope the server has receipted, this device forgets its answers. The envelopes,
//! wrapped for the sealing recipient and the recovery key only, stay with their receipts; the
//! counsellor's device can no longer read what the client answered (DESIGN §4.6).
//!
//! Since answers are sealed when they are written ([`Store::write_sealed`], DESIGN §4.14), what
//! is here is for stores written before that: [`Store::own_unsealed_sealed_revisions`] finds
//! what is still to seal, and [`Store::forget_sealed_answers`] drops the readable copy of every
//! revision that sits in an envelope, sent or not.

use crate::repo::{load, origin_in, read_revisions, revisions_in, save_state, sealing_rule_in};
use crate::{Store, StoreError};
use aankomst_core::revision::RecordState;
use aankomst_core::sealing::{holds_sealed_content, redact_sealed};
use aankomst_core::validate::{ANSWER_PREFIX, SAFETY_ACK_PREFIX};
use aankomst_core::Revision;
use rusqlite::params;
use uuid::Uuid;

impl Store {
    /// Forgets the answers of every completed or abandoned sealed administration whose
    /// revisions all hold a server receipt. Returns how many were forgotten. Freed pages are
    /// overwritten (`secure_delete`), so the answers are not left in the file's free space.
    pub fn forget_receipted_sealed(&mut self) -> Result<u32, StoreError> {
        let candidates: Vec<String> = {
            let mut stmt = self.conn.prepare(
                "SELECT a.administration_id FROM administration_index a
                 WHERE a.sealed = 1 AND a.status IN ('completed', 'abandoned')
                   AND EXISTS (SELECT 1 FROM revisions r WHERE r.record_id = a.administration_id
                               AND r.fields LIKE '%\"answer/%')
                   AND NOT EXISTS (
                       SELECT 1 FROM revisions r
                       LEFT JOIN sync_envelopes e ON e.rev_id = r.rev_id
                       WHERE r.record_id = a.administration_id AND e.receipt IS NULL)",
            )?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        if candidates.is_empty() {
            return Ok(0);
        }
        self.conn.pragma_update(None, "secure_delete", true)?;
        let tx = self.conn.transaction()?;
        for id in &candidates {
            let record_id = Uuid::parse_str(id).map_err(|_| StoreError::Decode)?;
            let mut revisions = revisions_in(&tx, record_id)?;
            for rev in &mut revisions {
                rev.fields.retain(|name, _| {
                    !name.starts_with(ANSWER_PREFIX) && !name.starts_with(SAFETY_ACK_PREFIX)
                });
                tx.execute(
                    "UPDATE revisions SET fields = ?2 WHERE rev_id = ?1",
                    params![rev.rev_id.to_string(), serde_json::to_string(&rev.fields)?],
                )?;
            }
            let stored = load(&tx, record_id)?.ok_or(StoreError::RecordNotFound)?;
            let state = RecordState::from_revisions(&revisions);
            save_state(
                &tx,
                stored.kind,
                record_id,
                &state,
                &stored.created,
                &stored.updated,
            )?;
        }
        tx.commit()?;
        // A checkpoint moves the rewritten pages out of the WAL into the (encrypted) file.
        self.checkpoint()?;
        tracing::info!(
            count = candidates.len(),
            "answers of receipted sealed administrations forgotten"
        );
        Ok(candidates.len() as u32)
    }

    /// The sealed administrations this store holds (by their origin and the sealing rule,
    /// DESIGN §4.12), each with its recipient.
    fn sealed_administrations(&self) -> Result<Vec<(Uuid, String)>, StoreError> {
        let rule = sealing_rule_in(&self.conn)?;
        let ids: Vec<String> = {
            let mut stmt = self
                .conn
                .prepare("SELECT administration_id FROM administration_index")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        let mut out = Vec::new();
        for id in ids {
            let id = Uuid::parse_str(&id).map_err(|_| StoreError::Decode)?;
            if let Some(origin) = origin_in(&self.conn, id)? {
                if let Some(recipient) = origin.sealed_for(&rule) {
                    out.push((id, recipient.to_owned()));
                }
            }
        }
        Ok(out)
    }

    /// This device's revisions of sealed administrations that have no envelope yet (written
    /// before answers were sealed at write time), each with its recipient, oldest first.
    pub fn own_unsealed_sealed_revisions(&self) -> Result<Vec<(Revision, String)>, StoreError> {
        let mut out = Vec::new();
        for (id, recipient) in self.sealed_administrations()? {
            let mut stmt = self.conn.prepare_cached(
                "SELECT r.rev_id, r.record_id, r.kind, r.parents, r.author_user, r.author_device,
                        r.hlc, r.fields
                 FROM revisions r
                 WHERE r.record_id = ?1 AND r.author_device = ?2
                   AND NOT EXISTS (SELECT 1 FROM sync_envelopes s WHERE s.rev_id = r.rev_id)
                 ORDER BY r.seq",
            )?;
            for rev in read_revisions(&mut stmt, params![id.to_string(), self.identity.device])? {
                out.push((rev, recipient.clone()));
            }
        }
        Ok(out)
    }

    /// Drops the readable answers and safety acknowledgements of every revision of a sealed
    /// administration that sits in an envelope (receipted or not), keeping that each item was
    /// answered ([`redact_sealed`]). Returns how many revisions changed. Freed pages are
    /// overwritten (`secure_delete`) and the WAL is checkpointed.
    pub fn forget_sealed_answers(&mut self) -> Result<u32, StoreError> {
        let mut changed = 0u32;
        let administrations = self.sealed_administrations()?;
        if administrations.is_empty() {
            return Ok(0);
        }
        self.conn.pragma_update(None, "secure_delete", true)?;
        let tx = self.conn.transaction()?;
        for (id, _) in &administrations {
            let sealed: std::collections::HashSet<String> = {
                let mut stmt = tx.prepare_cached(
                    "SELECT r.rev_id FROM revisions r JOIN sync_envelopes e ON e.rev_id = r.rev_id
                     WHERE r.record_id = ?1",
                )?;
                let rows = stmt.query_map([id.to_string()], |r| r.get(0))?;
                rows.collect::<Result<_, _>>()?
            };
            let mut revisions = revisions_in(&tx, *id)?;
            let mut touched = false;
            for rev in &mut revisions {
                if !sealed.contains(&rev.rev_id.to_string()) || !holds_sealed_content(&rev.fields) {
                    continue;
                }
                rev.fields = redact_sealed(&rev.fields);
                tx.execute(
                    "UPDATE revisions SET fields = ?2 WHERE rev_id = ?1",
                    params![rev.rev_id.to_string(), serde_json::to_string(&rev.fields)?],
                )?;
                changed += 1;
                touched = true;
            }
            if touched {
                let stored = load(&tx, *id)?.ok_or(StoreError::RecordNotFound)?;
                let state = RecordState::from_revisions(&revisions);
                save_state(
                    &tx,
                    stored.kind,
                    *id,
                    &state,
                    &stored.created,
                    &stored.updated,
                )?;
            }
        }
        tx.commit()?;
        if changed > 0 {
            self.checkpoint()?;
            tracing::info!(
                revisions = changed,
                "readable answers of sealed administrations forgotten"
            );
        }
        Ok(changed)
    }

    /// Every value of every table, as bytes: what anyone holding this store's key can read
    /// through SQL. For tests and audits that look for planted markers (the raw files are
    /// encrypted by SQLCipher, so a marker can only ever be found here).
    pub fn readable_content(&self) -> Result<Vec<u8>, StoreError> {
        let tables: Vec<String> = {
            let mut stmt = self
                .conn
                .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        let mut out = Vec::new();
        for table in tables {
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT * FROM \"{}\"", table.replace('"', "\"\"")))?;
            let columns = stmt.column_count();
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                for i in 0..columns {
                    match row.get_ref(i)? {
                        rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                            out.extend_from_slice(t)
                        }
                        rusqlite::types::ValueRef::Integer(n) => {
                            out.extend_from_slice(n.to_string().as_bytes())
                        }
                        rusqlite::types::ValueRef::Real(f) => {
                            out.extend_from_slice(f.to_string().as_bytes())
                        }
                        rusqlite::types::ValueRef::Null => {}
                    }
                    out.push(0);
                }
            }
        }
        Ok(out)
    }
}
