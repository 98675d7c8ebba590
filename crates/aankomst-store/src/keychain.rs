//! Where database keys are kept: the OS keychain (Secret Service on Linux) through
//! `keyring`, behind a small trait so tests and a future `keyring-core` migration can
//! swap the backend.

use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    #[error("no such secret")]
    NotFound,
    #[error("keychain locked")]
    Locked,
    #[error("keychain unavailable")]
    Unavailable,
}

pub trait SecretStore: Send + Sync {
    fn get(&self, account: &str) -> Result<String, SecretError>;
    fn set(&self, account: &str, secret: &str) -> Result<(), SecretError>;
    fn delete(&self, account: &str) -> Result<(), SecretError>;
}

/// The user's OS keychain. Entries are named `service` / `account`.
pub struct OsKeychain {
    service: String,
}

impl OsKeychain {
    pub fn new(service: &str) -> Self {
        OsKeychain {
            service: service.to_owned(),
        }
    }

    fn entry(&self, account: &str) -> Result<keyring::Entry, SecretError> {
        keyring::Entry::new(&self.service, account).map_err(map_keyring_error)
    }
}

fn map_keyring_error(e: keyring::Error) -> SecretError {
    match e {
        keyring::Error::NoEntry => SecretError::NotFound,
        keyring::Error::NoStorageAccess(_) => SecretError::Locked,
        other => {
            // The detail (a D-Bus message) goes to the log: it never holds client data.
            tracing::warn!(error = %other, "keychain failure");
            SecretError::Unavailable
        }
    }
}

impl SecretStore for OsKeychain {
    fn get(&self, account: &str) -> Result<String, SecretError> {
        self.entry(account)?
            .get_password()
            .map_err(map_keyring_error)
    }
    fn set(&self, account: &str, secret: &str) -> Result<(), SecretError> {
        self.entry(account)?
            .set_password(secret)
            .map_err(map_keyring_error)
    }
    fn delete(&self, account: &str) -> Result<(), SecretError> {
        self.entry(account)?
            .delete_credential()
            .map_err(map_keyring_error)
    }
}

/// An in-memory keychain for tests, which can also play a locked or missing keychain.
#[derive(Default)]
pub struct MemoryKeychain {
    secrets: Mutex<HashMap<String, String>>,
    failure: Mutex<Option<SecretError>>,
}

impl MemoryKeychain {
    pub fn new() -> Self {
        Self::default()
    }

    /// From now on every call fails with `failure` (None: works again).
    pub fn set_failure(&self, failure: Option<SecretError>) {
        *self.failure.lock().unwrap_or_else(|p| p.into_inner()) = failure;
    }

    fn check(&self) -> Result<(), SecretError> {
        match self
            .failure
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
        {
            Some(f) => Err(f),
            None => Ok(()),
        }
    }

    fn secrets(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        self.secrets.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl SecretStore for MemoryKeychain {
    fn get(&self, account: &str) -> Result<String, SecretError> {
        self.check()?;
        self.secrets()
            .get(account)
            .cloned()
            .ok_or(SecretError::NotFound)
    }
    fn set(&self, account: &str, secret: &str) -> Result<(), SecretError> {
        self.check()?;
        self.secrets().insert(account.to_owned(), secret.to_owned());
        Ok(())
    }
    fn delete(&self, account: &str) -> Result<(), SecretError> {
        self.check()?;
        self.secrets()
            .remove(account)
            .map(|_| ())
            .ok_or(SecretError::NotFound)
    }
}
