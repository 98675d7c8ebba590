//! Counsellor profiles on one laptop. Each has its own directory, database and key:
//!
//! ```text
//! <data dir>/profiles/<profile id>/profile.json   name, KDF parameters, failed attempts (a copy)
//! <data dir>/profiles/<profile id>/aankomst.db    SQLCipher database (+ -wal, -shm)
//! <data dir>/profiles/<profile id>/unlock.lock    locked while a passphrase is being tried
//! ```
//!
//! The count of failed passphrase attempts that drives the slow-down is kept in the keychain
//! (account `profile-<id>-attempts`), not in a file: editing, deleting or restoring an older
//! `profile.json` does not reset it. `profile.json` keeps a copy for display only. Attempts
//! are serialised by an exclusive lock on `unlock.lock`, so two attempts at once (two windows,
//! two processes) cannot both read the same count and skip the delay.
//!
//! The database key is 256 random bits. The keychain holds it wrapped (XChaCha20-Poly1305)
//! under a key derived from the passphrase with Argon2id, so the key is released only
//! to someone who knows the passphrase *and* can read this user's keychain: a wrong
//! passphrase fails authentication of the wrapped key and nothing else is tried.

use crate::db::{DbKey, Identity, OpenOptions, Store};
use crate::error::StoreError;
use crate::keychain::{SecretError, SecretStore};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use uuid::Uuid;
use zeroize::Zeroizing;

/// Argon2id parameters, stored with each profile so they can be raised later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
    pub salt: String,
}

impl KdfParams {
    /// RFC 9106's second recommended setting (64 MiB, t = 3, p = 4), with a fresh salt.
    pub fn recommended() -> Self {
        Self::with_cost(64 * 1024, 3, 4)
    }

    pub fn with_cost(memory_kib: u32, iterations: u32, parallelism: u32) -> Self {
        let salt: [u8; 16] = rand::random();
        KdfParams {
            memory_kib,
            iterations,
            parallelism,
            salt: B64.encode(salt),
        }
    }

    fn derive(&self, passphrase: &str) -> Result<Zeroizing<[u8; 32]>, StoreError> {
        let params =
            argon2::Params::new(self.memory_kib, self.iterations, self.parallelism, Some(32))
                .map_err(|_| StoreError::Kdf)?;
        let argon =
            argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let salt = B64.decode(&self.salt).map_err(|_| StoreError::Decode)?;
        let mut out = Zeroizing::new([0u8; 32]);
        argon
            .hash_password_into(passphrase.as_bytes(), &salt, out.as_mut())
            .map_err(|_| StoreError::Kdf)?;
        Ok(out)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileMeta {
    pub id: String,
    pub name: String,
    pub created_at: String,
    /// A demo profile holds only fictional people and is marked as such everywhere.
    pub demo: bool,
    pub device_id: String,
    pub kdf: KdfParams,
    #[serde(default)]
    pub failed_attempts: u32,
    #[serde(default)]
    pub last_failed_at_ms: Option<u64>,
}

/// Wrong passphrases allowed before each further try must wait.
pub const FREE_ATTEMPTS: u32 = 3;
const BASE_DELAY_SECS: u64 = 5;
const MAX_DELAY_SECS: u64 = 15 * 60;

impl ProfileMeta {
    /// Seconds to wait before the next try: none for the first three failures, then
    /// 5 s doubling with each further failure, up to 15 minutes.
    pub fn retry_after_secs(&self, now_ms: u64) -> u32 {
        if self.failed_attempts < FREE_ATTEMPTS {
            return 0;
        }
        let exponent = (self.failed_attempts - FREE_ATTEMPTS).min(16);
        let delay = (BASE_DELAY_SECS << exponent).min(MAX_DELAY_SECS);
        let since = now_ms.saturating_sub(self.last_failed_at_ms.unwrap_or(0)) / 1000;
        delay.saturating_sub(since) as u32
    }
}

pub struct Profiles {
    root: PathBuf,
    secrets: Arc<dyn SecretStore>,
}

const DB_FILE: &str = "aankomst.db";
const META_FILE: &str = "profile.json";
const LOCK_FILE: &str = "unlock.lock";

/// The slow-down counter as the keychain holds it: `<failed attempts>:<last failure ms>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct AttemptCounter {
    failed_attempts: u32,
    last_failed_at_ms: Option<u64>,
}

impl AttemptCounter {
    fn encode(self) -> String {
        format!(
            "{}:{}",
            self.failed_attempts,
            self.last_failed_at_ms.unwrap_or(0)
        )
    }

    fn decode(text: &str) -> Option<Self> {
        let (failed, last) = text.split_once(':')?;
        let last: u64 = last.parse().ok()?;
        Some(AttemptCounter {
            failed_attempts: failed.parse().ok()?,
            last_failed_at_ms: (last > 0).then_some(last),
        })
    }
}

impl Profiles {
    pub fn new(data_dir: &Path, secrets: Arc<dyn SecretStore>) -> Self {
        Profiles {
            root: data_dir.join("profiles"),
            secrets,
        }
    }

    pub fn dir(&self, id: &str) -> PathBuf {
        self.root.join(id)
    }

    pub fn db_path(&self, id: &str) -> PathBuf {
        self.dir(id).join(DB_FILE)
    }

    fn keychain_account(id: &str) -> String {
        format!("profile-{id}")
    }

    fn attempts_account(id: &str) -> String {
        format!("profile-{id}-attempts")
    }

    /// The slow-down counter from the keychain. A profile made before the counter moved there
    /// has none yet: its `profile.json` value is taken once (and written to the keychain at
    /// the next attempt). A counter that does not parse counts as the free attempts used up.
    fn attempt_counter(&self, meta: &ProfileMeta) -> Result<AttemptCounter, StoreError> {
        match self.secrets.get(&Self::attempts_account(&meta.id)) {
            Ok(text) => Ok(AttemptCounter::decode(&text).unwrap_or(AttemptCounter {
                failed_attempts: FREE_ATTEMPTS,
                last_failed_at_ms: None,
            })),
            Err(SecretError::NotFound) => Ok(AttemptCounter {
                failed_attempts: meta.failed_attempts,
                last_failed_at_ms: meta.last_failed_at_ms,
            }),
            Err(e) => Err(keychain_error(e)),
        }
    }

    fn save_attempt_counter(&self, id: &str, counter: AttemptCounter) -> Result<(), StoreError> {
        self.secrets
            .set(&Self::attempts_account(id), &counter.encode())
            .map_err(keychain_error)
    }

    /// Holds the profile's unlock lock (released on drop), waiting for another attempt to
    /// finish first.
    fn lock_attempts(&self, id: &str) -> Result<std::fs::File, StoreError> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.dir(id).join(LOCK_FILE))
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => StoreError::ProfileNotFound,
                k => StoreError::Io(k),
            })?;
        file.lock().map_err(|e| StoreError::Io(e.kind()))?;
        Ok(file)
    }

    /// Profiles whose creation finished, by name. A directory without `profile.json`
    /// (creation interrupted) is ignored, never deleted.
    pub fn list(&self) -> Result<Vec<ProfileMeta>, StoreError> {
        let mut out = Vec::new();
        let entries = match std::fs::read_dir(&self.root) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(e.into()),
        };
        for entry in entries {
            let path = entry?.path().join(META_FILE);
            if let Ok(bytes) = std::fs::read(&path) {
                match serde_json::from_slice::<ProfileMeta>(&bytes) {
                    Ok(meta) => out.push(meta),
                    Err(_) => {
                        tracing::warn!("skipping a profile whose profile.json cannot be read")
                    }
                }
            }
        }
        out.sort_by(|a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then(a.id.cmp(&b.id))
        });
        Ok(out)
    }

    pub fn get(&self, id: &str) -> Result<ProfileMeta, StoreError> {
        // Ids come from the UI: accept only what we generate, so no path can escape the root.
        Uuid::parse_str(id).map_err(|_| StoreError::ProfileNotFound)?;
        let bytes = std::fs::read(self.dir(id).join(META_FILE)).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => StoreError::ProfileNotFound,
            k => StoreError::Io(k),
        })?;
        serde_json::from_slice(&bytes).map_err(|_| StoreError::Decode)
    }

    fn save_meta(&self, meta: &ProfileMeta) -> Result<(), StoreError> {
        let dir = self.dir(&meta.id);
        let tmp = dir.join("profile.json.tmp");
        std::fs::write(&tmp, serde_json::to_vec_pretty(meta)?)?;
        std::fs::File::open(&tmp)?.sync_all()?;
        std::fs::rename(&tmp, dir.join(META_FILE))?;
        Ok(())
    }

    /// Creates a profile: a random key, wrapped into the keychain, and a new database.
    /// The profile appears in `list` only once all of that succeeded.
    pub fn create(
        &self,
        name: &str,
        passphrase: &str,
        demo: bool,
        kdf: KdfParams,
    ) -> Result<(ProfileMeta, Store), StoreError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::ProfileNameEmpty);
        }
        let meta = ProfileMeta {
            id: Uuid::now_v7().to_string(),
            name: name.to_owned(),
            created_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            demo,
            device_id: Uuid::now_v7().to_string(),
            kdf,
            failed_attempts: 0,
            last_failed_at_ms: None,
        };
        let dir = self.dir(&meta.id);
        create_private_dir(&self.root)?;
        create_private_dir(&dir)?;
        let key = DbKey::random();
        let kek = meta.kdf.derive(passphrase)?;
        let wrapped = wrap(&kek, &key, &meta.id)?;
        let result = (|| {
            self.secrets
                .set(&Self::keychain_account(&meta.id), &wrapped)
                .map_err(keychain_error)?;
            self.save_attempt_counter(
                &meta.id,
                AttemptCounter {
                    failed_attempts: 0,
                    last_failed_at_ms: None,
                },
            )?;
            let store = Store::create(&self.db_path(&meta.id), &key, identity(&meta))?;
            self.save_meta(&meta)?;
            Ok(store)
        })();
        match result {
            Ok(store) => Ok((meta, store)),
            Err(e) => {
                // Nothing of this new profile is worth keeping; no other profile is touched.
                let _ = self.secrets.delete(&Self::keychain_account(&meta.id));
                let _ = self.secrets.delete(&Self::attempts_account(&meta.id));
                let _ = std::fs::remove_dir_all(&dir);
                Err(e)
            }
        }
    }

    /// Destroys a profile for good (a revoked device): its wrapped database key leaves the
    /// keychain and its directory goes. The database itself must already be closed and
    /// removed by the caller (see `aankomst_sync::SyncEngine::wipe`); whatever is left in the
    /// directory goes with it.
    pub fn destroy(&self, id: &str) -> Result<(), StoreError> {
        match self.secrets.delete(&Self::keychain_account(id)) {
            Ok(()) | Err(SecretError::NotFound) => {}
            Err(e) => return Err(keychain_error(e)),
        }
        match self.secrets.delete(&Self::attempts_account(id)) {
            Ok(()) | Err(SecretError::NotFound) => {}
            Err(e) => return Err(keychain_error(e)),
        }
        match std::fs::remove_dir_all(self.dir(id)) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Verifies the passphrase, releases the key and opens the database. Failures are
    /// counted in the keychain, so neither a restart nor an edited file resets the slowdown.
    pub fn unlock(
        &self,
        id: &str,
        passphrase: &str,
        now_ms: u64,
        options: &OpenOptions,
    ) -> Result<(ProfileMeta, Store), StoreError> {
        let (meta, key) = self.release_key(id, passphrase, now_ms)?;
        let store = Store::open(&self.db_path(id), &key, identity(&meta), options)?;
        Ok((meta, store))
    }

    /// Checks the passphrase of an open profile (to leave the client-facing view, say),
    /// with the same counting and slowdown as an unlock. The released key is dropped.
    pub fn verify_passphrase(
        &self,
        id: &str,
        passphrase: &str,
        now_ms: u64,
    ) -> Result<(), StoreError> {
        self.release_key(id, passphrase, now_ms).map(|_| ())
    }

    fn release_key(
        &self,
        id: &str,
        passphrase: &str,
        now_ms: u64,
    ) -> Result<(ProfileMeta, DbKey), StoreError> {
        let mut meta = self.get(id)?;
        // One attempt at a time: the count is read, the passphrase tried and the count written
        // under the lock, so parallel attempts each see the previous one's failure.
        let _lock = self.lock_attempts(id)?;
        let counter = self.attempt_counter(&meta)?;
        meta.failed_attempts = counter.failed_attempts;
        meta.last_failed_at_ms = counter.last_failed_at_ms;
        let wait = meta.retry_after_secs(now_ms);
        if wait > 0 {
            return Err(StoreError::TooManyAttempts {
                retry_after_secs: wait,
            });
        }
        if !self.db_path(id).is_file() {
            return Err(StoreError::DatabaseMissing);
        }
        let wrapped = self
            .secrets
            .get(&Self::keychain_account(id))
            .map_err(keychain_error)?;
        let kek = meta.kdf.derive(passphrase)?;
        let key = match unwrap(&kek, &wrapped, id) {
            Ok(key) => key,
            Err(StoreError::WrongPassphrase { .. }) => {
                meta.failed_attempts = meta.failed_attempts.saturating_add(1);
                meta.last_failed_at_ms = Some(now_ms);
                // The keychain first: it is the count that counts.
                self.save_attempt_counter(
                    id,
                    AttemptCounter {
                        failed_attempts: meta.failed_attempts,
                        last_failed_at_ms: meta.last_failed_at_ms,
                    },
                )?;
                self.save_meta(&meta)?;
                return Err(StoreError::WrongPassphrase {
                    failed_attempts: meta.failed_attempts,
                    retry_after_secs: meta.retry_after_secs(now_ms),
                });
            }
            Err(e) => return Err(e),
        };
        let cleared = AttemptCounter {
            failed_attempts: 0,
            last_failed_at_ms: None,
        };
        if counter != cleared || self.secrets.get(&Self::attempts_account(id)).is_err() {
            self.save_attempt_counter(id, cleared)?;
        }
        let on_file = self.get(id)?;
        if on_file.failed_attempts > 0 || on_file.last_failed_at_ms.is_some() {
            meta.failed_attempts = 0;
            meta.last_failed_at_ms = None;
            self.save_meta(&meta)?;
        }
        meta.failed_attempts = 0;
        meta.last_failed_at_ms = None;
        Ok((meta, key))
    }
}

/// Creates a directory (and its parents) readable by this user only: on a shared laptop
/// other accounts have no business listing profiles, even though the data is encrypted.
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

fn identity(meta: &ProfileMeta) -> Identity {
    Identity {
        user: meta.id.clone(),
        device: meta.device_id.clone(),
    }
}

fn keychain_error(e: SecretError) -> StoreError {
    match e {
        SecretError::NotFound => StoreError::KeyMissing,
        SecretError::Locked => StoreError::KeychainLocked,
        SecretError::Unavailable => StoreError::KeychainUnavailable,
    }
}

const WRAP_VERSION: &str = "v1";

fn aad(profile_id: &str) -> Vec<u8> {
    format!("aankomst/{WRAP_VERSION}/db-key/{profile_id}").into_bytes()
}

/// `v1.<base64 nonce>.<base64 ciphertext>`; the profile id is authenticated as
/// associated data so a wrapped key cannot be moved to another profile.
fn wrap(kek: &[u8; 32], key: &DbKey, profile_id: &str) -> Result<String, StoreError> {
    let cipher = XChaCha20Poly1305::new(&Key::from(*kek));
    let nonce_bytes: [u8; 24] = rand::random();
    let nonce = XNonce::from(nonce_bytes);
    let aad = aad(profile_id);
    let ct = cipher
        .encrypt(
            &nonce,
            Payload {
                msg: key.as_bytes(),
                aad: &aad,
            },
        )
        .map_err(|_| StoreError::Kdf)?;
    Ok(format!(
        "{WRAP_VERSION}.{}.{}",
        B64.encode(nonce_bytes),
        B64.encode(ct)
    ))
}

fn unwrap(kek: &[u8; 32], wrapped: &str, profile_id: &str) -> Result<DbKey, StoreError> {
    let mut parts = wrapped.split('.');
    let (Some(WRAP_VERSION), Some(nonce), Some(ct), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(StoreError::Decode);
    };
    let nonce: [u8; 24] = B64
        .decode(nonce)
        .ok()
        .and_then(|n| n.try_into().ok())
        .ok_or(StoreError::Decode)?;
    let ct = B64.decode(ct).map_err(|_| StoreError::Decode)?;
    let cipher = XChaCha20Poly1305::new(&Key::from(*kek));
    let aad = aad(profile_id);
    let plain = Zeroizing::new(
        cipher
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: &ct,
                    aad: &aad,
                },
            )
            .map_err(|_| StoreError::WrongPassphrase {
                failed_attempts: 0,
                retry_after_secs: 0,
            })?,
    );
    let bytes: [u8; 32] = plain
        .as_slice()
        .try_into()
        .map_err(|_| StoreError::Decode)?;
    Ok(DbKey::from_bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keychain::MemoryKeychain;

    fn cheap() -> KdfParams {
        KdfParams::with_cost(1024, 1, 1)
    }

    #[test]
    fn wrap_round_trip_and_profile_binding() {
        let kek = [7u8; 32];
        let key = DbKey::from_bytes([9u8; 32]);
        let w = wrap(&kek, &key, "p1").unwrap();
        assert_eq!(unwrap(&kek, &w, "p1").unwrap().as_bytes(), key.as_bytes());
        assert!(matches!(
            unwrap(&kek, &w, "p2"),
            Err(StoreError::WrongPassphrase { .. })
        ));
        assert!(matches!(
            unwrap(&[8u8; 32], &w, "p1"),
            Err(StoreError::WrongPassphrase { .. })
        ));
    }

    #[test]
    fn delay_grows_after_three_failures() {
        let mut m = ProfileMeta {
            id: "x".into(),
            name: "n".into(),
            created_at: String::new(),
            demo: false,
            device_id: "d".into(),
            kdf: cheap(),
            failed_attempts: 2,
            last_failed_at_ms: Some(1_000_000),
        };
        assert_eq!(m.retry_after_secs(1_000_000), 0);
        m.failed_attempts = 3;
        assert_eq!(m.retry_after_secs(1_000_000), 5);
        assert_eq!(m.retry_after_secs(1_003_000), 2);
        assert_eq!(m.retry_after_secs(1_006_000), 0);
        m.failed_attempts = 5;
        assert_eq!(m.retry_after_secs(1_000_000), 20);
        m.failed_attempts = 40;
        assert_eq!(m.retry_after_secs(1_000_000), 900);
    }

    #[test]
    fn profiles_are_listed_and_kept_apart() {
        let dir = tempfile::tempdir().unwrap();
        let keys = Arc::new(MemoryKeychain::new());
        let p = Profiles::new(dir.path(), keys);
        let (a, _) = p
            .create("Anna", "tulp fiets regen lantaarn", false, cheap())
            .unwrap();
        let (b, _) = p
            .create("Bram", "boot molen zee wolk", false, cheap())
            .unwrap();
        assert_eq!(
            p.list()
                .unwrap()
                .iter()
                .map(|m| m.name.as_str())
                .collect::<Vec<_>>(),
            ["Anna", "Bram"]
        );
        assert!(p
            .unlock(
                &a.id,
                "tulp fiets regen lantaarn",
                0,
                &OpenOptions::default()
            )
            .is_ok());
        // Bram's passphrase does not open Anna's profile, and vice versa.
        assert!(matches!(
            p.unlock(&a.id, "boot molen zee wolk", 0, &OpenOptions::default()),
            Err(StoreError::WrongPassphrase { .. })
        ));
        assert!(matches!(
            p.unlock(
                &b.id,
                "tulp fiets regen lantaarn",
                0,
                &OpenOptions::default()
            ),
            Err(StoreError::WrongPassphrase { .. })
        ));
        assert!(matches!(
            p.get("../../etc"),
            Err(StoreError::ProfileNotFound)
        ));
    }

    #[cfg(unix)]
    #[test]
    fn profile_directories_are_private_to_the_user() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = Profiles::new(dir.path(), Arc::new(MemoryKeychain::new()));
        let (a, _) = p
            .create("Anna", "tulp fiets regen lantaarn", false, cheap())
            .unwrap();
        for d in [dir.path().join("profiles"), p.dir(&a.id)] {
            let mode = std::fs::metadata(&d).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o700, "{}", d.display());
        }
    }
}
