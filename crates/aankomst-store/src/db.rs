use crate::error::StoreError;
use crate::migrations::migrations;
use aankomst_core::{Hlc, HlcClock};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};
use zeroize::{Zeroize, Zeroizing};

/// A 256-bit SQLCipher key. Wiped from memory when dropped; never printed.
pub struct DbKey(Zeroizing<[u8; 32]>);

impl DbKey {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        DbKey(Zeroizing::new(bytes))
    }

    pub fn random() -> Self {
        use rand::TryRngCore;
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng
            .try_fill_bytes(&mut bytes)
            .expect("the operating system's random source failed");
        let key = DbKey::from_bytes(bytes);
        bytes.zeroize();
        key
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl std::fmt::Debug for DbKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbKey(…)")
    }
}

/// Who writes: the profile (user) and the device, recorded on every revision.
#[derive(Debug, Clone)]
pub struct Identity {
    pub user: String,
    pub device: String,
}

#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// Caps the database size in pages; tests use it to play a full disk.
    pub max_page_count: Option<u32>,
}

pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) clock: HlcClock,
    pub(crate) identity: Identity,
    /// Kept (wiped on drop) only to open a second connection to the same database for a
    /// sync that runs beside the session ([`Store::open_another`]); SQLCipher holds it anyway
    /// while the connection is open.
    key: DbKey,
    options: OpenOptions,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("identity", &self.identity)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Creates a new database. Refuses if any file is already at `path`: an existing
    /// database is never replaced by an empty one.
    pub fn create(path: &Path, key: &DbKey, identity: Identity) -> Result<Self, StoreError> {
        if path.exists() {
            return Err(StoreError::Io(std::io::ErrorKind::AlreadyExists));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        Self::start(conn, key, identity, &OpenOptions::default())
    }

    /// Opens an existing database; never creates one.
    pub fn open(
        path: &Path,
        key: &DbKey,
        identity: Identity,
        options: &OpenOptions,
    ) -> Result<Self, StoreError> {
        if !path.is_file() {
            return Err(StoreError::DatabaseMissing);
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        Self::start(conn, key, identity, options)
    }

    fn start(
        mut conn: Connection,
        key: &DbKey,
        identity: Identity,
        options: &OpenOptions,
    ) -> Result<Self, StoreError> {
        // The key must be the first statement on the connection (SQLCipher).
        let pragma = Zeroizing::new(format!(
            "PRAGMA key = \"x'{}'\";",
            hex::encode(key.as_bytes())
        ));
        conn.execute_batch(&pragma)?;
        // The first read proves the key: a wrong key or a damaged header fails here.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             PRAGMA temp_store = MEMORY;
             PRAGMA foreign_keys = ON;
             PRAGMA busy_timeout = 5000;
             PRAGMA cache_size = -32000;",
        )?;
        if let Some(pages) = options.max_page_count {
            conn.query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))?;
        }
        migrations().to_latest(&mut conn)?;
        // The app and its sync each have a connection to this file. A deferred transaction
        // that read before the other connection committed cannot be upgraded to a write: it
        // fails at once with SQLITE_BUSY, whatever the busy timeout. Taking the write lock at
        // BEGIN waits its turn instead (every transaction of the store writes).
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        let highest: Option<String> =
            conn.query_row("SELECT max(hlc) FROM revisions", [], |r| r.get(0))?;
        let highest: Option<Hlc> = highest.and_then(|h| h.parse().ok());
        let clock = HlcClock::resume(&identity.device, highest.as_ref());
        Ok(Store {
            conn,
            clock,
            identity,
            key: DbKey::from_bytes(*key.as_bytes()),
            options: options.clone(),
        })
    }

    /// A second connection to this store's database, with the same key and identity (WAL and
    /// a busy timeout let both work at once): the app syncs on it so that the session's own
    /// connection, and with it locking, never waits for the network. Call
    /// [`Store::catch_up_clock`] on this connection afterwards.
    pub fn open_another(&self) -> Result<Store, StoreError> {
        let path = self
            .conn
            .path()
            .filter(|p| !p.is_empty())
            .ok_or(StoreError::DatabaseMissing)?;
        Store::open(
            Path::new(path),
            &self.key,
            self.identity.clone(),
            &self.options,
        )
    }

    /// Moves this connection's clock past every revision stored, also by another connection
    /// (a sync's), so a local edit made after it is never ordered before what was received.
    pub fn catch_up_clock(&mut self) -> Result<(), StoreError> {
        let highest: Option<String> =
            self.conn
                .query_row("SELECT max(hlc) FROM revisions", [], |r| r.get(0))?;
        if let Some(h) = highest.and_then(|h| h.parse::<Hlc>().ok()) {
            self.clock.observe(&h);
        }
        Ok(())
    }

    pub(crate) fn now_ms() -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0)
    }

    pub fn identity(&self) -> &Identity {
        &self.identity
    }

    /// Flushes the WAL into the main file; called on lock and quit so the WAL stays small.
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// SQLite's own consistency check: `ok` or a list of problems.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}
