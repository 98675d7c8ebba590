//! The municipal policy in the app (issue 20, DESIGN §4.13): the policy this device runs on
//! (the tenant's signed policy the last sync accepted, else the built-in default) decides the
//! sealed instruments, the deadline terms, the routes offered, the offline lock, the longest
//! auto-lock, the consents a share needs, the safety contacts and the instrument packs that
//! may be installed. A setting the policy fixes cannot be changed on a laptop: the command
//! refuses with `policy_fixed`. A supervisor edits the policy itself: signed with the
//! supervisor's device key, published on the server, audited, and fetched by every laptop.

use aankomst_core::audit::{AuditAction, AuditEvent};
use aankomst_core::deadlines::Terms;
use aankomst_core::policy::{Policy, PolicyError};
use aankomst_store::{ActivePolicy, Store};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::error::AppError;
use crate::service::{AppService, Session};

/// Where the active policy came from, for the settings screens ("fixed by policy version 3,
/// signed by … on …").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PolicySourceView {
    pub version: u32,
    /// `root` (the municipality's root key, IT's ceremony) or the signing device's id.
    pub signer: String,
    /// When it was signed (UTC, RFC 3339, the signer's clock).
    pub issued_at: String,
    /// When this device accepted it (UTC, RFC 3339).
    pub accepted_at: String,
}

/// The policy this device runs on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PolicyView {
    pub policy: Policy,
    /// `None`: the built-in default (no policy published for the tenant yet).
    pub source: Option<PolicySourceView>,
    /// Whether this device may sign and publish a new version (an enrolled supervisor's).
    pub can_edit: bool,
}

/// The one refusal of a laptop setting the policy fixes; `setting` names which.
pub(crate) fn policy_fixed(setting: &str) -> AppError {
    AppError::new("policy_fixed").arg("setting", setting)
}

fn iso(ms: u64) -> String {
    DateTime::<Utc>::from_timestamp_millis(i64::try_from(ms).unwrap_or(i64::MAX))
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The policy the store says this device runs on.
pub(crate) fn active(store: &Store) -> Result<ActivePolicy, AppError> {
    Ok(store.active_policy()?)
}

/// The deadline terms: the active policy's.
pub(crate) fn terms_of(store: &Store) -> Result<Terms, AppError> {
    Ok(active(store)?.policy.terms)
}

fn view(s: &Session) -> Result<PolicyView, AppError> {
    let active = active(&s.store)?;
    Ok(PolicyView {
        policy: active.policy,
        source: active.source.map(|src| PolicySourceView {
            version: u32::try_from(src.version).unwrap_or(u32::MAX),
            signer: src.signer,
            issued_at: iso(src.issued_at_ms),
            accepted_at: iso(src.accepted_at_ms),
        }),
        can_edit: s
            .sync
            .as_ref()
            .is_some_and(|e| e.role() == aankomst_sync::Role::Supervisor),
    })
}

fn invalid(e: PolicyError) -> AppError {
    match e {
        PolicyError::Invalid { field, .. } => AppError::new("policy_invalid").arg("field", field),
        _ => AppError::new("policy_invalid").arg("field", "schema"),
    }
}

impl Session {
    /// Shortens the session's auto-lock to the longest the active policy allows.
    pub(crate) fn clamp_auto_lock(&mut self) -> Result<(), AppError> {
        let max = u64::from(active(&self.store)?.policy.max_auto_lock_minutes) * 60;
        if self.auto_lock.as_secs() > max {
            self.auto_lock = std::time::Duration::from_secs(max);
        }
        Ok(())
    }
}

impl AppService {
    /// The policy this device runs on, with where it came from.
    pub fn get_policy(&self) -> Result<PolicyView, AppError> {
        self.with_session_for_sync(|s| view(s))
    }

    /// On a supervisor's device: signs `policy` with this device's key as the next version,
    /// publishes it on the server and records it in the audit trail. Every laptop (this one
    /// included) takes it at its next sync, once the signer's certificate chains to the
    /// tenant root. Nothing changes locally before that sync.
    pub fn publish_policy(&self, policy: Policy) -> Result<PolicyView, AppError> {
        policy.validate().map_err(invalid)?;
        self.with_session_for_sync(|s| {
            let engine = s
                .sync
                .as_ref()
                .ok_or_else(|| AppError::new("sync_not_enrolled"))?;
            let signed = engine
                .sign_policy(&policy)
                .map_err(crate::sync::sync_error)?;
            let version = engine
                .publish_policy(&signed)
                .map_err(crate::sync::sync_error)?;
            let identity = s.store.identity().clone();
            s.store.append_audit(AuditEvent {
                at: Utc::now(),
                user: identity.user,
                device: identity.device,
                client: None,
                action: AuditAction::Write,
                object: format!("policy-published:{version}"),
                on_behalf_of: None,
            })?;
            tracing::info!(version, "policy published");
            view(s)
        })
    }
}
