//! The Aankomst municipal sync server (DESIGN §4–§5): it enrols devices with one-time codes,
//! authenticates every request by the device's Ed25519 key, stores end-to-end encrypted
//! envelopes it cannot read (checking only their signatures), answers each with a signed
//! receipt, and serves them back in pages after a cursor. Several tenants (municipalities)
//! share one server, their data apart.
//!
//! Layers: [`storage`] (the [`Storage`] trait and its SQLite backend), [`service`] (all logic,
//! testable without HTTP), [`http`] (thin axum handlers), [`protocol`] (wire types and request
//! authentication). The binary adds TLS and the admin CLI.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod audit_check;
pub mod config;
mod error;
pub mod export;
pub mod http;
pub mod protocol;
pub mod service;
pub mod storage;
pub mod tls;

use std::path::Path;

use aankomst_seal::ServerKey;
use anyhow::Context as _;

pub use error::ServiceError;
pub use service::{Limits, Service};
pub use storage::{PostgresStorage, SqliteStorage, Storage, StorageError};

/// File name of the SQLite database inside the data directory.
pub const DATABASE_FILE: &str = "aankomst-server.sqlite3";
/// File name of the server's receipt key (32 secret bytes) inside the data directory.
pub const SERVER_KEY_FILE: &str = "server-key";

/// Writes a file readable by its owner only.
pub fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut f = options
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(())
}

/// Loads the server's receipt key from the data directory, creating it on first start.
pub fn load_or_create_server_key(data_dir: &Path) -> anyhow::Result<ServerKey> {
    let path = data_dir.join(SERVER_KEY_FILE);
    if !path.exists() {
        let key = ServerKey::generate(&mut aankomst_seal::system_rng());
        write_private(&path, key.secret_bytes().as_slice())?;
    }
    let bytes = zeroize::Zeroizing::new(
        std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?,
    );
    let secret: [u8; 32] = bytes
        .as_slice()
        .try_into()
        .context("the server key file must hold 32 bytes")?;
    Ok(ServerKey::from_secret_bytes(&secret))
}
