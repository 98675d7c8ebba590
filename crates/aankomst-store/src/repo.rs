//! Reading and writing records. Every write is one revision, validated field by field,
//! stored with the new materialised state and index rows in one transaction: after a
//! crash either all of it is there or none of it.

use crate::db::{Identity, Store};
use crate::error::StoreError;
use crate::sync::SealedRevision;
use aankomst_core::audit::{AuditAction, AuditEvent};
use aankomst_core::authority::{check_administration_revision, AdministrationOrigin, Delivered};
use aankomst_core::plan::Plan;
use aankomst_core::records::{
    view, Administration, Case, Client, ConsentRecord, Conversation, Household,
};
use aankomst_core::revision::RecordState;
use aankomst_core::sealing::{redact_sealed, SealingRule, SETTING_SEALED_INSTRUMENTS};
use aankomst_core::search::{normalise, terms};
use aankomst_core::validate::validate_field;
use aankomst_core::{Fields, Hlc, HlcClock, RecordKind, Revision};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::Value;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct StoredRecord {
    pub id: Uuid,
    pub kind: RecordKind,
    pub state: RecordState,
    pub created: Hlc,
    pub updated: Hlc,
}

/// Filters for the case list. Empty strings mean "any".
#[derive(Debug, Clone, Default)]
pub struct ClientQuery {
    pub text: String,
    pub status: String,
    pub country: String,
    pub location: String,
    /// Only cases assigned to this counsellor (compared trimmed, case-insensitively); empty
    /// for any.
    pub counsellor: String,
    pub limit: u32,
}

/// One row of the case list, read from the index tables alone.
#[derive(Debug, Clone)]
pub struct CaseIndexRow {
    pub client_id: Uuid,
    pub display_name: String,
    pub document_name: String,
    pub v_number: String,
    pub bsn: String,
    pub date_of_birth: String,
    pub country: String,
    pub location: String,
    pub case_id: Option<Uuid>,
    pub status: Option<String>,
    pub last_conversation: Option<String>,
    pub household_size: u32,
    /// The case's counsellor.
    pub counsellor: Option<String>,
}

fn parse_uuid(s: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(s).map_err(|_| StoreError::Decode)
}

impl Store {
    /// Writes a new record with its first fields.
    pub fn create_record(
        &mut self,
        kind: RecordKind,
        fields: Fields,
    ) -> Result<Revision, StoreError> {
        self.write(kind, Uuid::now_v7(), fields)
    }

    /// Writes one revision of a record (creating it if it does not exist yet). Each field
    /// is validated; the first refused field refuses the whole revision and nothing is
    /// written.
    pub fn write(
        &mut self,
        kind: RecordKind,
        record_id: Uuid,
        fields: Fields,
    ) -> Result<Revision, StoreError> {
        let tx = self.conn.transaction()?;
        let rev = write_in(
            &tx,
            &mut self.clock,
            &self.identity,
            kind,
            record_id,
            fields,
        )?;
        tx.commit()?;
        Ok(rev)
    }

    /// Writes one revision of a sealed administration: `seal` turns the whole revision into
    /// its envelope for the sealing recipient, which is stored for push in the same
    /// transaction; the revision itself is stored without its answers and safety
    /// acknowledgements ([`aankomst_core::sealing::redact_sealed`]). The readable answers are
    /// never written to the database. Returns the revision as stored (redacted).
    pub fn write_sealed(
        &mut self,
        kind: RecordKind,
        record_id: Uuid,
        fields: Fields,
        seal: SealAtWrite<'_>,
    ) -> Result<Revision, StoreError> {
        let tx = self.conn.transaction()?;
        let rev = write_in_sealing(
            &tx,
            &mut self.clock,
            &self.identity,
            kind,
            record_id,
            fields,
            Some(seal),
        )?;
        tx.commit()?;
        Ok(rev)
    }

    /// Takes in a revision written on another device (what sync delivers). Its fields must
    /// pass the same checks as local ones; the record's state is then computed again from
    /// all its revisions ([`aankomst_core::merge`]), so it does not depend on the order
    /// revisions arrive in, and same-field edits made concurrently are kept as conflicts.
    /// A revision already held changes nothing. Returns whether it was new.
    pub fn receive(&mut self, rev: &Revision) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        let rule = sealing_rule_in(&tx)?;
        let new = receive_in(&tx, rev, &Delivered::Unknown, &rule)?;
        tx.commit()?;
        if new {
            // Later local revisions sort after everything seen from other devices.
            self.clock.observe(&rev.hlc);
        }
        Ok(new)
    }

    /// [`Store::receive`] for many revisions in one transaction (one disk sync instead of one
    /// per revision; what a sync pull page uses). Each revision gets its own answer: a
    /// refused one (a field that fails its check, a record of another kind) changes nothing
    /// and does not stop the others. The outer error is a database failure: then nothing of
    /// the batch was written.
    pub fn receive_batch(
        &mut self,
        revs: &[Revision],
    ) -> Result<Vec<Result<bool, StoreError>>, StoreError> {
        let delivered = vec![Delivered::Unknown; revs.len()];
        self.receive_delivered(revs, &delivered)
    }

    /// [`Store::receive_batch`] knowing how each revision arrived (what sync uses): a revision
    /// of an administration is also checked against who may write which field and against
    /// the audience its definition gives it ([`aankomst_core::authority`]); a refusal is
    /// [`StoreError::Authority`] for that revision and changes nothing.
    pub fn receive_delivered(
        &mut self,
        revs: &[Revision],
        delivered: &[Delivered],
    ) -> Result<Vec<Result<bool, StoreError>>, StoreError> {
        let tx = self.conn.transaction()?;
        let rule = sealing_rule_in(&tx)?;
        let mut out = Vec::with_capacity(revs.len());
        for (rev, delivered) in revs.iter().zip(delivered) {
            match receive_in(&tx, rev, delivered, &rule) {
                Ok(new) => out.push(Ok(new)),
                Err(
                    e @ (StoreError::Field { .. }
                    | StoreError::WrongKind
                    | StoreError::Authority(_)),
                ) => out.push(Err(e)),
                Err(e) => return Err(e),
            }
        }
        tx.commit()?;
        for (rev, result) in revs.iter().zip(&out) {
            if matches!(result, Ok(true)) {
                self.clock.observe(&rev.hlc);
            }
        }
        Ok(out)
    }

    /// The client a record belongs to (see the audit trail), if any.
    pub fn client_of_record(&mut self, record_id: Uuid) -> Result<Option<Uuid>, StoreError> {
        let Some(record) = self.get(record_id)? else {
            return Ok(None);
        };
        let tx = self.conn.transaction()?;
        client_of(&tx, record.kind, record_id, &record.state.fields)
    }

    pub fn get(&self, record_id: Uuid) -> Result<Option<StoredRecord>, StoreError> {
        load(&self.conn, record_id)
    }

    /// A record that must exist and be of `kind`.
    pub fn get_kind(&self, kind: RecordKind, record_id: Uuid) -> Result<StoredRecord, StoreError> {
        match self.get(record_id)? {
            Some(r) if r.kind == kind => Ok(r),
            Some(_) => Err(StoreError::WrongKind),
            None => Err(StoreError::RecordNotFound),
        }
    }

    /// Every revision of a record, oldest first.
    pub fn revisions(&self, record_id: Uuid) -> Result<Vec<Revision>, StoreError> {
        revisions_in(&self.conn, record_id)
    }

    pub fn has_revision(&self, rev_id: Uuid) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM revisions WHERE rev_id = ?1",
                [rev_id.to_string()],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    pub fn revision_count(&self) -> Result<u64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM revisions", [], |r| r.get::<_, i64>(0))?
            as u64)
    }

    /// Clients matching the query, with their case (if any), most recently changed first.
    pub fn search_clients(&self, q: &ClientQuery) -> Result<Vec<CaseIndexRow>, StoreError> {
        let mut sql = String::from(
            "SELECT c.client_id, c.display_name, c.document_name, c.v_number, c.bsn, c.dob, c.country,
                    c.location_label, k.case_id, k.status,
                    (SELECT max(starts_at) FROM conversation_index v WHERE v.case_id = k.case_id),
                    (SELECT count(DISTINCT m2.client_id) FROM household_members m1
                       JOIN household_members m2 ON m2.household_id = m1.household_id
                      WHERE m1.client_id = c.client_id),
                    k.counsellor
             FROM client_index c
             LEFT JOIN case_index k ON k.client_id = c.client_id
             JOIN records r ON r.record_id = c.client_id
             WHERE 1 = 1",
        );
        let mut args: Vec<String> = Vec::new();
        for term in terms(&q.text) {
            let digits: String = term.chars().filter(|c| c.is_ascii_digit()).collect();
            args.push(format!("%{}%", escape_like(&term)));
            let n = args.len();
            sql.push_str(&format!(
                " AND (c.names LIKE ?{n} ESCAPE '\\' OR c.dob LIKE ?{n} ESCAPE '\\'"
            ));
            if digits.len() >= 3 && digits.len() == term.len() {
                args.push(format!("{}%", digits));
                let m = args.len();
                sql.push_str(&format!(" OR c.v_number LIKE ?{m} OR c.bsn LIKE ?{m}"));
            }
            sql.push(')');
        }
        if !q.status.is_empty() {
            if q.status == "none" {
                sql.push_str(" AND k.case_id IS NULL");
            } else {
                args.push(q.status.clone());
                sql.push_str(&format!(" AND k.status = ?{}", args.len()));
            }
        }
        if !q.country.is_empty() {
            args.push(q.country.clone());
            sql.push_str(&format!(" AND c.country = ?{}", args.len()));
        }
        if !q.counsellor.trim().is_empty() {
            args.push(q.counsellor.trim().to_lowercase());
            sql.push_str(&format!(" AND lower(trim(k.counsellor)) = ?{}", args.len()));
        }
        if !q.location.is_empty() {
            args.push(normalise(&q.location));
            sql.push_str(&format!(" AND c.location = ?{}", args.len()));
        }
        let limit = if q.limit == 0 {
            200
        } else {
            q.limit.min(5_000)
        };
        sql.push_str(&format!(" ORDER BY r.updated DESC LIMIT {limit}"));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok((
                r.get::<_, String>(0)?,
                CaseIndexRow {
                    client_id: Uuid::nil(),
                    display_name: r.get(1)?,
                    document_name: r.get(2)?,
                    v_number: r.get(3)?,
                    bsn: r.get(4)?,
                    date_of_birth: r.get(5)?,
                    country: r.get(6)?,
                    location: r.get(7)?,
                    case_id: None,
                    status: r.get(9)?,
                    last_conversation: r.get(10)?,
                    household_size: r.get::<_, i64>(11)?.max(1) as u32,
                    counsellor: r.get::<_, Option<String>>(12)?.filter(|c| !c.is_empty()),
                },
                r.get::<_, Option<String>>(8)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (client, mut hit, case) = row?;
            hit.client_id = parse_uuid(&client)?;
            hit.case_id = case.as_deref().map(parse_uuid).transpose()?;
            out.push(hit);
        }
        Ok(out)
    }

    /// Distinct countries and locations present, for the case list's filters. Locations
    /// are grouped by their normal form and shown as first entered.
    pub fn client_facets(&self) -> Result<(Vec<String>, Vec<String>), StoreError> {
        let countries = self.column_values(
            "SELECT DISTINCT country FROM client_index WHERE country != '' ORDER BY country",
        )?;
        let locations = self.column_values(
            "SELECT min(location_label) FROM client_index WHERE location != '' GROUP BY location ORDER BY location",
        )?;
        Ok((countries, locations))
    }

    fn column_values(&self, sql: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn cases_of_client(&self, client_id: Uuid) -> Result<Vec<Uuid>, StoreError> {
        self.ids(
            "SELECT case_id FROM case_index WHERE client_id = ?1 ORDER BY opened_on",
            client_id,
        )
    }

    pub fn conversations_of_case(&self, case_id: Uuid) -> Result<Vec<Uuid>, StoreError> {
        self.ids("SELECT conversation_id FROM conversation_index WHERE case_id = ?1 ORDER BY starts_at DESC", case_id)
    }

    /// Administrations started in a conversation, oldest first.
    pub fn administrations_of_conversation(
        &self,
        conversation_id: Uuid,
    ) -> Result<Vec<Uuid>, StoreError> {
        self.ids(
            "SELECT administration_id FROM administration_index WHERE conversation_id = ?1 ORDER BY started_at",
            conversation_id,
        )
    }

    /// Administrations of one client, oldest first, with their definition id.
    pub fn administrations_of_client(
        &self,
        client_id: Uuid,
    ) -> Result<Vec<(Uuid, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT administration_id, definition_id FROM administration_index
             WHERE client_id = ?1 ORDER BY started_at",
        )?;
        let rows = stmt.query_map([client_id.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        rows.map(|r| {
            let (id, definition) = r?;
            Ok((parse_uuid(&id)?, definition))
        })
        .collect()
    }

    /// Every stored record of a kind with its state, in storage order (for whole-store
    /// work such as re-scoring in a benchmark).
    pub fn for_each_of_kind(
        &self,
        kind: RecordKind,
        mut f: impl FnMut(Uuid, &RecordState),
    ) -> Result<u64, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT record_id, state FROM records WHERE kind = ?1")?;
        let mut rows = stmt.query([kind.as_str()])?;
        let mut n = 0;
        while let Some(row) = rows.next()? {
            let id = parse_uuid(&row.get::<_, String>(0)?)?;
            let state: RecordState = serde_json::from_str(&row.get::<_, String>(1)?)?;
            f(id, &state);
            n += 1;
        }
        Ok(n)
    }

    /// Each device that authored a stored revision, with the wall-clock time (ms) of its
    /// newest one: on a supervisor's synced store, when each device last made a change that
    /// has reached it.
    pub fn latest_revision_per_device(&self) -> Result<Vec<(String, u64)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT author_device, MAX(hlc) FROM revisions GROUP BY author_device",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let device: String = row.get(0)?;
            let hlc: String = row.get(1)?;
            if let Ok(h) = hlc.parse::<aankomst_core::Hlc>() {
                out.push((device, h.wall_ms));
            }
        }
        Ok(out)
    }

    /// Keeps an imported instrument pack (already checked by the caller) so it is loaded
    /// again at every unlock. Importing the same pack id again replaces it.
    pub fn save_instrument_pack(
        &self,
        pack_id: &str,
        imported_at: &str,
        content: &[u8],
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO instrument_packs (pack_id, imported_at, content) VALUES (?1, ?2, ?3)
             ON CONFLICT (pack_id) DO UPDATE SET imported_at = excluded.imported_at, content = excluded.content",
            params![pack_id, imported_at, content],
        )?;
        Ok(())
    }

    /// Imported packs, oldest first: (pack id, imported at, content).
    pub fn instrument_packs(&self) -> Result<Vec<(String, String, Vec<u8>)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT pack_id, imported_at, content FROM instrument_packs ORDER BY imported_at",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A client's consent decisions, in the order they were recorded.
    pub fn consents_of_client(&self, client_id: Uuid) -> Result<Vec<Uuid>, StoreError> {
        self.ids(
            "SELECT consent_id FROM consent_index WHERE client_id = ?1 ORDER BY recorded_at, consent_id",
            client_id,
        )
    }

    /// The PIP versions of a case, oldest first.
    pub fn plans_of_case(&self, case_id: Uuid) -> Result<Vec<Uuid>, StoreError> {
        self.ids(
            "SELECT plan_id FROM plan_index WHERE case_id = ?1 ORDER BY version, plan_id",
            case_id,
        )
    }

    pub fn households_of_client(&self, client_id: Uuid) -> Result<Vec<Uuid>, StoreError> {
        self.ids(
            "SELECT household_id FROM household_members WHERE client_id = ?1",
            client_id,
        )
    }

    fn ids(&self, sql: &str, key: Uuid) -> Result<Vec<Uuid>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([key.to_string()], |r| r.get::<_, String>(0))?;
        rows.map(|r| parse_uuid(&r?)).collect()
    }

    pub fn count_kind(&self, kind: RecordKind) -> Result<u64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM records WHERE kind = ?1",
            [kind.as_str()],
            |r| r.get::<_, i64>(0),
        )? as u64)
    }

    pub fn setting(&self, key: &str) -> Result<Option<Value>, StoreError> {
        let raw: Option<String> = self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(raw.map(|r| serde_json::from_str(&r)).transpose()?)
    }

    /// Which instruments are sealed and for whom: the default set plus what this profile's
    /// sealing setting adds ([`SealingRule`]).
    pub fn sealing_rule(&self) -> Result<SealingRule, StoreError> {
        sealing_rule_in(&self.conn)
    }

    /// What the first revision of an administration fixed (its creator, definition and
    /// seal), if this store holds one that is a valid first revision.
    pub fn administration_origin(
        &self,
        record_id: Uuid,
    ) -> Result<Option<AdministrationOrigin>, StoreError> {
        origin_in(&self.conn, record_id)
    }

    pub fn set_setting(&self, key: &str, value: &Value) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, serde_json::to_string(value)?],
        )?;
        Ok(())
    }

    /// Writes many records in one transaction (demo data, benchmarks): one revision each.
    pub fn write_batch(
        &mut self,
        records: impl IntoIterator<Item = (RecordKind, Uuid, Fields)>,
    ) -> Result<u64, StoreError> {
        let tx = self.conn.transaction()?;
        let mut n = 0;
        for (kind, id, fields) in records {
            write_in(&tx, &mut self.clock, &self.identity, kind, id, fields)?;
            n += 1;
        }
        tx.commit()?;
        Ok(n)
    }
}

pub(crate) fn sealing_rule_in(conn: &Connection) -> Result<SealingRule, StoreError> {
    let raw: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [SETTING_SEALED_INSTRUMENTS],
            |r| r.get(0),
        )
        .optional()?;
    let extra: Vec<String> = raw
        .and_then(|r| serde_json::from_str(&r).ok())
        .unwrap_or_default();
    // The active policy decides what is sealed; the profile's setting can only add to it.
    let policy = crate::policy::active_policy_in(conn)?;
    Ok(SealingRule::from_policy_and(&policy.policy, extra))
}

/// The origin of an administration: its first revision held (in arrival order).
pub(crate) fn origin_in(
    conn: &Connection,
    record_id: Uuid,
) -> Result<Option<AdministrationOrigin>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT rev_id, record_id, kind, parents, author_user, author_device, hlc, fields
         FROM revisions WHERE record_id = ?1 ORDER BY seq LIMIT 1",
    )?;
    let first = read_revisions(&mut stmt, [record_id.to_string()])?;
    Ok(first
        .first()
        .and_then(|r| AdministrationOrigin::of_first(r).ok()))
}

/// Checks a revision of an administration against its origin (see
/// [`aankomst_core::authority`]).
fn check_authority(
    conn: &Connection,
    rev: &Revision,
    delivered: &Delivered,
    rule: &SealingRule,
) -> Result<(), StoreError> {
    if rev.kind != RecordKind::Administration {
        return Ok(());
    }
    let origin = origin_in(conn, rev.record_id)?;
    check_administration_revision(origin.as_ref(), rev, rule, delivered)?;
    Ok(())
}

fn receive_in(
    tx: &Transaction<'_>,
    rev: &Revision,
    delivered: &Delivered,
    rule: &SealingRule,
) -> Result<bool, StoreError> {
    for (name, value) in &rev.fields {
        validate_field(rev.kind, name, value).map_err(|error| StoreError::Field {
            field: name.clone(),
            error,
        })?;
    }
    let known: bool = tx
        .query_row(
            "SELECT 1 FROM revisions WHERE rev_id = ?1",
            [rev.rev_id.to_string()],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if known {
        return Ok(false);
    }
    if let Some(existing) = load(tx, rev.record_id)? {
        if existing.kind != rev.kind {
            return Err(StoreError::WrongKind);
        }
    }
    check_authority(tx, rev, delivered, rule)?;
    insert_revision(tx, rev)?;
    let all = revisions_in(tx, rev.record_id)?;
    let state = RecordState::from_revisions(&all);
    let created = all
        .iter()
        .map(|r| &r.hlc)
        .min()
        .cloned()
        .unwrap_or(rev.hlc.clone());
    let updated = all
        .iter()
        .map(|r| &r.hlc)
        .max()
        .cloned()
        .unwrap_or(rev.hlc.clone());
    save_state(tx, rev.kind, rev.record_id, &state, &created, &updated)?;
    reindex(tx, rev.kind, rev.record_id, &state.fields)?;
    Ok(true)
}

fn write_in(
    tx: &Transaction<'_>,
    clock: &mut HlcClock,
    identity: &Identity,
    kind: RecordKind,
    record_id: Uuid,
    fields: Fields,
) -> Result<Revision, StoreError> {
    write_in_sealing(tx, clock, identity, kind, record_id, fields, None)
}

/// Seals the whole revision of a sealed administration into its envelope (called inside the
/// write's transaction, before anything of the revision is stored).
pub type SealAtWrite<'a> = &'a mut dyn FnMut(&Revision) -> Result<SealedRevision, StoreError>;

fn write_in_sealing(
    tx: &Transaction<'_>,
    clock: &mut HlcClock,
    identity: &Identity,
    kind: RecordKind,
    record_id: Uuid,
    fields: Fields,
    seal: Option<SealAtWrite<'_>>,
) -> Result<Revision, StoreError> {
    let mut clean = Fields::new();
    for (name, value) in fields {
        let value = validate_field(kind, &name, &value).map_err(|error| StoreError::Field {
            field: name.clone(),
            error,
        })?;
        clean.insert(name, value);
    }
    let hlc = clock.tick(Store::now_ms());
    let (mut state, created) = match load(tx, record_id)? {
        Some(r) if r.kind != kind => return Err(StoreError::WrongKind),
        Some(r) => (r.state, r.created),
        None => (RecordState::default(), hlc.clone()),
    };
    let rev = Revision {
        rev_id: Uuid::now_v7(),
        record_id,
        kind,
        parents: state.heads.clone(),
        author_user: identity.user.clone(),
        author_device: identity.device.clone(),
        hlc: hlc.clone(),
        fields: clean,
    };
    if kind == RecordKind::Administration {
        check_authority(tx, &rev, &Delivered::Unknown, &sealing_rule_in(tx)?)?;
    }
    // A sealed administration: the whole revision goes into its envelope, and this store
    // keeps the revision without its answers (DESIGN §4.14).
    let rev = match seal {
        Some(seal) => {
            let sealed = seal(&rev)?;
            if sealed.rev_id != rev.rev_id {
                return Err(StoreError::SealingFailed);
            }
            crate::sync::insert_sealed(tx, &sealed, Store::now_ms())?;
            Revision {
                fields: redact_sealed(&rev.fields),
                ..rev
            }
        }
        None => rev,
    };
    state.apply(&rev);
    insert_revision(tx, &rev)?;
    save_state(tx, kind, record_id, &state, &created, &hlc)?;
    reindex(tx, kind, record_id, &state.fields)?;
    let client = client_of(tx, kind, record_id, &state.fields)?;
    crate::audit::append_in(
        tx,
        AuditEvent {
            at: chrono::DateTime::from_timestamp_millis(hlc.wall_ms as i64).unwrap_or_default(),
            user: identity.user.clone(),
            device: identity.device.clone(),
            client: client.map(|c| c.to_string()),
            action: AuditAction::Write,
            object: format!("{}:{record_id}", kind.as_str()),
            on_behalf_of: None,
        },
    )?;
    Ok(rev)
}

/// The client a record belongs to, for the audit trail: the client itself, or the one its
/// `client_id` field names, or the client of the case its `case_id` field (or its
/// conversation's) names. Households
/// (several clients) and settings-like records have none.
fn client_of(
    tx: &Transaction<'_>,
    kind: RecordKind,
    record_id: Uuid,
    fields: &Fields,
) -> Result<Option<Uuid>, StoreError> {
    if kind == RecordKind::Client {
        return Ok(Some(record_id));
    }
    let named = |name: &str| {
        fields
            .get(name)
            .and_then(Value::as_str)
            .and_then(|id| Uuid::parse_str(id).ok())
    };
    if let Some(client) = named("client_id") {
        return Ok(Some(client));
    }
    let case = match (named("case_id"), named("conversation_id")) {
        (Some(case), _) => case,
        (None, Some(conversation)) => {
            let case: Option<String> = tx
                .query_row(
                    "SELECT case_id FROM conversation_index WHERE conversation_id = ?1",
                    [conversation.to_string()],
                    |r| r.get(0),
                )
                .optional()?;
            match case.and_then(|c| Uuid::parse_str(&c).ok()) {
                Some(case) => case,
                None => return Ok(None),
            }
        }
        (None, None) => return Ok(None),
    };
    let client: Option<String> = tx
        .query_row(
            "SELECT client_id FROM case_index WHERE case_id = ?1",
            [case.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    Ok(client.and_then(|c| Uuid::parse_str(&c).ok()))
}

fn insert_revision(tx: &Transaction<'_>, rev: &Revision) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO revisions (rev_id, record_id, kind, parents, author_user, author_device, hlc, fields)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            rev.rev_id.to_string(),
            rev.record_id.to_string(),
            rev.kind.as_str(),
            serde_json::to_string(&rev.parents)?,
            rev.author_user,
            rev.author_device,
            rev.hlc.to_string(),
            serde_json::to_string(&rev.fields)?,
        ],
    )?;
    Ok(())
}

pub(crate) fn save_state(
    tx: &Transaction<'_>,
    kind: RecordKind,
    record_id: Uuid,
    state: &RecordState,
    created: &Hlc,
    updated: &Hlc,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO records (record_id, kind, state, created, updated) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (record_id) DO UPDATE SET state = excluded.state, updated = excluded.updated",
        params![
            record_id.to_string(),
            kind.as_str(),
            serde_json::to_string(state)?,
            created.to_string(),
            updated.to_string()
        ],
    )?;
    Ok(())
}

pub(crate) fn revisions_in(
    conn: &Connection,
    record_id: Uuid,
) -> Result<Vec<Revision>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT rev_id, record_id, kind, parents, author_user, author_device, hlc, fields
         FROM revisions WHERE record_id = ?1 ORDER BY seq",
    )?;
    read_revisions(&mut stmt, [record_id.to_string()])
}

/// Decodes the revisions a statement returns that selects, in this order: rev_id, record_id,
/// kind, parents, author_user, author_device, hlc, fields.
pub(crate) fn read_revisions(
    stmt: &mut rusqlite::Statement<'_>,
    params: impl rusqlite::Params,
) -> Result<Vec<Revision>, StoreError> {
    let rows = stmt.query_map(params, |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (rev_id, rec, kind, parents, user, device, hlc, fields) = row?;
        out.push(Revision {
            rev_id: parse_uuid(&rev_id)?,
            record_id: parse_uuid(&rec)?,
            kind: RecordKind::parse(&kind).ok_or(StoreError::Decode)?,
            parents: serde_json::from_str(&parents)?,
            author_user: user,
            author_device: device,
            hlc: hlc.parse().map_err(|_| StoreError::Decode)?,
            fields: serde_json::from_str(&fields)?,
        });
    }
    Ok(out)
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

pub(crate) fn load(conn: &Connection, record_id: Uuid) -> Result<Option<StoredRecord>, StoreError> {
    let row: Option<(String, String, String, String)> = conn
        .query_row(
            "SELECT kind, state, created, updated FROM records WHERE record_id = ?1",
            [record_id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    row.map(|(kind, state, created, updated)| {
        Ok(StoredRecord {
            id: record_id,
            kind: RecordKind::parse(&kind).ok_or(StoreError::Decode)?,
            state: serde_json::from_str(&state)?,
            created: created.parse().map_err(|_| StoreError::Decode)?,
            updated: updated.parse().map_err(|_| StoreError::Decode)?,
        })
    })
    .transpose()
}

fn reindex(
    tx: &Transaction<'_>,
    kind: RecordKind,
    id: Uuid,
    fields: &Fields,
) -> Result<(), StoreError> {
    let id_s = id.to_string();
    match kind {
        RecordKind::Client => {
            let c: Client = view(fields);
            let names = normalise(&format!(
                "{} {} {} {}",
                c.document_given_names.as_deref().unwrap_or(""),
                c.document_family_name.as_deref().unwrap_or(""),
                c.preferred_name.as_deref().unwrap_or(""),
                c.other_spellings.as_deref().unwrap_or("")
            ));
            tx.execute(
                "INSERT OR REPLACE INTO client_index
                   (client_id, names, display_name, document_name, v_number, bsn, dob, country, location, location_label)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    id_s,
                    names,
                    c.display_name(),
                    c.document_name(),
                    c.v_number.clone().unwrap_or_default(),
                    c.bsn.unwrap_or_default(),
                    c.date_of_birth.map(|d| d.to_string()).unwrap_or_default(),
                    c.country_of_origin.clone().unwrap_or_default(),
                    normalise(c.azc_location.as_deref().unwrap_or("")),
                    c.azc_location.as_deref().unwrap_or("").trim(),
                ],
            )?;
        }
        RecordKind::Case => {
            let c: Case = view(fields);
            tx.execute(
                "INSERT OR REPLACE INTO case_index (case_id, client_id, status, counsellor, opened_on) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    id_s,
                    c.client_id.unwrap_or_default(),
                    c.status.unwrap_or_default(),
                    c.counsellor.unwrap_or_default(),
                    c.opened_on.unwrap_or_default()
                ],
            )?;
        }
        RecordKind::Conversation => {
            let c: Conversation = view(fields);
            tx.execute(
                "INSERT OR REPLACE INTO conversation_index (conversation_id, case_id, starts_at) VALUES (?1, ?2, ?3)",
                params![id_s, c.case_id.unwrap_or_default(), c.starts_at.unwrap_or_default()],
            )?;
        }
        RecordKind::Administration => {
            let a: Administration = view(fields);
            tx.execute(
                "INSERT OR REPLACE INTO administration_index
                   (administration_id, conversation_id, case_id, client_id, definition_id, status, sealed, started_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    id_s,
                    a.conversation_id.clone().unwrap_or_default(),
                    a.case_id.clone().unwrap_or_default(),
                    a.client_id.clone().unwrap_or_default(),
                    a.definition_id.clone().unwrap_or_default(),
                    a.status.clone().unwrap_or_default(),
                    a.is_sealed(),
                    a.started_at.unwrap_or_default(),
                ],
            )?;
        }
        RecordKind::Consent => {
            let c: ConsentRecord = view(fields);
            tx.execute(
                "INSERT OR REPLACE INTO consent_index (consent_id, client_id, recorded_at) VALUES (?1, ?2, ?3)",
                params![id_s, c.client_id.unwrap_or_default(), c.recorded_at.unwrap_or_default()],
            )?;
        }
        RecordKind::Plan => {
            let p: Plan = view(fields);
            tx.execute(
                "INSERT OR REPLACE INTO plan_index (plan_id, case_id, version) VALUES (?1, ?2, ?3)",
                params![
                    id_s,
                    p.case_id.unwrap_or_default(),
                    p.version.unwrap_or_default()
                ],
            )?;
        }
        RecordKind::Household => {
            let h: Household = view(fields);
            tx.execute(
                "DELETE FROM household_members WHERE household_id = ?1",
                [&id_s],
            )?;
            for m in h.members {
                tx.execute(
                    "INSERT OR IGNORE INTO household_members (household_id, client_id) VALUES (?1, ?2)",
                    params![id_s, m.client_id],
                )?;
            }
        }
    }
    Ok(())
}
