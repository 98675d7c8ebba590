//! The local store of one counsellor profile: an SQLCipher database whose 256-bit key
//! lives in the OS keychain, wrapped under a key derived from the profile's passphrase
//! (Argon2id). Every change is kept as a revision; a materialised state and a few
//! index tables serve fast reads.

mod audit;
mod db;
mod error;
mod instance;
pub mod keychain;
mod migrations;
mod policy;
pub mod profiles;
mod repo;
mod sealed;
mod sync;

pub use audit::{DeviceChain, ReceivedAudit};
pub use db::{DbKey, Identity, OpenOptions, Store};
pub use error::StoreError;
pub use instance::InstanceLock;
pub use keychain::{MemoryKeychain, OsKeychain, SecretError, SecretStore};
pub use policy::{ActivePolicy, PolicySource};
pub use profiles::{KdfParams, ProfileMeta, Profiles};
pub use repo::{CaseIndexRow, ClientQuery, StoredRecord};
pub use sync::{LedgerEntry, PendingEnvelope, SealedRevision, SyncReceiptRow};
