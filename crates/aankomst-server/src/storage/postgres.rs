//! The PostgreSQL backend, for large and regional deployments. Same schema and semantics as
//! the SQLite backend; a push locks its tenant's row so sequence numbers are assigned by one
//! writer per tenant and commit in order (a pull cursor never skips a row), even with several
//! server processes on one database.

use std::sync::{Mutex, MutexGuard};

use postgres::{Client, NoTls};

use super::{
    DeviceRow, DeviceStatus, EnrolRefusal, GrantRequestRow, NewEnvelope, Storage, StorageError,
    Stored, TenantRow, TrustKind,
};
use crate::protocol::{AuditFlag, AuditFlagKind, Role};

/// Schema versions, applied in order; never edit a shipped one.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE tenants (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    root_public_key BYTEA NOT NULL,
    recipient_list_json TEXT
);
CREATE TABLE devices (
    tenant TEXT NOT NULL REFERENCES tenants(id),
    device_id TEXT NOT NULL,
    public_key BYTEA NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('counsellor', 'supervisor')),
    status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
    enrolled_at_ms BIGINT NOT NULL,
    PRIMARY KEY (tenant, device_id)
);
CREATE TABLE enrolment_codes (
    code_hash BYTEA PRIMARY KEY,
    tenant TEXT NOT NULL REFERENCES tenants(id),
    role TEXT NOT NULL CHECK (role IN ('counsellor', 'supervisor')),
    expires_at_ms BIGINT NOT NULL,
    used_at_ms BIGINT,
    used_by_device TEXT
);
CREATE TABLE envelopes (
    tenant TEXT NOT NULL REFERENCES tenants(id),
    seq BIGINT NOT NULL,
    envelope_id BYTEA NOT NULL,
    author_device TEXT NOT NULL,
    record_id TEXT NOT NULL,
    size BIGINT NOT NULL,
    received_at_ms BIGINT NOT NULL,
    body BYTEA NOT NULL,
    PRIMARY KEY (tenant, seq),
    UNIQUE (tenant, envelope_id)
);
CREATE TABLE request_nonces (
    tenant TEXT NOT NULL,
    device_id TEXT NOT NULL,
    nonce BYTEA NOT NULL,
    expires_at_ms BIGINT NOT NULL,
    PRIMARY KEY (tenant, device_id, nonce)
);
CREATE INDEX request_nonces_expiry ON request_nonces (expires_at_ms);
"#,
    // Team-key grants relayed from a supervisor device to a newly enrolled one.
    r#"
CREATE TABLE grant_requests (
    tenant TEXT NOT NULL,
    device_id TEXT NOT NULL,
    grant_public_key BYTEA NOT NULL,
    signature BYTEA NOT NULL,
    PRIMARY KEY (tenant, device_id),
    FOREIGN KEY (tenant, device_id) REFERENCES devices(tenant, device_id)
);
CREATE TABLE grants (
    id BIGSERIAL PRIMARY KEY,
    tenant TEXT NOT NULL,
    device_id TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    grant_json TEXT NOT NULL,
    FOREIGN KEY (tenant, device_id) REFERENCES devices(tenant, device_id)
);
CREATE INDEX grants_by_device ON grants (tenant, device_id, id);
"#,
    // Device management from a supervisor's app: last contact and the time of revocation.
    r#"
ALTER TABLE devices ADD COLUMN last_contact_ms BIGINT, ADD COLUMN revoked_at_ms BIGINT,
    ADD COLUMN label TEXT;
ALTER TABLE enrolment_codes ADD COLUMN label TEXT;
"#,
    // Grants per device and team key generation (a rotation makes every device pending
    // again), and each device's audit chain high-water mark with the flags raised on it.
    r#"
ALTER TABLE grants ADD COLUMN generation BIGINT;
UPDATE grants SET generation = (grant_json::jsonb ->> 'team_generation')::BIGINT;
CREATE INDEX grants_by_generation ON grants (tenant, device_id, generation);
CREATE TABLE audit_heads (
    tenant TEXT NOT NULL,
    device_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL,
    updated_at_ms BIGINT NOT NULL,
    PRIMARY KEY (tenant, device_id),
    FOREIGN KEY (tenant, device_id) REFERENCES devices(tenant, device_id)
);
CREATE TABLE audit_flags (
    id BIGSERIAL PRIMARY KEY,
    tenant TEXT NOT NULL,
    device_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('regression', 'fork')),
    seen_seq BIGINT NOT NULL,
    seen_hash TEXT NOT NULL,
    claimed_seq BIGINT NOT NULL,
    claimed_hash TEXT NOT NULL,
    at_ms BIGINT NOT NULL,
    FOREIGN KEY (tenant, device_id) REFERENCES devices(tenant, device_id)
);
CREATE INDEX audit_flags_by_tenant ON audit_flags (tenant, id);
"#,
    // Device certificates and statements the server admitted, in arrival order (DESIGN §4.11).
    r#"
CREATE TABLE trust_documents (
    id BIGSERIAL PRIMARY KEY,
    tenant TEXT NOT NULL REFERENCES tenants(id),
    document_id BYTEA NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('certificate', 'statement')),
    body TEXT NOT NULL,
    received_at_ms BIGINT NOT NULL,
    UNIQUE (tenant, document_id)
);
CREATE INDEX trust_documents_by_tenant ON trust_documents (tenant, id);
"#,
    // The tenant's signed policy documents (issue 20), every version kept; devices fetch the
    // newest and verify it themselves.
    r#"
CREATE TABLE policies (
    tenant TEXT NOT NULL REFERENCES tenants(id),
    version BIGINT NOT NULL,
    policy_json TEXT NOT NULL,
    uploaded_by TEXT,
    uploaded_at_ms BIGINT NOT NULL,
    PRIMARY KEY (tenant, version)
);
"#,
];

/// The PostgreSQL store.
pub struct PostgresStorage {
    client: Mutex<Client>,
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl From<postgres::Error> for StorageError {
    fn from(e: postgres::Error) -> Self {
        // The driver's messages name constraints and SQL states, never bound values.
        StorageError::Postgres(e.to_string())
    }
}

impl PostgresStorage {
    /// Connects (without TLS: run it on the same host or a trusted network) and migrates.
    pub fn connect(url: &str) -> Result<Self, StorageError> {
        Self::connect_in_schema(url, None)
    }

    /// As [`connect`](Self::connect), in the given schema (created if needed); for tests and
    /// for hosting the server beside other applications in one database.
    pub fn connect_in_schema(url: &str, schema: Option<&str>) -> Result<Self, StorageError> {
        let mut client = Client::connect(url, NoTls)?;
        if let Some(schema) = schema {
            if !schema
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                return Err(StorageError::Postgres("invalid schema name".into()));
            }
            client.batch_execute(&format!(
                "CREATE SCHEMA IF NOT EXISTS {schema}; SET search_path TO {schema};"
            ))?;
        }
        let mut tx = client.transaction()?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS aankomst_schema_version (version INTEGER NOT NULL);
             LOCK TABLE aankomst_schema_version IN EXCLUSIVE MODE;",
        )?;
        let version: i32 = tx
            .query_opt("SELECT version FROM aankomst_schema_version", &[])?
            .map(|r| r.get(0))
            .unwrap_or(0);
        for (i, m) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.batch_execute(m)?;
            tx.execute("DELETE FROM aankomst_schema_version", &[])?;
            tx.execute(
                "INSERT INTO aankomst_schema_version (version) VALUES ($1)",
                &[&(i as i32 + 1)],
            )?;
        }
        tx.commit()?;
        Ok(PostgresStorage {
            client: Mutex::new(client),
        })
    }

    fn client(&self) -> MutexGuard<'_, Client> {
        self.client.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn device_from_row(row: &postgres::Row) -> Result<DeviceRow, StorageError> {
    let key: Vec<u8> = row.get(2);
    let role: String = row.get(3);
    let status: String = row.get(4);
    Ok(DeviceRow {
        tenant: row.get(0),
        device_id: row.get(1),
        public_key: key
            .try_into()
            .map_err(|_| StorageError::Corrupt("devices.public_key"))?,
        role: Role::parse(&role).ok_or(StorageError::Corrupt("devices.role"))?,
        status: if status == "active" {
            DeviceStatus::Active
        } else {
            DeviceStatus::Revoked
        },
        enrolled_at_ms: row.get::<_, i64>(5) as u64,
        last_contact_ms: row.get::<_, Option<i64>>(6).map(|n| n as u64),
        revoked_at_ms: row.get::<_, Option<i64>>(7).map(|n| n as u64),
        label: row.get(8),
    })
}

const DEVICE_COLUMNS: &str =
    "tenant, device_id, public_key, role, status, enrolled_at_ms, last_contact_ms, revoked_at_ms, label";

impl Storage for PostgresStorage {
    fn create_tenant(
        &self,
        id: &str,
        name: &str,
        root_public_key: &[u8; 32],
    ) -> Result<bool, StorageError> {
        let n = self.client().execute(
            "INSERT INTO tenants (id, name, root_public_key) VALUES ($1, $2, $3)
             ON CONFLICT (id) DO NOTHING",
            &[&id, &name, &&root_public_key[..]],
        )?;
        Ok(n == 1)
    }

    fn tenant(&self, id: &str) -> Result<Option<TenantRow>, StorageError> {
        let row = self.client().query_opt(
            "SELECT id, name, root_public_key, recipient_list_json FROM tenants WHERE id = $1",
            &[&id],
        )?;
        row.map(|r| {
            let key: Vec<u8> = r.get(2);
            Ok(TenantRow {
                id: r.get(0),
                name: r.get(1),
                root_public_key: key
                    .try_into()
                    .map_err(|_| StorageError::Corrupt("tenants.root_public_key"))?,
                recipient_list_json: r.get(3),
            })
        })
        .transpose()
    }

    fn set_recipient_list(&self, tenant: &str, json: &str) -> Result<(), StorageError> {
        self.client().execute(
            "UPDATE tenants SET recipient_list_json = $2 WHERE id = $1",
            &[&tenant, &json],
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
        self.client().execute(
            "INSERT INTO enrolment_codes (code_hash, tenant, role, expires_at_ms, label)
             VALUES ($1, $2, $3, $4, $5)",
            &[
                &&code_hash[..],
                &tenant,
                &role.as_str(),
                &to_i64(expires_at_ms),
                &label,
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
        let mut client = self.client();
        let mut tx = client.transaction()?;
        let Some(code) = tx.query_opt(
            "SELECT tenant, role, expires_at_ms, used_at_ms, label FROM enrolment_codes
             WHERE code_hash = $1 FOR UPDATE",
            &[&&code_hash[..]],
        )?
        else {
            return Ok(Err(EnrolRefusal::InvalidCode));
        };
        let code_tenant: String = code.get(0);
        let role: String = code.get(1);
        let expires: i64 = code.get(2);
        let used: Option<i64> = code.get(3);
        let label: Option<String> = code.get(4);
        if code_tenant != tenant || used.is_some() || (expires as u64) < now_ms {
            return Ok(Err(EnrolRefusal::InvalidCode));
        }
        let role = Role::parse(&role).ok_or(StorageError::Corrupt("enrolment_codes.role"))?;
        let inserted = tx.execute(
            "INSERT INTO devices
             (tenant, device_id, public_key, role, status, enrolled_at_ms, last_contact_ms, label)
             VALUES ($1, $2, $3, $4, 'active', $5, $5, $6) ON CONFLICT DO NOTHING",
            &[
                &tenant,
                &device_id,
                &&public_key[..],
                &role.as_str(),
                &to_i64(now_ms),
                &label,
            ],
        )?;
        if inserted == 0 {
            return Ok(Err(EnrolRefusal::DeviceExists));
        }
        tx.execute(
            "UPDATE enrolment_codes SET used_at_ms = $2, used_by_device = $3 WHERE code_hash = $1",
            &[&&code_hash[..], &to_i64(now_ms), &device_id],
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
        self.client()
            .query_opt(
                &format!(
                    "SELECT {DEVICE_COLUMNS} FROM devices WHERE tenant = $1 AND device_id = $2"
                ),
                &[&tenant, &device_id],
            )?
            .map(|r| device_from_row(&r))
            .transpose()
    }

    fn devices(&self, tenant: Option<&str>) -> Result<Vec<DeviceRow>, StorageError> {
        self.client()
            .query(
                &format!(
                    "SELECT {DEVICE_COLUMNS} FROM devices WHERE $1::TEXT IS NULL OR tenant = $1
                     ORDER BY tenant, enrolled_at_ms, device_id"
                ),
                &[&tenant],
            )?
            .iter()
            .map(device_from_row)
            .collect()
    }

    fn revoke_device(
        &self,
        tenant: &str,
        device_id: &str,
        now_ms: u64,
    ) -> Result<bool, StorageError> {
        let n = self.client().execute(
            "UPDATE devices SET status = 'revoked', revoked_at_ms = COALESCE(revoked_at_ms, $3)
             WHERE tenant = $1 AND device_id = $2",
            &[&tenant, &device_id, &to_i64(now_ms)],
        )?;
        Ok(n == 1)
    }

    fn touch_device(&self, tenant: &str, device_id: &str, now_ms: u64) -> Result<(), StorageError> {
        self.client().execute(
            "UPDATE devices SET last_contact_ms = $3
             WHERE tenant = $1 AND device_id = $2
               AND (last_contact_ms IS NULL OR last_contact_ms <= $4)",
            &[
                &tenant,
                &device_id,
                &to_i64(now_ms),
                &to_i64(now_ms.saturating_sub(super::CONTACT_RESOLUTION_MS)),
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
        let mut client = self.client();
        client.execute(
            "DELETE FROM request_nonces WHERE expires_at_ms < $1",
            &[&to_i64(now_ms)],
        )?;
        let n = client.execute(
            "INSERT INTO request_nonces (tenant, device_id, nonce, expires_at_ms)
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            &[&tenant, &device_id, &nonce, &to_i64(expires_at_ms)],
        )?;
        Ok(n == 1)
    }

    fn push(
        &self,
        tenant: &str,
        envelopes: &[NewEnvelope],
        now_ms: u64,
    ) -> Result<Vec<Stored>, StorageError> {
        let mut client = self.client();
        let mut tx = client.transaction()?;
        // One writer per tenant: sequences are gap-free and commit in order.
        tx.execute("SELECT 1 FROM tenants WHERE id = $1 FOR UPDATE", &[&tenant])?;
        let mut next: i64 = tx
            .query_one(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM envelopes WHERE tenant = $1",
                &[&tenant],
            )?
            .get(0);
        let existing = tx.prepare(
            "SELECT seq, received_at_ms FROM envelopes WHERE tenant = $1 AND envelope_id = $2",
        )?;
        let insert = tx.prepare(
            "INSERT INTO envelopes
             (tenant, seq, envelope_id, author_device, record_id, size, received_at_ms, body)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )?;
        let mut out = Vec::with_capacity(envelopes.len());
        for e in envelopes {
            if let Some(r) = tx.query_opt(&existing, &[&tenant, &&e.envelope_id[..]])? {
                out.push(Stored {
                    sequence: r.get::<_, i64>(0) as u64,
                    received_at_ms: r.get::<_, i64>(1) as u64,
                    new: false,
                });
                continue;
            }
            tx.execute(
                &insert,
                &[
                    &tenant,
                    &next,
                    &&e.envelope_id[..],
                    &e.author_device,
                    &e.record_id,
                    &(e.body.len() as i64),
                    &to_i64(now_ms),
                    &e.body,
                ],
            )?;
            out.push(Stored {
                sequence: next as u64,
                received_at_ms: now_ms,
                new: true,
            });
            next += 1;
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
        Ok(self
            .client()
            .query(
                "SELECT seq, body FROM envelopes WHERE tenant = $1 AND seq > $2
                 ORDER BY seq LIMIT $3",
                &[&tenant, &to_i64(after), &(limit as i64)],
            )?
            .iter()
            .map(|r| (r.get::<_, i64>(0) as u64, r.get::<_, Vec<u8>>(1)))
            .collect())
    }

    fn envelope_count(&self, tenant: &str) -> Result<u64, StorageError> {
        let n: i64 = self
            .client()
            .query_one(
                "SELECT COUNT(*) FROM envelopes WHERE tenant = $1",
                &[&tenant],
            )?
            .get(0);
        Ok(n as u64)
    }

    fn request_grant(
        &self,
        tenant: &str,
        device_id: &str,
        grant_public_key: &[u8; 32],
        signature: &[u8; 64],
    ) -> Result<(), StorageError> {
        self.client().execute(
            "INSERT INTO grant_requests (tenant, device_id, grant_public_key, signature)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (tenant, device_id) DO UPDATE
             SET grant_public_key = excluded.grant_public_key, signature = excluded.signature",
            &[&tenant, &device_id, &&grant_public_key[..], &&signature[..]],
        )?;
        Ok(())
    }

    fn pending_grants(
        &self,
        tenant: &str,
        generation: u64,
    ) -> Result<Vec<GrantRequestRow>, StorageError> {
        self.client()
            .query(
                "SELECT r.device_id, r.grant_public_key, r.signature FROM grant_requests r
                 JOIN devices d ON d.tenant = r.tenant AND d.device_id = r.device_id
                 WHERE r.tenant = $1 AND d.status = 'active'
                   AND NOT EXISTS (SELECT 1 FROM grants g
                                   WHERE g.tenant = r.tenant AND g.device_id = r.device_id
                                     AND g.generation = $2)
                 ORDER BY r.device_id",
                &[&tenant, &to_i64(generation)],
            )?
            .iter()
            .map(|row| {
                Ok(GrantRequestRow {
                    device_id: row.get(0),
                    grant_public_key: row
                        .get::<_, Vec<u8>>(1)
                        .try_into()
                        .map_err(|_| StorageError::Corrupt("grant_requests"))?,
                    signature: row
                        .get::<_, Vec<u8>>(2)
                        .try_into()
                        .map_err(|_| StorageError::Corrupt("grant_requests"))?,
                })
            })
            .collect()
    }

    fn add_grant(
        &self,
        tenant: &str,
        device_id: &str,
        generation: u64,
        grant_json: &str,
        now_ms: u64,
    ) -> Result<(), StorageError> {
        let mut client = self.client();
        let mut tx = client.transaction()?;
        tx.execute(
            "DELETE FROM grants WHERE tenant = $1 AND device_id = $2 AND generation = $3",
            &[&tenant, &device_id, &to_i64(generation)],
        )?;
        tx.execute(
            "INSERT INTO grants (tenant, device_id, generation, created_at_ms, grant_json)
             VALUES ($1, $2, $3, $4, $5)",
            &[
                &tenant,
                &device_id,
                &to_i64(generation),
                &to_i64(now_ms),
                &grant_json,
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
            .client()
            .query_opt(
                "SELECT seq, hash FROM audit_heads WHERE tenant = $1 AND device_id = $2",
                &[&tenant, &device_id],
            )?
            .map(|r| (r.get::<_, i64>(0) as u64, r.get::<_, String>(1))))
    }

    fn set_audit_head(
        &self,
        tenant: &str,
        device_id: &str,
        seq: u64,
        hash: &str,
        now_ms: u64,
    ) -> Result<(), StorageError> {
        self.client().execute(
            "INSERT INTO audit_heads (tenant, device_id, seq, hash, updated_at_ms)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (tenant, device_id) DO UPDATE
             SET seq = excluded.seq, hash = excluded.hash, updated_at_ms = excluded.updated_at_ms",
            &[&tenant, &device_id, &to_i64(seq), &hash, &to_i64(now_ms)],
        )?;
        Ok(())
    }

    fn add_audit_flag(
        &self,
        tenant: &str,
        device_id: &str,
        flag: &AuditFlag,
    ) -> Result<(), StorageError> {
        self.client().execute(
            "INSERT INTO audit_flags
             (tenant, device_id, kind, seen_seq, seen_hash, claimed_seq, claimed_hash, at_ms)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[
                &tenant,
                &device_id,
                &flag.kind.as_str(),
                &to_i64(flag.seen_seq),
                &flag.seen_hash,
                &to_i64(flag.claimed_seq),
                &flag.claimed_hash,
                &to_i64(flag.at_ms),
            ],
        )?;
        Ok(())
    }

    fn audit_flags(&self, tenant: &str) -> Result<Vec<(String, AuditFlag)>, StorageError> {
        self.client()
            .query(
                "SELECT device_id, kind, seen_seq, seen_hash, claimed_seq, claimed_hash, at_ms
                 FROM audit_flags WHERE tenant = $1 ORDER BY id",
                &[&tenant],
            )?
            .iter()
            .map(|r| {
                let kind = AuditFlagKind::parse(r.get::<_, &str>(1))
                    .ok_or(StorageError::Corrupt("audit_flags"))?;
                Ok((
                    r.get::<_, String>(0),
                    AuditFlag {
                        kind,
                        seen_seq: r.get::<_, i64>(2) as u64,
                        seen_hash: r.get(3),
                        claimed_seq: r.get::<_, i64>(4) as u64,
                        claimed_hash: r.get(5),
                        at_ms: r.get::<_, i64>(6) as u64,
                    },
                ))
            })
            .collect()
    }

    fn grants(&self, tenant: &str, device_id: &str) -> Result<Vec<String>, StorageError> {
        Ok(self
            .client()
            .query(
                "SELECT grant_json FROM grants WHERE tenant = $1 AND device_id = $2 ORDER BY id",
                &[&tenant, &device_id],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect())
    }

    fn add_trust_document(
        &self,
        tenant: &str,
        document_id: &[u8; 32],
        kind: TrustKind,
        json: &str,
        now_ms: u64,
    ) -> Result<bool, StorageError> {
        let n = self.client().execute(
            "INSERT INTO trust_documents (tenant, document_id, kind, body, received_at_ms)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant, document_id) DO NOTHING",
            &[
                &tenant,
                &&document_id[..],
                &kind.as_str(),
                &json,
                &to_i64(now_ms),
            ],
        )?;
        Ok(n == 1)
    }

    fn trust_documents(&self, tenant: &str) -> Result<Vec<(TrustKind, String)>, StorageError> {
        self.client()
            .query(
                "SELECT kind, body FROM trust_documents WHERE tenant = $1 ORDER BY id",
                &[&tenant],
            )?
            .iter()
            .map(|r| {
                Ok((
                    TrustKind::parse(r.get::<_, &str>(0))
                        .ok_or(StorageError::Corrupt("trust_documents"))?,
                    r.get::<_, String>(1),
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
        let mut client = self.client();
        let mut tx = client.transaction()?;
        // One upload at a time per tenant: the newer-than check and the insert are one step.
        tx.execute(
            "SELECT id FROM tenants WHERE id = $1 FOR UPDATE",
            &[&tenant],
        )?;
        let newest: Option<i64> = tx
            .query_one(
                "SELECT MAX(version) FROM policies WHERE tenant = $1",
                &[&tenant],
            )?
            .get(0);
        if newest.is_some_and(|n| n >= to_i64(version)) {
            return Ok(false);
        }
        tx.execute(
            "INSERT INTO policies (tenant, version, policy_json, uploaded_by, uploaded_at_ms)
             VALUES ($1, $2, $3, $4, $5)",
            &[
                &tenant,
                &to_i64(version),
                &policy_json,
                &uploaded_by,
                &to_i64(now_ms),
            ],
        )?;
        tx.commit()?;
        Ok(true)
    }

    fn latest_policy(&self, tenant: &str) -> Result<Option<(u64, String)>, StorageError> {
        self.client()
            .query_opt(
                "SELECT version, policy_json FROM policies WHERE tenant = $1
                 ORDER BY version DESC LIMIT 1",
                &[&tenant],
            )?
            .map(|r| {
                let v: i64 = r.get(0);
                Ok((
                    u64::try_from(v).map_err(|_| StorageError::Corrupt("policies.version"))?,
                    r.get(1),
                ))
            })
            .transpose()
    }

    fn backup(&self, _path: &std::path::Path) -> Result<(), StorageError> {
        Err(StorageError::Unsupported(
            "back up a PostgreSQL store with pg_dump or the database's own backup tooling",
        ))
    }
}
