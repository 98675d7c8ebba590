use crate::error::AppError;
use crate::ipc::*;
use crate::screening::{load_registry, ClientViewState};
use aankomst_core::audit::{AuditAction, AuditEvent};
use aankomst_core::demo::{self, DemoScale};
use aankomst_core::passphrase::{self, PassphraseStrength};
use aankomst_core::records::{view, Case, Client, Conversation, Household, HouseholdMember};
use aankomst_core::{Fields, PartialDate, RecordKind};
use aankomst_instruments::Registry;
use aankomst_store::{
    ClientQuery, InstanceLock, KdfParams, OpenOptions, ProfileMeta, Profiles, SecretStore, Store,
    StoreError,
};
use aankomst_sync::SyncEngine;
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use chrono_tz::Europe::Amsterdam;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockReason {
    Idle,
    Manual,
}

/// What the commands need from the program hosting them (the Tauri shell, or a test).
pub trait Host: Send + Sync {
    /// The session was locked: the UI must leave every screen showing client data, and
    /// client-facing windows must close.
    fn locked(&self, reason: LockReason);
    /// A sync is under way: records and bytes so far, for a progress bar.
    fn sync_progress(&self, _progress: &crate::sync_ipc::SyncProgress) {}
    /// The server said this device was revoked: its database and keys are destroyed and the
    /// profile is gone; the UI must go back to the start screen and say so.
    fn wiped(&self) {}
    /// The user's Downloads folder (or another folder of theirs), where an export goes when
    /// no folder was typed; `None` when there is none (the export then fails).
    fn downloads_dir(&self) -> Option<PathBuf> {
        None
    }
    /// Asks the user where to save a file (a save dialog); `None` when they cancelled or
    /// there is no one to ask.
    fn choose_save_path(&self, _dialog: &crate::exports::SaveDialog) -> Option<PathBuf> {
        None
    }
}

pub struct ServiceConfig {
    pub data_dir: PathBuf,
    pub secrets: Arc<dyn SecretStore>,
    /// Argon2id cost for new profiles; tests lower it.
    pub kdf: fn() -> KdfParams,
    pub open_options: OpenOptions,
    /// Size of the demo data set (clients, and conversations per case).
    pub demo_clients: usize,
    pub demo_conversations_per_case: usize,
    /// How long one sync request may take; `None` keeps the sync client's own (120 s). Tests
    /// shorten it to see a stalled sync end.
    pub sync_request_timeout: Option<Duration>,
}

impl ServiceConfig {
    pub fn new(data_dir: PathBuf, secrets: Arc<dyn SecretStore>) -> Self {
        ServiceConfig {
            data_dir,
            secrets,
            kdf: KdfParams::recommended,
            open_options: OpenOptions::default(),
            demo_clients: 36,
            demo_conversations_per_case: 4,
            sync_request_timeout: None,
        }
    }
}

pub(crate) struct Session {
    /// Which opening of a profile this is (a sync finishing after a lock and a new unlock
    /// must not touch the new session).
    pub(crate) generation: u64,
    pub(crate) meta: ProfileMeta,
    pub(crate) store: Store,
    pub(crate) auto_lock: Duration,
    /// Shipped instrument definitions plus the packs imported into this profile.
    pub(crate) registry: Registry,
    /// Set while the screen is handed to the client.
    pub(crate) client_view: Option<ClientViewState>,
    /// Present once this profile's device is enrolled with a municipal server.
    pub(crate) sync: Option<SyncEngine>,
    /// The answers (and safety acknowledgements) of sealed administrations given in this
    /// session, by administration: kept in memory only, for the screen that is filling them in
    /// (skip logic, going back, the review). The store holds them only sealed for the GGD
    /// (DESIGN §4.14); they are gone when the session locks.
    pub(crate) sealed_answers: std::collections::HashMap<Uuid, aankomst_core::Fields>,
}

impl Session {
    /// Appends a read, export or print of a record's client data to the audit trail (the
    /// store audits every write itself). Records of no client leave no entry.
    pub(crate) fn audit_record(
        &mut self,
        action: AuditAction,
        record_id: Uuid,
    ) -> Result<(), AppError> {
        let Some(record) = self.store.get(record_id)? else {
            return Ok(());
        };
        let Some(client) = self.store.client_of_record(record_id)? else {
            return Ok(());
        };
        let identity = self.store.identity().clone();
        self.store.append_audit(AuditEvent {
            at: Utc::now(),
            user: identity.user,
            device: identity.device,
            client: Some(client.to_string()),
            action,
            object: format!("{}:{record_id}", record.kind.as_str()),
            on_behalf_of: None,
        })?;
        Ok(())
    }
}

pub struct AppService {
    config: ServiceConfig,
    pub(crate) profiles: Profiles,
    instance: Option<InstanceLock>,
    pub(crate) session: Mutex<Option<Session>>,
    last_activity: Mutex<Instant>,
    host: Arc<dyn Host>,
    /// Counts session openings ([`Session::generation`]).
    sessions_opened: AtomicU64,
    /// One sync at a time; a second waits for the first (as it did behind the session).
    pub(crate) sync_runs: Mutex<()>,
    /// The stop flag of the sync under way, if any: [`AppService::lock`] sets it, so the sync
    /// stops at its next request. Taken after `session` whenever both are held.
    pub(crate) running_sync: Mutex<Option<Arc<AtomicBool>>>,
}

const DEFAULT_AUTO_LOCK_MINUTES: u32 = 5;
const SETTING_AUTO_LOCK: &str = "auto_lock_minutes";
const LANGUAGES: [&str; 2] = ["nl", "en"];

pub(crate) fn lock_ignoring_poison<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The id in a link field of a record, which must be there.
pub(crate) fn linked_id(link: Option<&str>) -> Result<Uuid, AppError> {
    link.map(parse_id)
        .transpose()?
        .ok_or_else(|| AppError::new("record_not_found"))
}

pub(crate) fn parse_id(id: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(id).map_err(|_| AppError::new("record_not_found"))
}

pub(crate) fn object(value: Value) -> Result<Fields, AppError> {
    match value {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Fields::new()),
        _ => Err(AppError::new("internal")),
    }
}

pub(crate) fn today() -> NaiveDate {
    Utc::now().with_timezone(&Amsterdam).date_naive()
}

pub(crate) fn hlc_time(wall_ms: u64) -> String {
    DateTime::<Utc>::from_timestamp_millis(wall_ms as i64)
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl AppService {
    pub fn new(config: ServiceConfig, host: Arc<dyn Host>) -> Self {
        let instance = match InstanceLock::acquire(&config.data_dir) {
            Ok(lock) => Some(lock),
            Err(e) => {
                tracing::warn!(error = %e, "another instance holds the data directory");
                None
            }
        };
        let profiles = Profiles::new(&config.data_dir, config.secrets.clone());
        AppService {
            config,
            profiles,
            instance,
            session: Mutex::new(None),
            last_activity: Mutex::new(Instant::now()),
            host,
            sessions_opened: AtomicU64::new(0),
            sync_runs: Mutex::new(()),
            running_sync: Mutex::new(None),
        }
    }

    fn require_instance(&self) -> Result<(), AppError> {
        if self.instance.is_none() {
            return Err(AppError::new("already_running"));
        }
        Ok(())
    }

    fn summary(&self, meta: &ProfileMeta) -> ProfileSummary {
        ProfileSummary {
            id: meta.id.clone(),
            name: meta.name.clone(),
            demo: meta.demo,
            created_at: meta.created_at.clone(),
            retry_after_secs: meta.retry_after_secs(now_ms()),
        }
    }

    fn session_info(&self, s: &Session) -> SessionInfo {
        SessionInfo {
            profile: self.summary(&s.meta),
            auto_lock_minutes: (s.auto_lock.as_secs() / 60) as u32,
            client_view: s.client_view.as_ref().map(|c| c.administration.to_string()),
        }
    }

    /// Runs `f` on the open session; refuses when locked. Every command counts as activity.
    pub(crate) fn with_session<T>(
        &self,
        f: impl FnOnce(&mut Session) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut guard = lock_ignoring_poison(&self.session);
        let session = guard.as_mut().ok_or_else(AppError::locked)?;
        if session.client_view.is_some() {
            // The client has the screen: nothing of the file may be reached from it.
            return Err(AppError::new("client_view_active"));
        }
        if session.offline_locked(now_ms())? {
            // Too long without a check-in: client data waits for the next sync.
            return Err(AppError::new("offline_locked"));
        }
        *lock_ignoring_poison(&self.last_activity) = Instant::now();
        f(session)
    }

    /// Like [`Self::with_session`] but open while the offline lock holds: sync is how the lock
    /// is lifted.
    pub(crate) fn with_session_for_sync<T>(
        &self,
        f: impl FnOnce(&mut Session) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut guard = lock_ignoring_poison(&self.session);
        let session = guard.as_mut().ok_or_else(AppError::locked)?;
        if session.client_view.is_some() {
            return Err(AppError::new("client_view_active"));
        }
        *lock_ignoring_poison(&self.last_activity) = Instant::now();
        f(session)
    }

    pub(crate) fn host(&self) -> &Arc<dyn Host> {
        &self.host
    }

    /// Runs `f` while the client-facing view is open; refuses otherwise.
    pub(crate) fn with_client_view<T>(
        &self,
        f: impl FnOnce(&mut Session, &mut ClientViewState) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut guard = lock_ignoring_poison(&self.session);
        let session = guard.as_mut().ok_or_else(AppError::locked)?;
        let mut state = session
            .client_view
            .take()
            .ok_or_else(|| AppError::new("client_view_not_active"))?;
        *lock_ignoring_poison(&self.last_activity) = Instant::now();
        let result = f(session, &mut state);
        session.client_view = Some(state);
        result
    }

    // ---- profiles, unlock and lock ------------------------------------------------------

    pub fn app_status(&self) -> Result<AppStatus, AppError> {
        let instance = if self.instance.is_some() {
            InstanceState::Ok
        } else {
            InstanceState::AlreadyRunning
        };
        let profiles = if self.instance.is_some() {
            self.profiles
                .list()?
                .iter()
                .map(|m| self.summary(m))
                .collect()
        } else {
            Vec::new()
        };
        let session = lock_ignoring_poison(&self.session)
            .as_ref()
            .map(|s| self.session_info(s));
        Ok(AppStatus {
            instance,
            profiles,
            session,
            language: self.language(),
        })
    }

    pub fn assess_passphrase(&self, passphrase: &str, name: &str) -> PassphraseStrength {
        let words: Vec<&str> = name.split_whitespace().collect();
        passphrase::assess(passphrase, &words)
    }

    pub fn create_profile(&self, req: CreateProfileRequest) -> Result<SessionInfo, AppError> {
        self.require_instance()?;
        if req.name.trim().is_empty() {
            return Err(StoreError::ProfileNameEmpty.into());
        }
        if !self
            .assess_passphrase(&req.passphrase, &req.name)
            .acceptable
        {
            return Err(StoreError::PassphraseTooWeak.into());
        }
        let (meta, mut store) =
            self.profiles
                .create(&req.name, &req.passphrase, req.demo, (self.config.kdf)())?;
        if req.demo {
            let scale = DemoScale {
                clients: self.config.demo_clients,
                conversations_per_case: self.config.demo_conversations_per_case,
            };
            let records = demo::generate(today(), &meta.name, &scale, 2026, Uuid::now_v7);
            let count = |kind| records.iter().filter(|r| r.kind == kind).count();
            // Counts only: the demo data is fictional, but logs never carry record content.
            tracing::info!(
                clients = count(RecordKind::Client),
                households = count(RecordKind::Household),
                cases = count(RecordKind::Case),
                conversations = count(RecordKind::Conversation),
                "demo profile filled"
            );
            store.write_batch(records.into_iter().map(|r| (r.kind, r.id, r.fields)))?;
            // The demo K10 is sealed like a real one, for a GGD key nobody holds.
            aankomst_sync::pin_demo_recipient_list(&mut store).map_err(crate::sync::sync_error)?;
        }
        tracing::info!(demo = meta.demo, "profile created");
        self.open_session(meta, store)
    }

    pub fn unlock(&self, req: UnlockRequest) -> Result<SessionInfo, AppError> {
        self.require_instance()?;
        let result = self.profiles.unlock(
            &req.profile_id,
            &req.passphrase,
            now_ms(),
            &self.config.open_options,
        );
        match result {
            Ok((meta, store)) => {
                tracing::info!("profile unlocked");
                self.open_session(meta, store)
            }
            Err(e) => {
                tracing::info!(error = %e, "unlock refused");
                Err(e.into())
            }
        }
    }

    fn open_session(&self, meta: ProfileMeta, mut store: Store) -> Result<SessionInfo, AppError> {
        seal_answers_written_before(&mut store)?;
        let minutes = store
            .setting(SETTING_AUTO_LOCK)?
            .and_then(|v| v.as_u64())
            .map(|m| m as u32)
            .unwrap_or(DEFAULT_AUTO_LOCK_MINUTES)
            // Never longer than the active policy allows (it may have changed since it was set).
            .min(store.active_policy()?.policy.max_auto_lock_minutes);
        let registry = load_registry(&store)?;
        let sync = self.load_sync_engine(&store);
        let session = Session {
            generation: self.sessions_opened.fetch_add(1, Ordering::SeqCst) + 1,
            meta,
            store,
            auto_lock: Duration::from_secs(u64::from(minutes) * 60),
            registry,
            client_view: None,
            sync,
            sealed_answers: Default::default(),
        };
        let info = self.session_info(&session);
        let mut guard = lock_ignoring_poison(&self.session);
        // A revoked device's wipe (under this lock) may have removed the database while this
        // unlock had it open: such a session would live on deleted files.
        if !self.profiles.db_path(&session.meta.id).is_file() {
            return Err(StoreError::DatabaseMissing.into());
        }
        *guard = Some(session);
        drop(guard);
        *lock_ignoring_poison(&self.last_activity) = Instant::now();
        Ok(info)
    }

    /// The sync engine of a profile's store, `None` when not enrolled (or when its stored
    /// enrolment cannot be read: the profile stays usable offline, the Sync screen says it is
    /// not enrolled).
    pub(crate) fn load_sync_engine(&self, store: &Store) -> Option<SyncEngine> {
        let mut engine = SyncEngine::load(store).unwrap_or_else(|e| {
            tracing::error!(error = %e, "the stored sync enrolment cannot be loaded");
            None
        })?;
        self.configure_sync_engine(&mut engine);
        Some(engine)
    }

    /// Applies this service's configuration to a sync engine (the request timeout).
    pub(crate) fn configure_sync_engine(&self, engine: &mut SyncEngine) {
        if let Some(timeout) = self.config.sync_request_timeout {
            engine.set_request_timeout(timeout);
        }
    }

    /// Closes the database (its key leaves memory with it) and tells the host. Never waits for
    /// the network: a sync under way runs on its own connection and is told to stop at its
    /// next request (the one in flight ends with its answer or its timeout).
    pub fn lock(&self, reason: LockReason) {
        let closed = {
            let mut guard = lock_ignoring_poison(&self.session);
            if let Some(stop) = lock_ignoring_poison(&self.running_sync).as_ref() {
                stop.store(true, Ordering::SeqCst);
            }
            guard.take()
        };
        if let Some(session) = closed {
            if let Err(e) = session.store.checkpoint() {
                tracing::warn!(error = %e, "checkpoint on lock failed");
            }
            drop(session);
            tracing::info!(?reason, "session locked");
            self.host.locked(reason);
        }
    }

    pub fn touch(&self) {
        *lock_ignoring_poison(&self.last_activity) = Instant::now();
    }

    /// Locks when the session has been idle for its auto-lock time. Returns whether it
    /// locked. The host calls this every few seconds, so the app locks even when the UI
    /// is frozen or hidden.
    pub fn check_idle(&self, now: Instant) -> bool {
        let limit = match lock_ignoring_poison(&self.session).as_ref() {
            Some(s) => s.auto_lock,
            None => return false,
        };
        let idle = now.saturating_duration_since(*lock_ignoring_poison(&self.last_activity));
        if idle >= limit {
            self.lock(LockReason::Idle);
            return true;
        }
        false
    }

    // ---- settings -----------------------------------------------------------------------

    fn app_settings_path(&self) -> PathBuf {
        self.config.data_dir.join("settings.json")
    }

    pub fn language(&self) -> String {
        std::fs::read(self.app_settings_path())
            .ok()
            .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
            .and_then(|v| v.get("language").and_then(Value::as_str).map(str::to_owned))
            .filter(|l| LANGUAGES.contains(&l.as_str()))
            .unwrap_or_else(|| "nl".to_owned())
    }

    pub fn set_language(&self, language: &str) -> Result<(), AppError> {
        if !LANGUAGES.contains(&language) {
            return Err(AppError::new("internal"));
        }
        std::fs::create_dir_all(&self.config.data_dir).map_err(StoreError::from)?;
        std::fs::write(
            self.app_settings_path(),
            json!({ "language": language }).to_string(),
        )
        .map_err(StoreError::from)?;
        Ok(())
    }

    pub fn get_settings(&self) -> Result<Settings, AppError> {
        let language = self.language();
        self.with_session(|s| {
            Ok(Settings {
                auto_lock_minutes: (s.auto_lock.as_secs() / 60) as u32,
                language,
            })
        })
    }

    pub fn save_settings(&self, settings: Settings) -> Result<(), AppError> {
        if !(1..=60).contains(&settings.auto_lock_minutes) {
            return Err(AppError::new("internal"));
        }
        // A longer auto-lock than the policy allows is refused before anything is saved.
        self.with_session(|s| {
            let max = crate::policy::active(&s.store)?
                .policy
                .max_auto_lock_minutes;
            if settings.auto_lock_minutes > max {
                return Err(crate::policy::policy_fixed("auto_lock_minutes").arg("max", max));
            }
            Ok(())
        })?;
        self.set_language(&settings.language)?;
        self.with_session(|s| {
            s.store
                .set_setting(SETTING_AUTO_LOCK, &json!(settings.auto_lock_minutes))?;
            s.auto_lock = Duration::from_secs(u64::from(settings.auto_lock_minutes) * 60);
            Ok(())
        })
    }

    // ---- the case list ------------------------------------------------------------------

    pub fn list_cases(&self, req: CaseListRequest) -> Result<CaseList, AppError> {
        self.with_session(|s| {
            let query = ClientQuery {
                text: req.text,
                status: req.status,
                country: req.country,
                location: req.location,
                counsellor: if req.mine {
                    s.meta.name.clone()
                } else {
                    String::new()
                },
                limit: req.limit,
            };
            let today = today();
            let demo = s.meta.demo;
            let mut rows = Vec::new();
            let some = |v: String| Some(v).filter(|v| !v.is_empty());
            for hit in s.store.search_clients(&query)? {
                let dob: Option<PartialDate> = hit.date_of_birth.parse().ok();
                rows.push(CaseListRow {
                    client_id: hit.client_id.to_string(),
                    case_id: hit.case_id.map(|c| c.to_string()),
                    display_name: hit.display_name,
                    document_name: hit.document_name,
                    age: dob.and_then(|d| d.minimum_age_on(today)),
                    date_of_birth: some(hit.date_of_birth),
                    v_number: some(hit.v_number),
                    bsn: some(hit.bsn),
                    country: some(hit.country),
                    location: some(hit.location),
                    status: hit.status,
                    last_conversation: hit.last_conversation.filter(|l| !l.is_empty()),
                    household_size: hit.household_size,
                    demo,
                    counsellor: hit.counsellor,
                });
            }
            let (countries, locations) = s.store.client_facets()?;
            let total_clients = s.store.count_kind(RecordKind::Client)? as u32;
            Ok(CaseList {
                rows,
                total_clients,
                countries,
                locations,
            })
        })
    }

    // ---- clients and households ---------------------------------------------------------

    pub fn create_client(&self, req: CreateClientRequest) -> Result<ClientView, AppError> {
        let fields = object(req.fields)?;
        self.with_session(|s| {
            let client_id = Uuid::now_v7();
            let case = new_case_fields(client_id, &s.meta.name);
            s.store.write_batch([
                (RecordKind::Client, client_id, fields),
                (RecordKind::Case, Uuid::now_v7(), case),
            ])?;
            client_view(s, client_id)
        })
    }

    pub fn get_client(&self, id: &str) -> Result<ClientView, AppError> {
        let id = parse_id(id)?;
        self.with_session(|s| {
            s.audit_record(AuditAction::Read, id)?;
            client_view(s, id)
        })
    }

    pub fn add_household_member(
        &self,
        req: AddHouseholdMemberRequest,
    ) -> Result<ClientView, AppError> {
        let of = parse_id(&req.of_client_id)?;
        let fields = object(req.fields)?;
        self.with_session(|s| {
            s.store.get_kind(RecordKind::Client, of)?;
            let new_id = Uuid::now_v7();
            let mut writes = vec![(RecordKind::Client, new_id, fields)];
            if req.create_case {
                writes.push((
                    RecordKind::Case,
                    Uuid::now_v7(),
                    new_case_fields(new_id, &s.meta.name),
                ));
            }
            let member = Member {
                id: new_id,
                role: &req.role,
                nareiziger: req.nareiziger,
                arrived_on: req.arrived_on.as_deref(),
            };
            writes.push(household_write(s, of, req.household_id.as_deref(), member)?);
            s.store.write_batch(writes)?;
            client_view(s, of)
        })
    }

    pub fn link_household_member(
        &self,
        req: LinkHouseholdMemberRequest,
    ) -> Result<ClientView, AppError> {
        let of = parse_id(&req.of_client_id)?;
        let member = parse_id(&req.client_id)?;
        self.with_session(|s| {
            s.store.get_kind(RecordKind::Client, of)?;
            s.store.get_kind(RecordKind::Client, member)?;
            let member = Member {
                id: member,
                role: &req.role,
                nareiziger: req.nareiziger,
                arrived_on: None,
            };
            let write = household_write(s, of, req.household_id.as_deref(), member)?;
            s.store.write_batch([write])?;
            client_view(s, of)
        })
    }

    /// Opens an integration case for a client who has none yet (a household member
    /// added without one, say). A client with an open case gets no second one.
    pub fn open_case(&self, req: OpenCaseRequest) -> Result<ClientView, AppError> {
        let client_id = parse_id(&req.client_id)?;
        self.with_session(|s| {
            s.store.get_kind(RecordKind::Client, client_id)?;
            let has_open_case = s.store.cases_of_client(client_id)?.into_iter().any(|c| {
                s.store
                    .get_kind(RecordKind::Case, c)
                    .map(|r| {
                        !matches!(
                            view::<Case>(&r.state.fields).status.as_deref(),
                            Some("completed" | "closed")
                        )
                    })
                    .unwrap_or(false)
            });
            if !has_open_case {
                s.store.write(
                    RecordKind::Case,
                    Uuid::now_v7(),
                    new_case_fields(client_id, &s.meta.name),
                )?;
            }
            client_view(s, client_id)
        })
    }

    // ---- editing ------------------------------------------------------------------------

    /// Saves one field as one revision. The UI calls this as the counsellor types.
    pub fn save_field(&self, req: SaveFieldRequest) -> Result<SaveResult, AppError> {
        let id = parse_id(&req.record_id)?;
        self.with_session(|s| {
            let record = s
                .store
                .get(id)?
                .ok_or_else(|| AppError::new("record_not_found"))?;
            // Consent decisions are never edited, and PIP versions follow their own rules
            // (a fixed version never changes): both have their own commands.
            if matches!(record.kind, RecordKind::Consent | RecordKind::Plan) {
                return Err(AppError::new("record_not_editable"));
            }
            // A handover is written with its note by its own command.
            if record.kind == RecordKind::Case
                && req.field == aankomst_core::handover::HANDOVER_FIELD
            {
                return Err(AppError::new("record_not_editable"));
            }
            let mut fields = Fields::new();
            fields.insert(req.field, req.value);
            let rev = s.store.write(record.kind, id, fields)?;
            let warnings = if record.kind == RecordKind::Conversation {
                let after = s.store.get_kind(RecordKind::Conversation, id)?;
                view::<Conversation>(&after.state.fields).warnings()
            } else {
                Vec::new()
            };
            Ok(SaveResult {
                rev_id: rev.rev_id.to_string(),
                saved_at: hlc_time(rev.hlc.wall_ms),
                warnings,
            })
        })
    }

    // ---- conversations and the timeline -------------------------------------------------

    pub fn create_conversation(
        &self,
        req: CreateConversationRequest,
    ) -> Result<ConversationView, AppError> {
        let case_id = parse_id(&req.case_id)?;
        self.with_session(|s| {
            let case: Case = view(&s.store.get_kind(RecordKind::Case, case_id)?.state.fields);
            let client_id = linked_id(case.client_id.as_deref())?;
            let client: Client = view(
                &s.store
                    .get_kind(RecordKind::Client, client_id)?
                    .state
                    .fields,
            );
            let first = s.store.conversations_of_case(case_id)?.is_empty();
            let fields = object(json!({
                "case_id": case_id.to_string(),
                "starts_at": Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true),
                "place": if client.azc_location.is_some() { "azc" } else { "office" },
                "conversation_type": if first { "first" } else { "check_in" },
                "participants": [
                    {"name": client.display_name(), "role": "client"},
                    {"name": s.meta.name, "role": "counsellor"},
                ],
            }))?;
            let id = Uuid::now_v7();
            s.store.write(RecordKind::Conversation, id, fields)?;
            conversation_view(s, id)
        })
    }

    pub fn get_conversation(&self, id: &str) -> Result<ConversationView, AppError> {
        let id = parse_id(id)?;
        self.with_session(|s| {
            s.audit_record(AuditAction::Read, id)?;
            conversation_view(s, id)
        })
    }

    pub fn case_timeline(&self, case_id: &str) -> Result<Vec<TimelineEntry>, AppError> {
        let case_id = parse_id(case_id)?;
        self.with_session(|s| {
            s.audit_record(AuditAction::Read, case_id)?;
            let case_record = s.store.get_kind(RecordKind::Case, case_id)?;
            let case: Case = view(&case_record.state.fields);
            let mut entries = Vec::new();
            for (i, rev) in s.store.revisions(case_id)?.iter().enumerate() {
                let status = rev
                    .fields
                    .get("status")
                    .and_then(Value::as_str)
                    .map(str::to_owned);
                if i == 0 {
                    // The case's own opening date when recorded (it may predate its entry
                    // in the app), else the moment it was entered.
                    let opened = case.opened_on.as_deref().and_then(start_of_day_utc);
                    entries.push(TimelineEntry {
                        at: opened.unwrap_or_else(|| hlc_time(rev.hlc.wall_ms)),
                        kind: TimelineKind::CaseOpened,
                        conversation: None,
                        status,
                    });
                } else if status.is_some() {
                    entries.push(TimelineEntry {
                        at: hlc_time(rev.hlc.wall_ms),
                        kind: TimelineKind::StatusChanged,
                        conversation: None,
                        status,
                    });
                }
            }
            if let Some(client_id) = case
                .client_id
                .as_deref()
                .and_then(|c| Uuid::parse_str(c).ok())
            {
                // The record keeps the clock of its first revision: no need to read them all.
                if let Some(client) = s.store.get(client_id)? {
                    entries.push(TimelineEntry {
                        at: hlc_time(client.created.wall_ms),
                        kind: TimelineKind::ClientRegistered,
                        conversation: None,
                        status: None,
                    });
                }
                for household in s.store.households_of_client(client_id)? {
                    for rev in s.store.revisions(household)? {
                        if rev.fields.contains_key("members") {
                            entries.push(TimelineEntry {
                                at: hlc_time(rev.hlc.wall_ms),
                                kind: TimelineKind::HouseholdChanged,
                                conversation: None,
                                status: None,
                            });
                        }
                    }
                }
            }
            for conversation in s.store.conversations_of_case(case_id)? {
                let record = s.store.get_kind(RecordKind::Conversation, conversation)?;
                let summary = conversation_summary(conversation, &view(&record.state.fields));
                let at = summary
                    .starts_at
                    .clone()
                    .unwrap_or_else(|| hlc_time(record.created.wall_ms));
                entries.push(TimelineEntry {
                    at,
                    kind: TimelineKind::Conversation,
                    conversation: Some(summary),
                    status: None,
                });
            }
            entries.sort_by(|a, b| b.at.cmp(&a.at));
            Ok(entries)
        })
    }
}

/// Midnight in Amsterdam at the start of a `YYYY-MM-DD` date, as UTC RFC 3339.
fn start_of_day_utc(date: &str) -> Option<String> {
    use chrono::TimeZone;
    let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let local = Amsterdam
        .from_local_datetime(&day.and_hms_opt(0, 0, 0)?)
        .earliest()?;
    Some(
        local
            .with_timezone(&Utc)
            .to_rfc3339_opts(SecondsFormat::Secs, true),
    )
}

pub(crate) fn now_ms() -> u64 {
    Utc::now().timestamp_millis().max(0) as u64
}

fn new_case_fields(client_id: Uuid, counsellor: &str) -> Fields {
    let mut f = Fields::new();
    f.insert("client_id".into(), json!(client_id.to_string()));
    f.insert("status".into(), json!("intake"));
    f.insert("counsellor".into(), json!(counsellor));
    f.insert(
        "opened_on".into(),
        json!(today().format("%Y-%m-%d").to_string()),
    );
    f
}

/// The household write that adds `member` to `of`'s household (the given one, else the
/// first `of` belongs to, else a new one with `of` as referent).
struct Member<'a> {
    id: Uuid,
    role: &'a str,
    nareiziger: bool,
    arrived_on: Option<&'a str>,
}

fn household_write(
    s: &Session,
    of: Uuid,
    household_id: Option<&str>,
    member: Member<'_>,
) -> Result<(RecordKind, Uuid, Fields), AppError> {
    let existing = match household_id {
        Some(id) => Some(parse_id(id)?),
        None => s.store.households_of_client(of)?.first().copied(),
    };
    let (id, mut household) = match existing {
        Some(id) => (
            id,
            view::<Household>(&s.store.get_kind(RecordKind::Household, id)?.state.fields),
        ),
        None => {
            let referent: Client = view(&s.store.get_kind(RecordKind::Client, of)?.state.fields);
            let label = referent.document_family_name.unwrap_or_default();
            (
                Uuid::now_v7(),
                Household {
                    label: Some(label),
                    members: vec![HouseholdMember {
                        client_id: of.to_string(),
                        role: "referent".into(),
                        nareiziger: None,
                        arrived_on: None,
                        expected_on: None,
                    }],
                },
            )
        }
    };
    household
        .members
        .retain(|m| m.client_id != member.id.to_string());
    household.members.push(HouseholdMember {
        client_id: member.id.to_string(),
        role: member.role.to_owned(),
        nareiziger: Some(member.nareiziger),
        arrived_on: member
            .arrived_on
            .filter(|a| !a.is_empty())
            .map(str::to_owned),
        expected_on: None,
    });
    let mut fields = Fields::new();
    if let Some(label) = household.label {
        fields.insert("label".into(), json!(label));
    }
    fields.insert(
        "members".into(),
        serde_json::to_value(&household.members).map_err(|_| AppError::new("internal"))?,
    );
    Ok((RecordKind::Household, id, fields))
}

pub(crate) fn conversation_summary(id: Uuid, c: &Conversation) -> ConversationSummary {
    ConversationSummary {
        id: id.to_string(),
        starts_at: c.starts_at.clone(),
        conversation_type: c.conversation_type.clone(),
        place: c.place.clone(),
        interpreter_mode: c.interpreter_mode.clone(),
        language_used: c.language_used.clone(),
        warnings: c.warnings(),
    }
}

pub(crate) fn client_view(s: &Session, id: Uuid) -> Result<ClientView, AppError> {
    let record = s.store.get_kind(RecordKind::Client, id)?;
    let client: Client = view(&record.state.fields);
    let today = today();
    let mut cases = Vec::new();
    for case_id in s.store.cases_of_client(id)? {
        let case: Case = view(&s.store.get_kind(RecordKind::Case, case_id)?.state.fields);
        let mut conversations = Vec::new();
        for conversation_id in s.store.conversations_of_case(case_id)? {
            let c: Conversation = view(
                &s.store
                    .get_kind(RecordKind::Conversation, conversation_id)?
                    .state
                    .fields,
            );
            conversations.push(conversation_summary(conversation_id, &c));
        }
        let handovers = aankomst_core::handover::handover_history(&s.store.revisions(case_id)?);
        cases.push(CaseView {
            id: case_id.to_string(),
            case,
            conversations,
            handovers,
        });
    }
    let mut households = Vec::new();
    for household_id in s.store.households_of_client(id)? {
        let household: Household = view(
            &s.store
                .get_kind(RecordKind::Household, household_id)?
                .state
                .fields,
        );
        let mut members = Vec::new();
        for m in &household.members {
            let Ok(member_id) = Uuid::parse_str(&m.client_id) else {
                continue;
            };
            let Some(member) = s.store.get(member_id)? else {
                continue;
            };
            let c: Client = view(&member.state.fields);
            members.push(HouseholdMemberView {
                client_id: m.client_id.clone(),
                display_name: c.display_name(),
                role: m.role.clone(),
                nareiziger: m.nareiziger.unwrap_or(false),
                arrived_on: m.arrived_on.clone(),
                age: c.minimum_age_on(today),
                has_case: !s.store.cases_of_client(member_id)?.is_empty(),
            });
        }
        households.push(HouseholdView {
            id: household_id.to_string(),
            household,
            members,
        });
    }
    Ok(ClientView {
        id: id.to_string(),
        display_name: client.display_name(),
        age: client.minimum_age_on(today),
        client,
        cases,
        households,
    })
}

fn conversation_view(s: &Session, id: Uuid) -> Result<ConversationView, AppError> {
    let record = s.store.get_kind(RecordKind::Conversation, id)?;
    let conversation: Conversation = view(&record.state.fields);
    let case_id = conversation.case_id.clone().unwrap_or_default();
    let case: Case = match Uuid::parse_str(&case_id) {
        Ok(c) => view(&s.store.get_kind(RecordKind::Case, c)?.state.fields),
        Err(_) => Case::default(),
    };
    let client_id = case.client_id.unwrap_or_default();
    let client_name = match Uuid::parse_str(&client_id) {
        Ok(c) => {
            view::<Client>(&s.store.get_kind(RecordKind::Client, c)?.state.fields).display_name()
        }
        Err(_) => String::new(),
    };
    Ok(ConversationView {
        id: id.to_string(),
        warnings: conversation.warnings(),
        revision_count: s.store.revisions(id)?.len() as u32,
        conversation,
        case_id,
        client_id,
        client_name,
    })
}

/// A store written before answers were sealed at write time may still hold sealed answers in
/// readable form: seal what was not sent yet (when a recipient list is pinned) and forget every
/// readable copy that sits in an envelope (DESIGN §4.14). Runs at every unlock; a second run
/// finds nothing.
pub(crate) fn seal_answers_written_before(store: &mut Store) -> Result<(), AppError> {
    let report = match aankomst_sync::seal_written_before(store) {
        Ok(report) => report,
        Err(e) => {
            // The counsellor is not locked out of the file for this; the next unlock tries
            // again.
            tracing::error!(error = %e, "sealing answers written before failed");
            return Ok(());
        }
    };
    if report.sealed > 0 || report.forgotten > 0 {
        tracing::info!(
            sealed = report.sealed,
            forgotten = report.forgotten,
            "sealed answers written before sealing at write time are sealed now"
        );
    }
    if report.waiting_for_list > 0 {
        tracing::warn!(
            revisions = report.waiting_for_list,
            "sealed answers wait for the municipality's key list to be sealed"
        );
    }
    Ok(())
}
