//! The client side of Aankomst's end-to-end encrypted sync (DESIGN §4–§5), for the desktop
//! app: no UI, and no IO but HTTPS to the municipal server and the local encrypted store.
//!
//! # Flow
//!
//! 1. **Enrol** ([`SyncEngine::enrol`]) with a one-time code, the server's URL and
//!    certificate ([`ServerSettings`]) and the tenant root public key given out of band. The
//!    device makes its Ed25519 signing key and an X25519 key for the team-key grant, pins the
//!    tenant root key (a recipient list not signed by it is refused, so nothing is ever
//!    encrypted to a key the root did not sign) and the server's receipt key, and asks for the
//!    team key. Everything is kept in the encrypted store (`sync_state`).
//! 2. **Team key.** A supervisor's device lists waiting devices
//!    ([`SyncEngine::pending_grants`], with a fingerprint to compare with the new device's
//!    [`SyncEngine::fingerprint`]) and grants ([`SyncEngine::grant_team_key`]): the team key
//!    wrapped with HPKE for the new device's X25519 key, relayed by the server. The new device
//!    accepts a grant only if it opens to the team key of the verified recipient list. The
//!    first supervisor imports the team key from the key ceremony
//!    ([`SyncEngine::import_team_key`]).
//! 3. **Sync** ([`SyncEngine::sync`]) = push then pull. Push seals every own revision that has
//!    no envelope yet (batches on both cores; a sealed administration goes to its sealing
//!    recipient and the recovery key only), stores the envelopes, sends them within the
//!    server's limits, verifies each signed receipt against the pinned server key and only
//!    then marks the revision synced. A retry resends the *same* envelope, so the server sees
//!    a duplicate, never a second revision. Pull fetches pages after a persisted cursor,
//!    verifies each author against the device directory (pinned on first sight, a changed
//!    key refused), opens with the team key and hands the revision to
//!    [`aankomst_store::Store::receive`], which merges (concurrent same-field edits become
//!    conflicts). Envelopes sealed for others are recorded, not opened.
//! 4. **Progress** goes to a callback ([`Progress`]: records and bytes per phase); the
//!    [`SyncReport`] says what happened; [`SyncEngine::ledger`] lists what went and came with
//!    receipt sequence and envelope ids; [`SyncEngine::last_check_in`] is the time of the last
//!    completed sync (the app locks after N days without one).
//! 5. **Revocation**: when the server answers `revoked_device`, `sync` returns
//!    [`SyncError::Revoked`] and the app calls [`SyncEngine::wipe`], which closes the store and
//!    deletes the database files (the keys live only inside it).
//!
//! ```no_run
//! # fn demo(store: &mut aankomst_store::Store) -> Result<(), aankomst_sync::SyncError> {
//! use aankomst_sync::{Enrolment, ServerSettings, SyncEngine};
//! let mut engine = match SyncEngine::load(store)? {
//!     Some(engine) => engine,
//!     None => SyncEngine::enrol(store, &Enrolment {
//!         server: ServerSettings { url: "https://sync.example:8443".into(), ca_pem: "...".into() },
//!         tenant: "gemeente-utrecht".into(),
//!         tenant_root_public_key: "...".into(),
//!         code: "ABCD-EFGH-...".into(),
//!     })?,
//! };
//! let report = engine.sync(store, &mut |p| println!("{:?}: {} records", p.phase, p.records))?;
//! println!("pushed {}, pulled {}", report.pushed, report.pulled);
//! # Ok(()) }
//! ```
//!
//! Requests are blocking (reqwest over rustls, trusting only the configured certificate); the
//! app calls `sync` on a worker thread.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod client;
mod engine;
mod error;
mod policy;
mod write_seal;

pub use aankomst_protocol::{EnrolmentCodeResponse, ManagedDevice, Role};
pub use aankomst_store::LedgerEntry;
pub use client::ServerSettings;
pub use engine::{
    fingerprints_match, Enrolment, PendingDevice, Phase, Progress, SyncEngine, SyncReport,
    AUDIT_KIND,
};
pub use error::SyncError;
pub use policy::{sign_policy_with_device, PolicyRefused};
pub use write_seal::{
    pin_demo_recipient_list, pin_recipient_list, seal_written_before, ResealReport, WriteSealer,
    DEMO_TENANT,
};
