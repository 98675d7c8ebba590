use aankomst_store::StoreError;
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// The one error type that crosses IPC: a Fluent message key (`error-<key>`) and its
/// arguments. It never carries client data: store errors have none to give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AppError {
    pub key: String,
    pub args: BTreeMap<String, String>,
    /// For `key == "field"`: the field whose value was refused.
    pub field: Option<String>,
}

impl AppError {
    pub fn new(key: &str) -> Self {
        AppError {
            key: key.to_owned(),
            args: BTreeMap::new(),
            field: None,
        }
    }

    pub fn arg(mut self, name: &str, value: impl ToString) -> Self {
        self.args.insert(name.to_owned(), value.to_string());
        self
    }

    pub fn locked() -> Self {
        Self::new("locked")
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.key)
    }
}

impl std::error::Error for AppError {}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::WrongPassphrase {
                failed_attempts,
                retry_after_secs,
            } => AppError::new("wrong_passphrase")
                .arg("attempts", failed_attempts)
                .arg("retry_after", retry_after_secs),
            StoreError::TooManyAttempts { retry_after_secs } => {
                AppError::new("too_many_attempts").arg("retry_after", retry_after_secs)
            }
            StoreError::KeychainUnavailable => AppError::new("keychain_unavailable"),
            StoreError::KeychainLocked => AppError::new("keychain_locked"),
            StoreError::KeyMissing => AppError::new("key_missing"),
            StoreError::DatabaseMissing => AppError::new("database_missing"),
            StoreError::DatabaseCorrupt => AppError::new("database_corrupt"),
            StoreError::DiskFull => AppError::new("disk_full"),
            StoreError::Busy => AppError::new("busy"),
            StoreError::SchemaTooNew => AppError::new("schema_too_new"),
            StoreError::ProfileNotFound => AppError::new("profile_not_found"),
            StoreError::ProfileNameEmpty => AppError::new("profile_name_empty"),
            StoreError::PassphraseTooWeak => AppError::new("passphrase_too_weak"),
            StoreError::AlreadyRunning => AppError::new("already_running"),
            StoreError::RecordNotFound => AppError::new("record_not_found"),
            StoreError::WrongKind => AppError::new("wrong_kind"),
            StoreError::SealingFailed => AppError::new("sealing_failed"),
            StoreError::Authority(error) => {
                tracing::warn!(error = %error, "administration write refused");
                AppError::new("administration_not_yours")
            }
            StoreError::Field { field, error } => {
                let code = serde_json::to_value(error)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                AppError {
                    key: "field".into(),
                    args: BTreeMap::from([("error".into(), code)]),
                    field: Some(field),
                }
            }
            other => {
                tracing::error!(error = %other, "internal store error");
                AppError::new("internal")
            }
        }
    }
}
