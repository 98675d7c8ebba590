//! The embedded backend: one SQLite file (through the workspace's rusqlite with bundled
//! SQLCipher, unkeyed, so it behaves as plain SQLite), WAL mode, one connection behind a mutex.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use rusqlite_migration::{Migrations, M};

use super::{
    DeviceRow, DeviceStatus, EnrolRefusal, GrantRequestRow, NewEnvelope, Storage, StorageError,
    Stored, TenantRow, TrustKind,
};
use crate::protocol::{AuditFlag, AuditFlagKind, Role};

const MIGRATIONS: &[M<'static>] = &[
    M::up(
        r#"
CREATE TABLE tenants (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    root_public_key BLOB NOT NULL,
    recipient_list_json TEXT
) STRICT;
CREATE TABLE devices (
    tenant TEXT NOT NULL REFERENCES tenants(id),
    device_id TEXT NOT NULL,
    public_key BLOB NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('counsellor', 'supervisor')),
    status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
    enrolled_at_ms INTEGER NOT NULL,
    PRIMARY KEY (tenant, device_id)
) STRICT;
CREATE TABLE enrolment_codes (
    code_hash BLOB PRIMARY KEY NOT NULL,
    tenant TEXT NOT NULL REFERENCES tenants(id),
    role TEXT NOT NULL CHECK (role IN ('counsellor', 'supervisor')),
    expires_at_ms INTEGER NOT NULL,
    used_at_ms INTEGER,
    used_by_device TEXT
) STRICT;
CREATE TABLE envelopes (
    tenant TEXT NOT NULL REFERENCES tenants(id),
    seq INTEGER NOT NULL,
    envelope_id BLOB NOT NULL,
    author_device TEXT NOT NULL,
    record_id TEXT NOT NULL,
    size INTEGER NOT NULL,
    received_at_ms INTEGER NOT NULL,
    body BLOB NOT NULL,
    PRIMARY KEY (tenant, seq),
    UNIQUE (tenant, envelope_id)
) STRICT;
CREATE TABLE request_nonces (
    tenant TEXT NOT NULL,
    device_id TEXT NOT NULL,
    nonce BLOB NOT NULL,
    expires_at_ms INTEGER NOT NULL,
    PRIMARY KEY (tenant, device_id, nonce)
) STRICT;
CREATE INDEX request_nonces_expiry ON request_nonces (expires_at_ms);
"#,
    ),
    // Team-key grants relayed from a supervisor device to a newly enrolled one.
    M::up(
        r#"
CREATE TABLE grant_requests (
    tenant TEXT NOT NULL,
    device_id TEXT NOT NULL,
    grant_public_key BLOB NOT NULL,
    signature BLOB NOT NULL,
    PRIMARY KEY (tenant, device_id),
    FOREIGN KEY (tenant, device_id) REFERENCES devices(tenant, device_id)
) STRICT;
CREATE TABLE grants (
    tenant TEXT NOT NULL,
    device_id TEXT NOT NULL,
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at_ms INTEGER NOT NULL,
    grant_json TEXT NOT NULL,
    FOREIGN KEY (tenant, device_id) REFERENCES devices(tenant, device_id)
) STRICT;
CREATE INDEX grants_by_device ON grants (tenant, device_id, id);
"#,
    ),
    // Device management from a supervisor's app: last contact and the time of revocation.
    M::up(
        r#"
ALTER TABLE devices ADD COLUMN last_contact_ms INTEGER;
ALTER TABLE devices ADD COLUMN revoked_at_ms INTEGER;
ALTER TABLE devices ADD COLUMN label TEXT;
ALTER TABLE enrolment_codes ADD COLUMN label TEXT;
"#,
    ),
    // Grants per device and team key generation (a rotation makes every device pending
    // again), and each device's audit chain high-water mark with the flags raised on it.
    M::up(
        r#"
ALTER TABLE grants ADD COLUMN generation INTEGER;
UPDATE grants SET generation = json_extract(grant_json, '$.team_generation');
CREATE INDEX grants_by_generation ON grants (tenant, device_id, generation);
CREATE TABLE audit_heads (
    tenant TEXT NOT NULL,
    device_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL,
    updated_at_ms INTEGER NOT NULL,
    PRIMARY KEY (tenant, device_id),
    FOREIGN KEY (tenant, device_id) REFERENCES devices(tenant, device_id)
) STRICT;
CREATE TABLE audit_flags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant TEXT NOT NULL,
    device_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('regression', 'fork')),
    seen_seq INTEGER NOT NULL,
    seen_hash TEXT NOT NULL,
    claimed_seq INTEGER NOT NULL,
    claimed_hash TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    FOREIGN KEY (tenant, device_id) REFERENCES devices(tenant, device_id)
) STRICT;
CREATE INDEX audit_flags_by_tenant ON audit_flags (tenant, id);
"#,
    ),
    // Device certificates and statements (revocations, role changes) the server admitted under
    // the tenant's root key, in arrival order (DESIGN §4.11).
    M::up(
        r#"
CREATE TABLE trust_documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant TEXT NOT NULL REFERENCES tenants(id),
    document_id BLOB NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('certificate', 'statement')),
    body TEXT NOT NULL,
    received_at_ms INTEGER NOT NULL,
    UNIQUE (tenant, document_id)
) STRICT;
CREATE INDEX trust_documents_by_tenant ON trust_documents (tenant, id);
"#,
    ),
    // The tenant's signed policy documents (issue 20), every version kept; devices fetch the
    // newest and verify it themselves.
    M::up(
        r#"
CREATE TABLE policies (
    tenant TEXT NOT NULL REFERENCES tenants(id),
    version INTEGER NOT NULL,
    policy_json TEXT NOT NULL,
    uploaded_by TEXT,
    uploaded_at_ms INTEGER NOT NULL,
    PRIMARY KEY (tenant, version)
) STRICT;
"#,
    ),
];

/// The embedded SQLite store.
pub struct SqliteStorage {
    conn: Mutex<Connection>,
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl SqliteStorage {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, StorageError> {
        let mut conn = Connection::open(path)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
             PRAGMA temp_store = MEMORY; PRAGMA busy_timeout = 10000;",
        )?;
        Migrations::from_slice(MIGRATIONS).to_latest(&mut conn)?;
        Ok(SqliteStorage {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves no half-done transaction (it rolls back on
        // drop), so the connection is still usable.
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn device_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<(DeviceRow, bool)> {
    let key: Vec<u8> = row.get(2)?;
    let role: String = row.get(3)?;
    let status: String = row.get(4)?;
    let ok = key.len() == 32 && Role::parse(&role).is_some();
    let mut public_key = [0u8; 32];
    if key.len() == 32 {
        public_key.copy_from_slice(&key);
    }
    Ok((
        DeviceRow {
            tenant: row.get(0)?,
            device_id: row.get(1)?,
            public_key,
            role: Role::parse(&role).unwrap_or(Role::Counsellor),
            status: if status == "active" {
                DeviceStatus::Active
            } else {
                DeviceStatus::Revoked
            },
            enrolled_at_ms: row.get::<_, i64>(5)? as u64,
            last_contact_ms: row.get::<_, Option<i64>>(6)?.map(|n| n as u64),
            revoked_at_ms: row.get::<_, Option<i64>>(7)?.map(|n| n as u64),
            label: row.get(8)?,
        },
        ok,
    ))
}

const DEVICE_COLUMNS: &str =
    "tenant, device_id, public_key, role, status, enrolled_at_ms, last_contact_ms, revoked_at_ms, label";

impl Storage for SqliteStorage {
    fn create_tenant(
        &self,
        id: &str,
        name: &str,
        root_public_key: &[u8; 32],
    ) -> Result<bool, StorageError> {
        let n = self.conn().execute(
            "INSERT INTO tenants (id, name, root_public_key) VALUES (?1, ?2, ?3)
             ON CONFLICT (id) DO NOTHING",
            params![id, name, &root_public_key[..]],
        )?;
        Ok(n == 1)
    }

    fn tenant(&self, id: &str) -> Result<Option<TenantRow>, StorageError> {
        let row = self
            .conn()
            .query_row(
                "SELECT id, name, root_public_key, recipient_list_json FROM tenants WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, Vec<u8>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                    ))
                },
            )
            .optional()?;
        row.map(|(id, name, key, list)| {
            Ok(TenantRow {
                id,
                name,
                root_public_key: key
                    .try_into()
                    .map_err(|_| StorageError::Corrupt("tenants.root_public_key"))?,
                recipient_list_json: list,
            })
        })
        .transpose()
    }

    fn set_recipient_list(&self, tenant: &str, json: &str) -> Result<(), StorageError> {
        self.conn().execute(
            "UPDATE tenants SET recipient_list_json = ?2 WHERE id = ?1",
            params![tenant, json],
        )?;
        Ok(())
    }

    fn add_enrolment_code(
        &self,
        tenant: &str,
        code_hash: &[u8; 32],
        role: Role,
        expires_at_ms: u64,
        label: Option<&str>,
    ) -> Result<(), StorageError> {
        self.conn().execute(
            "INSERT INTO enrolment_codes (code_hash, tenant, role, expires_at_ms, label)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                &code_hash[..],
                tenant,
                role.as_str(),
                to_i64(expires_at_ms),
                label
            ],
        )?;
        Ok(())
    }

    fn enrol(
        &self,
        tenant: &str,
        code_hash: &[u8; 32],
        device_id: &str,
        public_key: &[u8; 32],
        now_ms: u64,
    ) -> Result<Result<DeviceRow, EnrolRefusal>, StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        type CodeRow = (String, String, i64, Option<i64>, Option<String>);
        let code: Option<CodeRow> = tx
            .query_row(
                "SELECT tenant, role, expires_at_ms, used_at_ms, label FROM enrolment_codes
                 WHERE code_hash = ?1",
                [&code_hash[..]],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let Some((code_tenant, role, expires, used, label)) = code else {
            return Ok(Err(EnrolRefusal::InvalidCode));
        };
        if code_tenant != tenant || used.is_some() || (expires as u64) < now_ms {
            return Ok(Err(EnrolRefusal::InvalidCode));
        }
        let role = Role::parse(&role).ok_or(StorageError::Corrupt("enrolment_codes.role"))?;
        let inserted = tx.execute(
            "INSERT INTO devices
             (tenant, device_id, public_key, role, status, enrolled_at_ms, last_contact_ms, label)
             VALUES (?1, ?2, ?3, ?4, 'active', ?5, ?5, ?6) ON CONFLICT DO NOTHING",
            params![
                tenant,
                device_id,
                &public_key[..],
                role.as_str(),
                to_i64(now_ms),
                label
            ],
        )?;
        if inserted == 0 {
            return Ok(Err(EnrolRefusal::DeviceExists));
        }
        tx.execute(
            "UPDATE enrolment_codes SET used_at_ms = ?2, used_by_device = ?3 WHERE code_hash = ?1",
            params![&code_hash[..], to_i64(now_ms), device_id],
        )?;
        tx.commit()?;
        Ok(Ok(DeviceRow {
            tenant: tenant.to_owned(),
            device_id: device_id.to_owned(),
            public_key: *public_key,
            role,
            status: DeviceStatus::Active,
            enrolled_at_ms: now_ms,
            last_contact_ms: Some(now_ms),
            revoked_at_ms: None,
            label,
        }))
    }

    fn device(&self, tenant: &str, device_id: &str) -> Result<Option<DeviceRow>, StorageError> {
        let row = self
            .conn()
            .query_row(
                &format!(
                    "SELECT {DEVICE_COLUMNS} FROM devices WHERE tenant = ?1 AND device_id = ?2"
                ),
                [tenant, device_id],
                device_from_row,
            )
            .optional()?;
        match row {
            Some((d, true)) => Ok(Some(d)),
            Some((_, false)) => Err(StorageError::Corrupt("devices")),
            None => Ok(None),
        }
    }

    fn devices(&self, tenant: Option<&str>) -> Result<Vec<DeviceRow>, StorageError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {DEVICE_COLUMNS} FROM devices WHERE ?1 IS NULL OR tenant = ?1
             ORDER BY tenant, enrolled_at_ms, device_id"
        ))?;
        let rows = stmt.query_map([tenant], device_from_row)?;
        let mut out = Vec::new();
        for r in rows {
            let (d, ok) = r?;
            if !ok {
                return Err(StorageError::Corrupt("devices"));
            }
            out.push(d);
        }
        Ok(out)
    }

    fn revoke_device(
        &self,
        tenant: &str,
        device_id: &str,
        now_ms: u64,
    ) -> Result<bool, StorageError> {
        let n = self.conn().execute(
            "UPDATE devices SET status = 'revoked', revoked_at_ms = COALESCE(revoked_at_ms, ?3)
             WHERE tenant = ?1 AND device_id = ?2",
            params![tenant, device_id, to_i64(now_ms)],
        )?;
        Ok(n == 1)
    }

    fn touch_device(&self, tenant: &str, device_id: &str, now_ms: u64) -> Result<(), StorageError> {
        self.conn().execute(
            "UPDATE devices SET last_contact_ms = ?3
             WHERE tenant = ?1 AND device_id = ?2
               AND (last_contact_ms IS NULL OR last_contact_ms <= ?4)",
            params![
                tenant,
                device_id,
                to_i64(now_ms),
                to_i64(now_ms.saturating_sub(super::CONTACT_RESOLUTION_MS))
            ],
        )?;
        Ok(())
    }

    fn record_nonce(
        &self,
        tenant: &str,
        device_id: &str,
        nonce: &[u8],
        now_ms: u64,
        expires_at_ms: u64,
    ) -> Result<bool, StorageError> {
        let conn = self.conn();
        conn.execute(
            "DELETE FROM request_nonces WHERE expires_at_ms < ?1",
            [to_i64(now_ms)],
        )?;
        let n = conn.execute(
            "INSERT INTO request_nonces (tenant, device_id, nonce, expires_at_ms)
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
            params![tenant, device_id, nonce, to_i64(expires_at_ms)],
        )?;
        Ok(n == 1)
    }

    fn push(
        &self,
        tenant: &str,
        envelopes: &[NewEnvelope],
        now_ms: u64,
    ) -> Result<Vec<Stored>, StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut next: i64 = tx.query_row(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM envelopes WHERE tenant = ?1",
            [tenant],
            |r| r.get(0),
        )?;
        let mut out = Vec::with_capacity(envelopes.len());
        {
            let mut existing = tx.prepare_cached(
                "SELECT seq, received_at_ms FROM envelopes WHERE tenant = ?1 AND envelope_id = ?2",
            )?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO envelopes
                 (tenant, seq, envelope_id, author_device, record_id, size, received_at_ms, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for e in envelopes {
                let found: Option<(i64, i64)> = existing
                    .query_row(params![tenant, &e.envelope_id[..]], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })
                    .optional()?;
                if let Some((seq, at)) = found {
                    out.push(Stored {
                        sequence: seq as u64,
                        received_at_ms: at as u64,
                        new: false,
                    });
                    continue;
                }
                insert.execute(params![
                    tenant,
                    next,
                    &e.envelope_id[..],
                    e.author_device,
                    e.record_id,
                    e.body.len() as i64,
                    to_i64(now_ms),
                    e.body
                ])?;
                out.push(Stored {
                    sequence: next as u64,
                    received_at_ms: now_ms,
                    new: true,
                });
                next += 1;
            }
        }
        tx.commit()?;
        Ok(out)
    }

    fn pull(
        &self,
        tenant: &str,
        after: u64,
        limit: usize,
    ) -> Result<Vec<(u64, Vec<u8>)>, StorageError> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT seq, body FROM envelopes WHERE tenant = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![tenant, to_i64(after), limit as i64], |r| {
            Ok((r.get::<_, i64>(0)? as u64, r.get::<_, Vec<u8>>(1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn envelope_count(&self, tenant: &str) -> Result<u64, StorageError> {
        let n: i64 = self.conn().query_row(
            "SELECT COUNT(*) FROM envelopes WHERE tenant = ?1",
            [tenant],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    fn request_grant(
        &self,
        tenant: &str,
        device_id: &str,
        grant_public_key: &[u8; 32],
        signature: &[u8; 64],
    ) -> Result<(), StorageError> {
        self.conn().execute(
            "INSERT INTO grant_requests (tenant, device_id, grant_public_key, signature)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (tenant, device_id) DO UPDATE
             SET grant_public_key = excluded.grant_public_key, signature = excluded.signature",
            params![tenant, device_id, &grant_public_key[..], &signature[..]],
        )?;
        Ok(())
    }

    fn pending_grants(
        &self,
        tenant: &str,
        generation: u64,
    ) -> Result<Vec<GrantRequestRow>, StorageError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT r.device_id, r.grant_public_key, r.signature FROM grant_requests r
             JOIN devices d ON d.tenant = r.tenant AND d.device_id = r.device_id
             WHERE r.tenant = ?1 AND d.status = 'active'
               AND NOT EXISTS (SELECT 1 FROM grants g
                               WHERE g.tenant = r.tenant AND g.device_id = r.device_id
                                 AND g.generation = ?2)
             ORDER BY r.device_id",
        )?;
        let rows = stmt.query_map(params![tenant, to_i64(generation)], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, Vec<u8>>(1)?,
                row.get::<_, Vec<u8>>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for r in rows {
            let (device_id, key, sig) = r?;
            out.push(GrantRequestRow {
                device_id,
                grant_public_key: key
                    .try_into()
                    .map_err(|_| StorageError::Corrupt("grant_requests"))?,
                signature: sig
                    .try_into()
                    .map_err(|_| StorageError::Corrupt("grant_requests"))?,
            });
        }
        Ok(out)
    }

    fn add_grant(
        &self,
        tenant: &str,
        device_id: &str,
        generation: u64,
        grant_json: &str,
        now_ms: u64,
    ) -> Result<(), StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "DELETE FROM grants WHERE tenant = ?1 AND device_id = ?2 AND generation = ?3",
            params![tenant, device_id, to_i64(generation)],
        )?;
        tx.execute(
            "INSERT INTO grants (tenant, device_id, generation, created_at_ms, grant_json)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                tenant,
                device_id,
                to_i64(generation),
                to_i64(now_ms),
                grant_json
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn audit_head(
        &self,
        tenant: &str,
        device_id: &str,
    ) -> Result<Option<(u64, String)>, StorageError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT seq, hash FROM audit_heads WHERE tenant = ?1 AND device_id = ?2",
                [tenant, device_id],
                |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, String>(1)?)),
            )
            .optional()?)
    }

    fn set_audit_head(
        &self,
        tenant: &str,
        device_id: &str,
        seq: u64,
        hash: &str,
        now_ms: u64,
    ) -> Result<(), StorageError> {
        self.conn().execute(
            "INSERT INTO audit_heads (tenant, device_id, seq, hash, updated_at_ms)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (tenant, device_id) DO UPDATE
             SET seq = excluded.seq, hash = excluded.hash, updated_at_ms = excluded.updated_at_ms",
            params![tenant, device_id, to_i64(seq), hash, to_i64(now_ms)],
        )?;
        Ok(())
    }

    fn add_audit_flag(
        &self,
        tenant: &str,
        device_id: &str,
        flag: &AuditFlag,
    ) -> Result<(), StorageError> {
        self.conn().execute(
            "INSERT INTO audit_flags
             (tenant, device_id, kind, seen_seq, seen_hash, claimed_seq, claimed_hash, at_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                tenant,
                device_id,
                flag.kind.as_str(),
                to_i64(flag.seen_seq),
                flag.seen_hash,
                to_i64(flag.claimed_seq),
                flag.claimed_hash,
                to_i64(flag.at_ms)
            ],
        )?;
        Ok(())
    }

    fn audit_flags(&self, tenant: &str) -> Result<Vec<(String, AuditFlag)>, StorageError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT device_id, kind, seen_seq, seen_hash, claimed_seq, claimed_hash, at_ms
             FROM audit_flags WHERE tenant = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([tenant], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, i64>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for r in rows {
            let (device, kind, seen_seq, seen_hash, claimed_seq, claimed_hash, at) = r?;
            let kind = AuditFlagKind::parse(&kind).ok_or(StorageError::Corrupt("audit_flags"))?;
            out.push((
                device,
                AuditFlag {
                    kind,
                    seen_seq: seen_seq as u64,
                    seen_hash,
                    claimed_seq: claimed_seq as u64,
                    claimed_hash,
                    at_ms: at as u64,
                },
            ));
        }
        Ok(out)
    }

    fn grants(&self, tenant: &str, device_id: &str) -> Result<Vec<String>, StorageError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT grant_json FROM grants WHERE tenant = ?1 AND device_id = ?2 ORDER BY id",
        )?;
        let rows = stmt.query_map([tenant, device_id], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn add_trust_document(
        &self,
        tenant: &str,
        document_id: &[u8; 32],
        kind: TrustKind,
        json: &str,
        now_ms: u64,
    ) -> Result<bool, StorageError> {
        let n = self.conn().execute(
            "INSERT INTO trust_documents (tenant, document_id, kind, body, received_at_ms)
             VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (tenant, document_id) DO NOTHING",
            params![
                tenant,
                &document_id[..],
                kind.as_str(),
                json,
                to_i64(now_ms)
            ],
        )?;
        Ok(n == 1)
    }

    fn trust_documents(&self, tenant: &str) -> Result<Vec<(TrustKind, String)>, StorageError> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare("SELECT kind, body FROM trust_documents WHERE tenant = ?1 ORDER BY id")?;
        let rows = stmt.query_map([tenant], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        rows.map(|r| {
            let (kind, body) = r?;
            Ok((
                TrustKind::parse(&kind).ok_or(StorageError::Corrupt("trust_documents"))?,
                body,
            ))
        })
        .collect()
    }

    fn add_policy(
        &self,
        tenant: &str,
        version: u64,
        policy_json: &str,
        uploaded_by: Option<&str>,
        now_ms: u64,
    ) -> Result<bool, StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let newest: Option<i64> = tx.query_row(
            "SELECT MAX(version) FROM policies WHERE tenant = ?1",
            [tenant],
            |r| r.get(0),
        )?;
        if newest.is_some_and(|n| n >= to_i64(version)) {
            return Ok(false);
        }
        tx.execute(
            "INSERT INTO policies (tenant, version, policy_json, uploaded_by, uploaded_at_ms)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                tenant,
                to_i64(version),
                policy_json,
                uploaded_by,
                to_i64(now_ms)
            ],
        )?;
        tx.commit()?;
        Ok(true)
    }

    fn latest_policy(&self, tenant: &str) -> Result<Option<(u64, String)>, StorageError> {
        let row = self
            .conn()
            .query_row(
                "SELECT version, policy_json FROM policies WHERE tenant = ?1
                 ORDER BY version DESC LIMIT 1",
                [tenant],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
            )
            .optional()?;
        row.map(|(v, json)| {
            Ok((
                u64::try_from(v).map_err(|_| StorageError::Corrupt("policies.version"))?,
                json,
            ))
        })
        .transpose()
    }

    fn backup(&self, path: &Path) -> Result<(), StorageError> {
        let conn = self.conn();
        let mut dst = Connection::open(path)?;
        let backup = rusqlite::backup::Backup::new(&conn, &mut dst)?;
        backup.run_to_completion(256, std::time::Duration::from_millis(0), None)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        Migrations::from_slice(MIGRATIONS).validate().unwrap();
    }

    /// Grants stored before grants were kept per generation get theirs from the document.
    #[test]
    fn existing_grants_get_their_generation_from_the_document() {
        let mut conn = Connection::open_in_memory().unwrap();
        let migrations = Migrations::from_slice(MIGRATIONS);
        migrations.to_version(&mut conn, 3).unwrap();
        conn.execute_batch(
            "INSERT INTO tenants (id, name, root_public_key) VALUES ('t', 'T', x'00');
             INSERT INTO devices (tenant, device_id, public_key, role, status, enrolled_at_ms)
             VALUES ('t', 'd', x'00', 'counsellor', 'active', 0);
             INSERT INTO grants (tenant, device_id, created_at_ms, grant_json)
             VALUES ('t', 'd', 0, '{\"format\":\"aankomst-grant/1\",\"team_generation\":3}');",
        )
        .unwrap();
        migrations.to_latest(&mut conn).unwrap();
        let generation: i64 = conn
            .query_row("SELECT generation FROM grants", [], |r| r.get(0))
            .unwrap();
        assert_eq!(generation, 3);
    }
}
