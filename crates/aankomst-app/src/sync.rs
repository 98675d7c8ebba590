//! Sync as the app offers it: enrolment, the Sync button with progress, the ledger, the team-key
//! grant on a supervisor's device, conflicts for a person to settle, the offline lock after N
//! days without a check-in, and the wipe of a revoked device. The protocol itself is
//! `aankomst_sync`; this module only connects it to the open session.

use crate::error::AppError;
use crate::service::{lock_ignoring_poison, now_ms, parse_id, AppService, Session};
use crate::sync_ipc::*;
use aankomst_core::RecordKind;
use aankomst_sync::{Enrolment, Phase, ServerSettings, SyncEngine, SyncError};
use chrono::{DateTime, SecondsFormat, Utc};

/// Days without a check-in after which the app locks client data until the next sync, when
/// the tenant has published no policy (the default policy's).
pub const DEFAULT_OFFLINE_LOCK_DAYS: u32 = aankomst_core::policy::DEFAULT_OFFLINE_LOCK_DAYS;
const DAY_MS: u64 = 24 * 60 * 60 * 1000;
const LEDGER_LINES: usize = 500;
/// How many ledger lines are read to find the shown ones among a pull's own envelopes.
const LEDGER_SCAN: usize = 5_000;

/// A sync error as the UI shows it: a message key, never the server's words (they could be
/// anything) and never client data.
pub(crate) fn sync_error(e: SyncError) -> AppError {
    match e {
        SyncError::Network(_) => AppError::new("sync_unreachable"),
        SyncError::Refused { code, .. } => AppError::new("sync_refused").arg("code", code),
        SyncError::Revoked => AppError::new("sync_revoked"),
        // Refused as revoked without a signed revocation that verifies: nothing is wiped.
        SyncError::RevocationUnverified(_) => AppError::new("sync_revocation_unverified"),
        SyncError::NotCertified => AppError::new("sync_not_certified"),
        SyncError::NotCertifiedSupervisor => AppError::new("sync_not_certified_supervisor"),
        SyncError::UnknownAuthor(_) => AppError::new("sync_unknown_author"),
        SyncError::RateLimited { retry_after_s } => {
            AppError::new("sync_rate_limited").arg("seconds", retry_after_s)
        }
        SyncError::RecipientListRefused(_) | SyncError::TenantRootMismatch => {
            AppError::new("sync_recipients_refused")
        }
        SyncError::NoRecipientList => AppError::new("sync_no_recipient_list"),
        SyncError::TeamKeyMissing => AppError::new("sync_team_key_missing"),
        SyncError::NotEnrolled => AppError::new("sync_not_enrolled"),
        SyncError::AlreadyEnrolled => AppError::new("sync_already_enrolled"),
        SyncError::CannotGrant(_) => AppError::new("sync_cannot_grant"),
        SyncError::FingerprintMismatch => AppError::new("fingerprint_mismatch"),
        // Stopped because the app locked: the session is gone, and that is what to say.
        SyncError::Cancelled => AppError::locked(),
        SyncError::NotSupervisor => AppError::new("sync_not_supervisor"),
        SyncError::BadServerSettings(_) => AppError::new("sync_bad_settings"),
        SyncError::Store(e) => e.into(),
        other => {
            tracing::warn!(error = %other, "sync failed");
            AppError::new("sync_failed")
        }
    }
}

fn iso(ms: u64) -> String {
    DateTime::<Utc>::from_timestamp_millis(i64::try_from(ms).unwrap_or(i64::MAX))
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn clamp(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Session {
    /// The active municipal policy's offline lock (DESIGN §4.4, §4.13).
    pub(crate) fn offline_lock_days(&self) -> Result<u32, AppError> {
        Ok(crate::policy::active(&self.store)?.policy.offline_lock_days)
    }

    /// Whether client data is locked because this enrolled device has not checked in with the
    /// server for the tenant's number of days (DESIGN §4.4). A device never enrolled has no
    /// server to check in with and is never locked this way.
    pub(crate) fn offline_locked(&self, now_ms: u64) -> Result<bool, AppError> {
        if self.sync.is_none() {
            return Ok(false);
        }
        let last = SyncEngine::last_check_in(&self.store).map_err(sync_error)?;
        Ok(past_offline_limit(last, self.offline_lock_days()?, now_ms))
    }
}

/// Whether more than `days` whole days passed since the last check-in (none counts as never).
fn past_offline_limit(last_check_in_ms: Option<u64>, days: u32, now_ms: u64) -> bool {
    let limit = u64::from(days) * DAY_MS;
    last_check_in_ms.is_none_or(|last| now_ms.saturating_sub(last) > limit)
}

impl AppService {
    /// The sync state for the Sync screen and the header.
    pub fn sync_status(&self) -> Result<SyncStatus, AppError> {
        self.with_session_for_sync(|s| status(s))
    }

    /// Enrols this profile's device with the municipal server, with the one-time code a
    /// supervisor issued and the tenant's root key given on paper.
    pub fn enrol_device(&self, req: EnrolRequest) -> Result<SyncStatus, AppError> {
        let enrolment = Enrolment {
            server: ServerSettings {
                url: req.server_url.trim().to_owned(),
                ca_pem: req.server_certificate,
            },
            tenant: req.tenant.trim().to_owned(),
            tenant_root_public_key: req.tenant_root_key.trim().to_owned(),
            code: req.code.trim().to_owned(),
        };
        self.with_session_for_sync(|s| {
            let mut engine = SyncEngine::enrol(&mut s.store, &enrolment).map_err(sync_error)?;
            self.configure_sync_engine(&mut engine);
            s.sync = Some(engine);
            // Sealed answers written before there was a list to seal them with.
            crate::service::seal_answers_written_before(&mut s.store)?;
            status(s)
        })
    }

    /// Before enrolment: pins the municipality's signed key list (`recipients.json`) under its
    /// root key (`root.pub`), so sealed instruments (the K10 for the GGD) can be given and are
    /// sealed for the GGD as they are written. Enrolment later must be for the same
    /// municipality.
    pub fn pin_recipient_list(
        &self,
        tenant_root_key: &str,
        recipient_list: &str,
    ) -> Result<SyncStatus, AppError> {
        self.with_session(|s| {
            aankomst_sync::pin_recipient_list(
                &mut s.store,
                tenant_root_key,
                recipient_list.as_bytes(),
            )
            .map_err(sync_error)?;
            tracing::info!("municipal key list pinned before enrolment");
            crate::service::seal_answers_written_before(&mut s.store)?;
            status(s)
        })
    }

    /// Push then pull, reporting progress to the host as it goes. A revoked device is wiped:
    /// its database and keys are destroyed and the profile is gone.
    ///
    /// The sync runs on a connection and an engine of its own, outside the session lock, so
    /// locking (Ctrl+L, the idle lock) and every other command go on during a slow sync. A
    /// lock sets the sync's stop flag: it stops at its next request, its store as consistent
    /// as after any interruption, and the next sync resumes.
    pub fn sync_now(&self) -> Result<SyncReportView, AppError> {
        let _one_at_a_time = lock_ignoring_poison(&self.sync_runs);
        let (generation, profile, mut store, mut engine) = {
            let mut guard = lock_ignoring_poison(&self.session);
            let session = guard.as_mut().ok_or_else(AppError::locked)?;
            if session.client_view.is_some() {
                return Err(AppError::new("client_view_active"));
            }
            if session.sync.is_none() {
                return Err(AppError::new("sync_not_enrolled"));
            }
            self.touch();
            let store = session.store.open_another()?;
            let engine = self
                .load_sync_engine(&store)
                .ok_or_else(|| AppError::new("sync_not_enrolled"))?;
            // Set while the session lock is held: a lock from now on stops this sync.
            *lock_ignoring_poison(&self.running_sync) = Some(engine.stop_flag());
            (session.generation, session.meta.id.clone(), store, engine)
        };
        let host = self.host();
        let stop = engine.stop_flag();
        let mut result = engine.sync(&mut store, &mut |p| {
            if stop.load(std::sync::atomic::Ordering::SeqCst) {
                return; // locked: the UI shows no client data, nor a sync's progress.
            }
            host.sync_progress(&SyncProgress {
                phase: match p.phase {
                    Phase::Push => "push".into(),
                    Phase::Pull => "pull".into(),
                },
                records: clamp(p.records),
                total_records: p.total_records.map(clamp),
                bytes: clamp(p.bytes),
            })
        });
        if result.is_ok() {
            // Sealed administrations now in receipted envelopes: this device forgets the answers.
            if let Err(e) = store
                .forget_receipted_sealed()
                .and_then(|_| store.forget_sealed_answers())
            {
                result = Err(SyncError::Store(e));
            }
        }
        if matches!(result, Err(SyncError::Revoked)) {
            *lock_ignoring_poison(&self.running_sync) = None;
            drop(engine);
            self.wipe_revoked(&profile, store);
            return Err(AppError::new("sync_revoked"));
        }
        {
            let mut guard = lock_ignoring_poison(&self.session);
            *lock_ignoring_poison(&self.running_sync) = None;
            if let Some(session) = guard.as_mut().filter(|s| s.generation == generation) {
                // What the sync stored (received revisions, fetched team keys, a newer
                // recipient list) is now the session's too.
                session.store.catch_up_clock()?;
                if let Some(reloaded) = self.load_sync_engine(&session.store) {
                    session.sync = Some(reloaded);
                }
                // A newly accepted policy may allow a shorter auto-lock only.
                session.clamp_auto_lock()?;
            }
        }
        drop(engine);
        drop(store);
        match result {
            Ok(report) => Ok(SyncReportView {
                pushed: clamp(report.pushed),
                pushed_bytes: clamp(report.pushed_bytes),
                pulled: clamp(report.pulled),
                pulled_bytes: clamp(report.pulled_bytes),
                already_held: clamp(report.already_held),
                sealed_for_others: clamp(report.sealed_for_others),
                refused: clamp(report.refused),
                checked_in_at: iso(report.checked_in_at_ms),
                policy_accepted: report.policy_accepted.map(clamp),
                policy_refused: report.policy_refused.map(|r| r.code().to_owned()),
            }),
            Err(e) => Err(sync_error(e)),
        }
    }

    /// The newest ledger lines first: what went, what came, when, with receipts.
    pub fn sync_ledger(&self) -> Result<Vec<LedgerLine>, AppError> {
        self.with_session_for_sync(|s| {
            // This device's own envelopes coming back in a pull say nothing new: the ledger
            // shows what went (with receipts) and what came from others.
            let lines = SyncEngine::ledger(&s.store, LEDGER_SCAN).map_err(sync_error)?;
            Ok(lines
                .into_iter()
                .filter(|l| l.outcome != "own_envelope")
                .take(LEDGER_LINES)
                .map(|l| LedgerLine {
                    at: iso(l.at_ms),
                    direction: l.direction,
                    outcome: l.outcome,
                    envelope_id: l.envelope_id,
                    record_kind: l.record_kind,
                    server_sequence: clamp(l.server_sequence),
                    bytes: clamp(l.bytes),
                })
                .collect())
        })
    }

    /// On a supervisor's device: the devices waiting for the team key, with the fingerprint to
    /// compare with the one the new device shows.
    pub fn pending_devices(&self) -> Result<Vec<PendingDeviceView>, AppError> {
        self.with_session_for_sync(|s| {
            let engine = s
                .sync
                .as_ref()
                .ok_or_else(|| AppError::new("sync_not_enrolled"))?;
            Ok(engine
                .pending_grants()
                .map_err(sync_error)?
                .into_iter()
                // This device's own request (made at enrolment) is not for it to grant.
                .filter(|d| d.device_id != engine.device_id())
                .map(|d| PendingDeviceView {
                    device_id: d.device_id,
                    fingerprint: d.fingerprint,
                })
                .collect())
        })
    }

    /// On a supervisor's device: grants the team key to a waiting device, only when
    /// `typed_fingerprint` (what the supervisor typed from the new device's screen) is that
    /// device's; otherwise `fingerprint_mismatch` and nothing is sent.
    pub fn grant_team_key(&self, device_id: &str, typed_fingerprint: &str) -> Result<(), AppError> {
        self.with_session_for_sync(|s| {
            let engine = s
                .sync
                .as_ref()
                .ok_or_else(|| AppError::new("sync_not_enrolled"))?;
            engine
                .grant_team_key(device_id, typed_fingerprint)
                .map_err(sync_error)
        })
    }

    /// On a supervisor's device: the team's devices with role, enrolment, last contact and
    /// whether they are revoked.
    pub fn team_devices(&self) -> Result<Vec<ManagedDeviceView>, AppError> {
        self.with_session_for_sync(|s| {
            let engine = s
                .sync
                .as_ref()
                .ok_or_else(|| AppError::new("sync_not_enrolled"))?;
            let own = engine.device_id().to_owned();
            Ok(engine
                .managed_devices()
                .map_err(sync_error)?
                .into_iter()
                .map(|d| managed_view(d, &own, engine.trust_directory()))
                .collect())
        })
    }

    /// On a supervisor's device: a one-time enrolment code for a new device, shown once.
    pub fn issue_enrolment_code(
        &self,
        req: IssueEnrolmentCodeRequest,
    ) -> Result<EnrolmentCodeView, AppError> {
        let role = aankomst_sync::Role::parse(&req.role)
            .ok_or_else(|| AppError::new("enrol_code_bad_role"))?;
        if !(1..=336).contains(&req.valid_for_hours) {
            return Err(AppError::new("enrol_code_bad_validity"));
        }
        let label = req
            .label
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty());
        if label.is_some_and(|l| l.chars().count() > 100 || l.chars().any(char::is_control)) {
            return Err(AppError::new("enrol_code_bad_label"));
        }
        self.with_session_for_sync(|s| {
            let engine = s
                .sync
                .as_ref()
                .ok_or_else(|| AppError::new("sync_not_enrolled"))?;
            let issued = engine
                .issue_enrolment_code(role, u64::from(req.valid_for_hours) * 3600, label)
                .map_err(sync_error)?;
            Ok(EnrolmentCodeView {
                code: issued.code,
                role: issued.role.as_str().to_owned(),
                label: issued.label,
                expires_at: iso(issued.expires_at_ms),
            })
        })
    }

    /// On a supervisor's device: revokes another device of the team (a lost laptop). Its
    /// next contact with the server wipes it. The team key it held should be rotated next
    /// (`aankomst-keys rotate-team`, docs/sync-and-keys.md).
    pub fn revoke_device(&self, device_id: &str) -> Result<ManagedDeviceView, AppError> {
        self.with_session_for_sync(|s| {
            let engine = s
                .sync
                .as_ref()
                .ok_or_else(|| AppError::new("sync_not_enrolled"))?;
            let own = engine.device_id().to_owned();
            if device_id == own {
                return Err(AppError::new("device_cannot_revoke_self"));
            }
            let revoked = engine.revoke_device(device_id).map_err(|e| match e {
                SyncError::Refused { code, .. } if code == "no_such_device" => {
                    AppError::new("device_not_found")
                }
                SyncError::Refused { code, .. } if code == "cannot_revoke_self" => {
                    AppError::new("device_cannot_revoke_self")
                }
                other => sync_error(other),
            })?;
            Ok(managed_view(revoked, &own, engine.trust_directory()))
        })
    }

    /// On the first supervisor's device: takes the team key from the tenant's key ceremony
    /// (its secret, base64url as the ceremony tool writes it). Refused unless it is the team
    /// key of the verified recipient list.
    pub fn import_team_key(&self, secret: &str) -> Result<SyncStatus, AppError> {
        use base64::Engine as _;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(secret.trim().trim_end_matches('='))
            .ok()
            .and_then(|b| <[u8; 32]>::try_from(b.as_slice()).ok())
            .map(zeroize::Zeroizing::new)
            .ok_or_else(|| AppError::new("sync_team_key_invalid"))?;
        self.with_session_for_sync(|s| {
            let Session { store, sync, .. } = s;
            let engine = sync
                .as_mut()
                .ok_or_else(|| AppError::new("sync_not_enrolled"))?;
            engine.import_team_key(store, &bytes).map_err(|e| match e {
                SyncError::Seal(_) => AppError::new("sync_team_key_invalid"),
                other => sync_error(other),
            })?;
            status(s)
        })
    }

    /// Sets the number of days without a check-in after which client data locks.
    pub fn set_offline_lock_days(&self, days: u32) -> Result<SyncStatus, AppError> {
        if !(1..=365).contains(&days) {
            return Err(AppError::new("sync_bad_lock_days"));
        }
        // The policy fixes the offline lock: the same number again is fine, another is refused
        // (a longer one would loosen it; a supervisor changes the policy).
        self.with_session_for_sync(|s| {
            if days != s.offline_lock_days()? {
                return Err(crate::policy::policy_fixed("offline_lock_days"));
            }
            status(s)
        })
    }

    /// Fields edited on two devices at once, every version kept, for a person to settle.
    pub fn list_conflicts(&self) -> Result<Vec<ConflictView>, AppError> {
        self.with_session(|s| {
            let mut out = Vec::new();
            for kind in RecordKind::ALL {
                let mut found = Vec::new();
                s.store.for_each_of_kind(kind, |id, state| {
                    // A sealed administration's answers are not the counsellor's to see.
                    let sealed = state.fields.get("sealed_for").is_some_and(|v| !v.is_null());
                    if !state.conflicts.is_empty() && !sealed {
                        found.push((id, state.conflicts.clone()));
                    }
                })?;
                for (id, conflicts) in found {
                    let client = s.store.client_of_record(id)?;
                    let client_name = match client {
                        Some(c) => s.store.get(c)?.map(|r| {
                            aankomst_core::records::view::<aankomst_core::Client>(&r.state.fields)
                                .display_name()
                        }),
                        None => None,
                    };
                    for (field, versions) in conflicts {
                        out.push(ConflictView {
                            record_id: id.to_string(),
                            record_kind: kind.as_str().to_owned(),
                            client_id: client.map(|c| c.to_string()),
                            client_name: client_name.clone(),
                            field,
                            versions: versions
                                .into_iter()
                                .map(|v| ConflictVersion {
                                    value: v.value,
                                    author_user: v.author_user,
                                    at: iso(v.hlc.wall_ms),
                                })
                                .collect(),
                        });
                    }
                }
            }
            Ok(out)
        })
    }

    /// Settles a conflict: the chosen (or a newly typed) value, written knowing every
    /// version, so the conflict is gone on every device once this revision syncs.
    pub fn settle_conflict(&self, req: SettleConflictRequest) -> Result<(), AppError> {
        let id = parse_id(&req.record_id)?;
        self.with_session(|s| {
            let record = s
                .store
                .get(id)?
                .ok_or_else(|| AppError::new("record_not_found"))?;
            if !record.state.conflicts.contains_key(&req.field) {
                return Err(AppError::new("conflict_gone"));
            }
            let mut fields = aankomst_core::Fields::new();
            fields.insert(req.field, req.value);
            s.store.write(record.kind, id, fields)?;
            Ok(())
        })
    }

    /// The server said this device is revoked: destroys its database (through the sync's own
    /// connection, the session's closed first) and the profile, then tells the host. Done under
    /// the session lock, so neither a lock nor an unlock of this profile runs meanwhile; an
    /// unlock that opened the database before is refused ([`AppService::open_session`]).
    fn wipe_revoked(&self, profile: &str, sync_store: aankomst_store::Store) {
        let mut guard = lock_ignoring_poison(&self.session);
        if guard.as_ref().is_some_and(|s| s.meta.id == profile) {
            drop(guard.take());
        }
        let db_path = self.profiles.db_path(profile);
        if let Err(e) = SyncEngine::wipe(sync_store, &db_path) {
            tracing::error!(error = %e, "wiping the revoked device's database failed");
        }
        if let Err(e) = self.profiles.destroy(profile) {
            tracing::error!(error = %e, "removing the revoked profile failed");
        }
        drop(guard);
        self.host().wiped();
    }
}

/// A device of the supervisor's list: role and certification from the verified directory, the
/// rest (label, contact, the server's block) as the server reports it.
fn managed_view(
    d: aankomst_sync::ManagedDevice,
    own: &str,
    trust: &aankomst_seal::TrustDirectory,
) -> ManagedDeviceView {
    let entry = trust.device(&d.device_id);
    let certification = match entry.map(|e| e.status) {
        Some(aankomst_seal::DeviceStatus::Active) => "certified",
        Some(aankomst_seal::DeviceStatus::Revoked { .. }) => "revoked",
        None => "not_certified",
    };
    ManagedDeviceView {
        this_device: d.device_id == own,
        audit_warning: !d.audit_flags.is_empty(),
        role: entry
            .map(|e| e.role.as_str())
            .unwrap_or(d.role.as_str())
            .to_owned(),
        certification: certification.to_owned(),
        device_id: d.device_id,
        label: d.label,
        status: d.status,
        enrolled_at: iso(d.enrolled_at_ms),
        last_contact: d.last_contact_ms.map(iso),
        revoked_at: d.revoked_at_ms.map(iso),
    }
}

fn status(s: &Session) -> Result<SyncStatus, AppError> {
    let now = now_ms();
    let days = s.offline_lock_days()?;
    let ggd_key_pinned = aankomst_sync::WriteSealer::load(&s.store)
        .ok()
        .flatten()
        .is_some_and(|w| w.has_recipient(aankomst_core::sealing::GGD));
    let Some(engine) = &s.sync else {
        return Ok(SyncStatus {
            enrolled: false,
            offline_lock_days: days,
            ggd_key_pinned,
            ..SyncStatus::default()
        });
    };
    let last = SyncEngine::last_check_in(&s.store).map_err(sync_error)?;
    Ok(SyncStatus {
        enrolled: true,
        device_id: Some(engine.device_id().to_owned()),
        role: Some(engine.role().as_str().to_owned()),
        fingerprint: Some(engine.fingerprint()),
        device_public_key: engine
            .device_public_key(engine.device_id())
            .map(|k| k.to_base64url()),
        certified: engine
            .trust_directory()
            .device(engine.device_id())
            .is_some_and(|e| {
                e.status == aankomst_seal::DeviceStatus::Active
                    && engine
                        .device_public_key(engine.device_id())
                        .is_some_and(|k| k == e.key)
            }),
        has_team_key: engine.has_team_key(),
        last_check_in: last.map(iso),
        days_since_check_in: last.map(|l| clamp(now.saturating_sub(l) / DAY_MS)),
        unsynced: clamp(SyncEngine::unsynced(&s.store).map_err(sync_error)?),
        offline_lock_days: days,
        offline_locked: s.offline_locked(now)?,
        ggd_key_pinned,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offline_lock_falls_just_after_the_last_allowed_day() {
        let day = DAY_MS;
        let last = 1_000 * day;
        assert!(!past_offline_limit(Some(last), 30, last));
        assert!(!past_offline_limit(Some(last), 30, last + 30 * day));
        assert!(past_offline_limit(Some(last), 30, last + 30 * day + 1));
        // A clock set back (now before the check-in) never locks.
        assert!(!past_offline_limit(Some(last), 1, last - 5 * day));
        assert!(past_offline_limit(None, 30, last));
    }
}
