use aankomst_core::validate::FieldError;

/// What can go wrong in the store. Messages never contain client data: no field values,
/// no names, no SQL parameters. The app turns each variant into a translated message.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("wrong passphrase")]
    WrongPassphrase {
        failed_attempts: u32,
        retry_after_secs: u32,
    },
    #[error("too many wrong passphrases; wait before trying again")]
    TooManyAttempts { retry_after_secs: u32 },
    #[error("the keychain (Secret Service) is not available")]
    KeychainUnavailable,
    #[error("the keychain is locked")]
    KeychainLocked,
    #[error("the database key for this profile is not in the keychain")]
    KeyMissing,
    #[error("the database file of this profile is missing")]
    DatabaseMissing,
    #[error("the database cannot be read: damaged, or not this profile's")]
    DatabaseCorrupt,
    #[error("the disk is full")]
    DiskFull,
    #[error("the database is busy")]
    Busy,
    #[error("the database was written by a newer version of Aankomst")]
    SchemaTooNew,
    #[error("no such profile")]
    ProfileNotFound,
    #[error("profile name is empty")]
    ProfileNameEmpty,
    #[error("passphrase too weak")]
    PassphraseTooWeak,
    #[error("Aankomst is already running")]
    AlreadyRunning,
    #[error("field `{field}` refused: {error}")]
    Field { field: String, error: FieldError },
    #[error("no such record")]
    RecordNotFound,
    #[error("record is of another kind")]
    WrongKind,
    /// A revision of an administration breaks who may write which field (DESIGN §4.12).
    #[error("revision refused: {0}")]
    Authority(#[from] aankomst_core::authority::AuthorityError),
    #[error("database error (SQLite code {code})")]
    Sqlite { code: i32 },
    #[error("file system error: {0}")]
    Io(std::io::ErrorKind),
    #[error("stored data could not be decoded")]
    Decode,
    #[error("key derivation failed")]
    Kdf,
    /// A revision of a sealed administration could not be sealed, so nothing was written.
    #[error("the revision could not be sealed for its recipient")]
    SealingFailed,
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        match &e {
            rusqlite::Error::SqliteFailure(f, _) => match f.code {
                ErrorCode::DiskFull => StoreError::DiskFull,
                ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt => StoreError::DatabaseCorrupt,
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => StoreError::Busy,
                ErrorCode::CannotOpen => StoreError::DatabaseMissing,
                _ => StoreError::Sqlite {
                    code: f.extended_code,
                },
            },
            rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::InvalidColumnType(..) => StoreError::Decode,
            _ => StoreError::Sqlite { code: -1 },
        }
    }
}

impl From<rusqlite_migration::Error> for StoreError {
    fn from(e: rusqlite_migration::Error) -> Self {
        match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => err.into(),
            rusqlite_migration::Error::MigrationDefinition(
                rusqlite_migration::MigrationDefinitionError::DatabaseTooFarAhead,
            ) => StoreError::SchemaTooNew,
            _ => StoreError::Sqlite { code: -2 },
        }
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::StorageFull {
            StoreError::DiskFull
        } else {
            StoreError::Io(e.kind())
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(_: serde_json::Error) -> Self {
        StoreError::Decode
    }
}
