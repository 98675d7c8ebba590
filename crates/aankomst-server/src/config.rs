//! Configuration: a TOML file (`--config`), overridden by command-line flags.
//!
//! ```toml
//! listen = "0.0.0.0:8443"
//! data_dir = "/var/lib/aankomst-server"
//! storage = "sqlite"              # or a postgres:// URL (not yet available)
//! tls_cert = "/etc/aankomst/cert.pem"   # optional; self-signed in data_dir/tls/ if absent
//! tls_key = "/etc/aankomst/key.pem"
//! tls_names = ["sync.gemeente.example"] # extra names for the self-signed certificate
//!
//! [limits]
//! max_body_bytes = 33554432
//! max_batch = 500
//! max_pull_page = 1000
//! requests_per_minute = 600
//! burst = 120
//! ```

use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};
use serde::Deserialize;

use crate::Limits;

/// Where the server keeps its data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageConfig {
    /// The embedded SQLite file in the data directory.
    Sqlite,
    /// A PostgreSQL URL.
    Postgres(String),
}

impl StorageConfig {
    /// Parses `sqlite` or a `postgres://` / `postgresql://` URL.
    pub fn parse(s: &str) -> anyhow::Result<Self> {
        if s == "sqlite" {
            Ok(StorageConfig::Sqlite)
        } else if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            Ok(StorageConfig::Postgres(s.to_owned()))
        } else {
            bail!("storage must be \"sqlite\" or a postgres:// URL")
        }
    }
}

/// The configuration file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// Listen address.
    pub listen: Option<String>,
    /// Data directory.
    pub data_dir: Option<PathBuf>,
    /// `sqlite` or a postgres URL.
    pub storage: Option<String>,
    /// TLS certificate chain (PEM).
    pub tls_cert: Option<PathBuf>,
    /// TLS private key (PEM).
    pub tls_key: Option<PathBuf>,
    /// Extra DNS names or IPs for the generated self-signed certificate.
    #[serde(default)]
    pub tls_names: Vec<String>,
    /// Limits.
    #[serde(default)]
    pub limits: Limits,
}

impl FileConfig {
    /// Reads a TOML file.
    pub fn read(path: &Path) -> anyhow::Result<Self> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))
    }
}

/// Default listen address.
pub const DEFAULT_LISTEN: &str = "0.0.0.0:8443";
/// Default data directory.
pub const DEFAULT_DATA_DIR: &str = "./aankomst-data";
