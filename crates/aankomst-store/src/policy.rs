//! The municipal policy this device runs on (issue 20, DESIGN §4.13): the newest signed policy
//! the sync engine accepted, kept here with where it came from, else the built-in default.
//! The engine verifies a policy (signer, signature, rollback, content) before it hands it over;
//! this module only keeps it and reads it back, and writes the acceptance to the audit chain.

use aankomst_core::audit::{AuditAction, AuditEvent};
use aankomst_core::policy::Policy;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::{Store, StoreError};

/// The sync state key under which the accepted policy is kept.
const KEY_POLICY: &str = "policy_accepted";

/// Where the active policy came from: the signed document's version, its signer and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicySource {
    /// The policy's version.
    pub version: u64,
    /// When its signer signed it (ms since the Unix epoch, the signer's clock).
    pub issued_at_ms: u64,
    /// The signer's key id.
    pub issuer_key_id: String,
    /// Who signed it: `root` for the tenant root key, else the certified device's id.
    pub signer: String,
    /// When this device accepted it (ms since the Unix epoch).
    pub accepted_at_ms: u64,
}

/// The policy a device runs on, and where it came from (`None`: the built-in default).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivePolicy {
    /// The policy.
    pub policy: Policy,
    /// The signed document it came from; `None` for the built-in default.
    pub source: Option<PolicySource>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredPolicy {
    source: PolicySource,
    /// The policy content, canonical JSON (what the signature covered).
    content: String,
    /// The signed document as received (`aankomst-policy/1`).
    document: String,
}

fn stored_in(conn: &Connection) -> Result<Option<StoredPolicy>, StoreError> {
    let raw: Option<String> = conn
        .query_row(
            "SELECT value FROM sync_state WHERE key = ?1",
            [KEY_POLICY],
            |r| r.get(0),
        )
        .optional()?;
    raw.map(|r| serde_json::from_str(&r).map_err(|_| StoreError::DatabaseCorrupt))
        .transpose()
}

/// The active policy, read inside the caller's connection or transaction. A kept policy that
/// no longer parses is a damaged store: refused, never silently replaced by the default.
pub(crate) fn active_policy_in(conn: &Connection) -> Result<ActivePolicy, StoreError> {
    match stored_in(conn)? {
        None => Ok(ActivePolicy {
            policy: Policy::default(),
            source: None,
        }),
        Some(stored) => Ok(ActivePolicy {
            policy: Policy::from_canonical_json(&stored.content)
                .map_err(|_| StoreError::DatabaseCorrupt)?,
            source: Some(stored.source),
        }),
    }
}

impl Store {
    /// The policy this device runs on: the newest accepted signed policy, else the default.
    pub fn active_policy(&self) -> Result<ActivePolicy, StoreError> {
        active_policy_in(&self.conn)
    }

    /// The signed document of the accepted policy, as received, if any.
    pub fn accepted_policy_document(&self) -> Result<Option<String>, StoreError> {
        Ok(stored_in(&self.conn)?.map(|s| s.document))
    }

    /// Keeps a policy the sync engine verified (its `content` must parse as a [`Policy`]),
    /// together with the engine's updated policy pin (`pin` = sync state key and value), and
    /// records the change in this device's audit chain — all in one transaction.
    pub fn keep_accepted_policy(
        &mut self,
        source: PolicySource,
        content: &str,
        document: &str,
        pin: (&str, &str),
    ) -> Result<(), StoreError> {
        // Checked again here so that nothing unparseable is ever kept.
        Policy::from_canonical_json(content).map_err(|_| StoreError::DatabaseCorrupt)?;
        let version = source.version;
        let stored = serde_json::to_string(&StoredPolicy {
            source,
            content: content.to_owned(),
            document: document.to_owned(),
        })?;
        let identity = self.identity.clone();
        let tx = self.conn.transaction()?;
        for (key, value) in [(KEY_POLICY, stored.as_str()), pin] {
            tx.execute(
                "INSERT INTO sync_state (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
        }
        crate::audit::append_in(
            &tx,
            AuditEvent {
                at: chrono::Utc::now(),
                user: identity.user,
                device: identity.device,
                client: None,
                action: AuditAction::Write,
                object: format!("policy:{version}"),
                on_behalf_of: None,
            },
        )?;
        tx.commit()?;
        Ok(())
    }
}
