//! Sealing at write time (DESIGN §4.14): a revision of a sealed administration (the K10 for the
//! GGD) is sealed into its envelope for the sealing recipient and the recovery key the moment it
//! is written, signed by this device, under the recipient list the device pinned. The store keeps
//! the envelope for push and the revision without its answers; push later sends the envelope as
//! it is.
//!
//! A device can seal before it is enrolled: the municipality's signed recipient list and its
//! root key can be pinned first ([`pin_recipient_list`]), and a device key is made then; enrolment
//! keeps both (the server enrols that key). A demo profile gets a list of its own
//! ([`pin_demo_recipient_list`]) whose GGD key nobody holds: its data is fictional.

use aankomst_core::Revision;
use aankomst_seal::{
    Audience, DeviceKey, RecipientKeyPair, RecipientList, RecipientListPin, Sealer,
    SignedRecipientList, TeamKey, TenantRootKey, TenantRootPublicKey, VerifiedRecipientList,
};
use aankomst_store::{SealedRevision, Store};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use zeroize::Zeroizing;

use crate::engine::{persisted_device_key, KEY_ENROLMENT, KEY_LIST, KEY_PIN};
use crate::SyncError;

/// The device key of a profile that is not enrolled yet (base64url secret); enrolment takes it.
pub(crate) const KEY_LOCAL_DEVICE: &str = "local_device_key";

/// The tenant name of a demo profile's own recipient list.
pub const DEMO_TENANT: &str = "demo";

/// What sealing at write time needs: this device's signing key and the pinned, verified
/// recipient list.
pub struct WriteSealer {
    device: DeviceKey,
    list: VerifiedRecipientList,
}

impl std::fmt::Debug for WriteSealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WriteSealer")
            .field("device", &self.device.device_id())
            .finish_non_exhaustive()
    }
}

impl WriteSealer {
    /// The sealer of this store's device, or `None` when no recipient list is pinned (not
    /// enrolled and none pinned before enrolment). The stored list is checked again under the
    /// stored pin.
    pub fn load(store: &Store) -> Result<Option<WriteSealer>, SyncError> {
        let (Some(pin_text), Some(list_text)) =
            (store.sync_state(KEY_PIN)?, store.sync_state(KEY_LIST)?)
        else {
            return Ok(None);
        };
        let mut pin: RecipientListPin = serde_json::from_str(&pin_text)
            .map_err(|_| SyncError::Protocol("stored pin does not parse".into()))?;
        let list = pin
            .accept(&SignedRecipientList::from_json(list_text.as_bytes())?)
            .map_err(SyncError::RecipientListRefused)?;
        let device_id = store.identity().device.clone();
        let device = if store.sync_state(KEY_ENROLMENT)?.is_some() {
            persisted_device_key(store)?
        } else {
            match store.sync_state(KEY_LOCAL_DEVICE)? {
                Some(secret) => local_device_key(&device_id, &secret)?,
                None => return Ok(None),
            }
        };
        Ok(Some(WriteSealer { device, list }))
    }

    /// Whether the pinned list has a key for the sealing recipient `name` (`ggd`).
    pub fn has_recipient(&self, name: &str) -> bool {
        self.list.sealing_recipient(name).is_some()
    }

    /// Seals one whole revision for the sealing recipient `recipient` (and the recovery key),
    /// signed by this device: the envelope push will send as it is.
    pub fn seal(&self, rev: &Revision, recipient: &str) -> Result<SealedRevision, SyncError> {
        let audience = Audience::Sealed {
            recipient: recipient.to_owned(),
        };
        let wire = format!("sealed:{recipient}");
        let sealer = Sealer::new(&self.list, audience, &self.device)?;
        let record_id = rev.record_id.to_string();
        let revision_id = rev.rev_id.to_string();
        let parents: Vec<String> = rev.parents.iter().map(|p| p.to_string()).collect();
        let hlc = rev.hlc.to_string();
        let plaintext = Zeroizing::new(
            serde_json::to_vec(rev).map_err(|e| SyncError::Protocol(e.to_string()))?,
        );
        let envelope = sealer.seal(
            &mut aankomst_seal::system_rng(),
            &aankomst_seal::Revision {
                record_id: &record_id,
                record_kind: rev.kind.as_str(),
                revision_id: &revision_id,
                hlc: &hlc,
                parents: &parents,
                plaintext: &plaintext,
            },
        )?;
        Ok(SealedRevision {
            rev_id: rev.rev_id,
            envelope_id: envelope.id().to_base64url(),
            record_kind: rev.kind,
            audience: wire,
            envelope: envelope.to_json(),
        })
    }
}

fn local_device_key(device_id: &str, secret: &str) -> Result<DeviceKey, SyncError> {
    let bytes = Zeroizing::new(
        URL_SAFE_NO_PAD
            .decode(secret)
            .map_err(|_| SyncError::Protocol("stored device key is not base64url".into()))?,
    );
    let array: Zeroizing<[u8; 32]> = Zeroizing::new(
        bytes
            .as_slice()
            .try_into()
            .map_err(|_| SyncError::Protocol("stored device key is not 32 bytes".into()))?,
    );
    Ok(DeviceKey::from_secret_bytes(device_id, &array)?)
}

/// The device key made before enrolment, if any (enrolment enrols it instead of a new one).
pub(crate) fn local_device_key_of(store: &Store) -> Result<Option<DeviceKey>, SyncError> {
    match store.sync_state(KEY_LOCAL_DEVICE)? {
        Some(secret) => Ok(Some(local_device_key(&store.identity().device, &secret)?)),
        None => Ok(None),
    }
}

/// Pins the municipality's signed recipient list (its `recipients.json`) under its root public
/// key (`root.pub`, base64url) on a profile that is not enrolled yet, and makes this device's
/// signing key, so sealed instruments can be given before enrolment. Refused on an enrolled
/// profile (its list comes with sync) and for a list the root did not sign. Enrolment later
/// must name the same tenant and root key.
pub fn pin_recipient_list(
    store: &mut Store,
    tenant_root_key: &str,
    recipient_list: &[u8],
) -> Result<(), SyncError> {
    if store.sync_state(KEY_ENROLMENT)?.is_some() {
        return Err(SyncError::AlreadyEnrolled);
    }
    let root = TenantRootPublicKey::from_base64url(tenant_root_key.trim())
        .map_err(|_| SyncError::BadServerSettings("tenant root key is not valid".into()))?;
    let signed =
        SignedRecipientList::from_json(recipient_list).map_err(SyncError::RecipientListRefused)?;
    let mut pin = match store.sync_state(KEY_PIN)? {
        Some(text) => {
            let pin: RecipientListPin = serde_json::from_str(&text)
                .map_err(|_| SyncError::Protocol("stored pin does not parse".into()))?;
            if pin.root() != &root {
                return Err(SyncError::TenantRootMismatch);
            }
            pin
        }
        None => RecipientListPin::new(signed.tenant(), root),
    };
    pin.accept(&signed)
        .map_err(SyncError::RecipientListRefused)?;
    save_pin(store, &pin, &signed)
}

fn save_pin(
    store: &mut Store,
    pin: &RecipientListPin,
    signed: &SignedRecipientList,
) -> Result<(), SyncError> {
    let pin = serde_json::to_string(pin).map_err(|e| SyncError::Protocol(e.to_string()))?;
    let list = String::from_utf8(signed.to_json()).expect("JSON is UTF-8");
    let mut values: Vec<(&str, &str)> = vec![(KEY_PIN, &pin), (KEY_LIST, &list)];
    let secret;
    if store.sync_state(KEY_LOCAL_DEVICE)?.is_none() {
        let device = DeviceKey::generate(
            &store.identity().device.clone(),
            &mut aankomst_seal::system_rng(),
        )?;
        secret = Zeroizing::new(URL_SAFE_NO_PAD.encode(device.secret_bytes().as_slice()));
        values.push((KEY_LOCAL_DEVICE, secret.as_str()));
    }
    store.set_sync_state(&values)?;
    Ok(())
}

/// A demo profile's own recipient list (tenant [`DEMO_TENANT`]): fresh root, team, recovery and
/// GGD keys whose secrets are dropped at once, so the demo K10 is sealed like a real one and
/// nobody can open it. A demo profile is not enrolled (its tenant is no municipality's).
pub fn pin_demo_recipient_list(store: &mut Store) -> Result<(), SyncError> {
    let mut rng = aankomst_seal::system_rng();
    let root = TenantRootKey::generate(&mut rng);
    let team = RecipientKeyPair::generate(&mut rng);
    let recovery = RecipientKeyPair::generate(&mut rng);
    let ggd = RecipientKeyPair::generate(&mut rng);
    let signed = RecipientList {
        tenant: DEMO_TENANT.to_owned(),
        generation: 1,
        team: TeamKey {
            generation: 1,
            key: team.public().clone(),
        },
        previous_team: Vec::new(),
        recovery: recovery.public().clone(),
        sealing: [(aankomst_core::sealing::GGD.to_owned(), ggd.public().clone())]
            .into_iter()
            .collect(),
    }
    .sign(&root)?;
    let mut pin = RecipientListPin::new(DEMO_TENANT, root.public());
    pin.accept(&signed)
        .map_err(SyncError::RecipientListRefused)?;
    save_pin(store, &pin, &signed)
}

/// What [`seal_written_before`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ResealReport {
    /// Revisions of sealed administrations sealed now (they had no envelope).
    pub sealed: u32,
    /// Revisions whose readable answers were then forgotten.
    pub forgotten: u32,
    /// Revisions left readable because no recipient list is pinned to seal them with.
    pub waiting_for_list: u32,
}

/// For stores written before answers were sealed at write time: seals this device's unsent
/// revisions of sealed administrations (when a recipient list is pinned), then forgets the
/// readable answers of every revision that sits in an envelope. Safe to run at every unlock:
/// a second run finds nothing to do.
pub fn seal_written_before(store: &mut Store) -> Result<ResealReport, SyncError> {
    let mut report = ResealReport::default();
    let unsent = store.own_unsealed_sealed_revisions()?;
    if !unsent.is_empty() {
        match WriteSealer::load(store)? {
            Some(sealer) => {
                let mut sealed = Vec::with_capacity(unsent.len());
                for (rev, recipient) in &unsent {
                    sealed.push(sealer.seal(rev, recipient)?);
                }
                store.save_sealed(&sealed, now_ms())?;
                report.sealed = sealed.len() as u32;
            }
            None => report.waiting_for_list = unsent.len() as u32,
        }
    }
    report.forgotten = store.forget_sealed_answers()?;
    Ok(report)
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}
