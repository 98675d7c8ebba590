//! Sealed administrations (the K10 for the GGD): once every revision of a completed one sits in
//! an envelope the server has receipted, this device forgets its answers. The envelopes,
//! wrapped for the sealing recipient and the recovery key only, stay with their receipts; the
//! counsellor's device can no longer read what the client answered (DESIGN §4.6).

use crate::repo::{load, revisions_in, save_state};
use crate::{Store, StoreError};
use aankomst_core::revision::RecordState;
use aankomst_core::validate::{ANSWER_PREFIX, SAFETY_ACK_PREFIX};
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
}
