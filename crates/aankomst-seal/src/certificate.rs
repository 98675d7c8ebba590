//! Device certificates (`aankomst-device-certificate/1`) and the signed statements about
//! certified devices — revocation (`aankomst-revocation/1`) and role change
//! (`aankomst-role-change/1`) — with the verifier that turns them into a [`TrustDirectory`].
//!
//! Why: a device's key and role must not be whatever the server says. The tenant root key
//! (offline, pinned by every device at enrolment) certifies the first supervisor at the key
//! ceremony; a supervisor whose own certificate chains to the root certifies everyone else.
//! Devices, the server and the GGD build their directory only from certificates and
//! statements whose chain verifies, so a server that invents a device or a role, or sends an
//! unsigned revocation, is refused.
//!
//! # Semantics, precisely
//!
//! The directory is the result of one pass over all accepted certificates and statements,
//! **sorted by `issued_at_ms`** (ties: revocations, then role changes, then certificates; then
//! by document id). An item is accepted when, at its place in that order:
//!
//! * its `tenant` is the directory's tenant;
//! * its issuer is the tenant root, or a device in the directory that is **active** (not
//!   revoked) with a role allowed to sign it (below) — so an issuer revoked or demoted at a
//!   time ≤ the item's `issued_at_ms` cannot issue it ("revoked at issue time");
//! * its chain (root = 1, each certificate one more) is at most [`MAX_CHAIN_DEPTH`] long;
//! * its Ed25519 signature verifies strictly under the issuer's key;
//! * a certificate's device id and key are not yet certified (one device, one key, for good;
//!   the root key is never a device key); a statement's subject (device id *and* key id) is
//!   a certified device.
//!
//! Who may sign what: the root signs anything. A **supervisor** certifies counsellors,
//! supervisors and GGD devices, revokes any device, and changes roles among those three. Only
//! the root certifies an **administrator** (a functional administrator who signs the municipal
//! policy and nothing else) or gives or takes that role. Counsellors, GGD devices and
//! administrators sign no certificate or statement.
//!
//! Because the order is by the issuer's *claimed* time, a revocation or demotion that arrives
//! late also voids what its subject issued from that time on (the pass is simply run again).
//! A claimed time can be back-dated by whoever holds a revoked supervisor's key; against that,
//! material that arrives **after** its issuer is revoked or demoted is refused whatever time
//! it claims ([`TrustDirectory::admit_certificate`], [`TrustDirectory::admit_statement`]). A
//! device that builds its directory from scratch ([`TrustDirectory::build`]) has only the
//! claimed times; the server applies the arrival rule to everything it accepts, so back-dated
//! material reaches such a device only through a hostile server *and* a stolen supervisor key.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::encoding::{
    b64_decode_array, b64_encode, check_json_int, check_text, parse_tagged, Canonical,
};
use crate::keys::{DeviceKey, DevicePublicKey, KeyId, TenantRootKey, TenantRootPublicKey};
use crate::SealError;

/// The `format` tag of a device certificate, and the label of its signed bytes.
pub const CERTIFICATE_FORMAT: &str = "aankomst-device-certificate/1";
/// The `format` tag of a revocation statement, and the label of its signed bytes.
pub const REVOCATION_FORMAT: &str = "aankomst-revocation/1";
/// The `format` tag of a role-change statement, and the label of its signed bytes.
pub const ROLE_CHANGE_FORMAT: &str = "aankomst-role-change/1";

/// The longest chain a reader follows: root → supervisor → … → device, counted in
/// certificates. A municipality needs two or three; eight leaves room without letting a
/// hostile party make a reader walk an endless chain.
pub const MAX_CHAIN_DEPTH: usize = 8;

/// A certified device's role. `Counsellor` and `Supervisor` are the sync roles of
/// `aankomst_protocol::Role` (same spelling); `Ggd` is the GGD's reading device and
/// `Administrator` a municipality's functional administrator, who signs the policy only.
/// Neither of the last two has a protocol role (they do not sync client records).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DeviceRole {
    /// A counsellor's laptop.
    Counsellor,
    /// A supervisor's device: certifies, revokes, changes roles, signs the policy.
    Supervisor,
    /// The GGD's device (reads what was sealed for the GGD).
    Ggd,
    /// A functional administrator's key: signs the municipal policy, nothing else.
    Administrator,
}

impl DeviceRole {
    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            DeviceRole::Counsellor => "counsellor",
            DeviceRole::Supervisor => "supervisor",
            DeviceRole::Ggd => "ggd",
            DeviceRole::Administrator => "administrator",
        }
    }

    /// Reads the wire spelling.
    pub fn parse(text: &str) -> Result<Self, SealError> {
        Ok(match text {
            "counsellor" => DeviceRole::Counsellor,
            "supervisor" => DeviceRole::Supervisor,
            "ggd" => DeviceRole::Ggd,
            "administrator" => DeviceRole::Administrator,
            _ => {
                return Err(SealError::InvalidField {
                    field: "role",
                    reason: "not counsellor, supervisor, ggd or administrator",
                })
            }
        })
    }

    /// Whether this role may sign the municipal policy.
    pub fn may_sign_policy(self) -> bool {
        matches!(self, DeviceRole::Supervisor | DeviceRole::Administrator)
    }
}

impl fmt::Display for DeviceRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who signs a certificate, statement or policy: the tenant root (at the key ceremony) or a
/// certified device.
#[derive(Clone, Copy)]
pub enum Issuer<'a> {
    /// The tenant root key.
    Root(&'a TenantRootKey),
    /// A certified device (a supervisor's, or an administrator's key held as a device key).
    Device(&'a DeviceKey),
}

impl Issuer<'_> {
    /// The key id the signed document names as its issuer.
    pub fn key_id(&self) -> KeyId {
        match self {
            Issuer::Root(k) => k.public().key_id(),
            Issuer::Device(k) => k.public().key_id(),
        }
    }

    pub(crate) fn sign(&self, message: &[u8]) -> [u8; 64] {
        match self {
            Issuer::Root(k) => k.sign(message),
            Issuer::Device(k) => k.sign(message),
        }
    }
}

fn document_id(label: &str, signed: &[u8], signature: &[u8; 64]) -> [u8; 32] {
    let mut c = Canonical::new(label);
    c.bytes(signed).bytes(signature);
    Sha256::digest(c.finish()).into()
}

/// The fingerprint a supervisor compares before granting the team key to a new device and
/// certifying it: the first 8 characters of the device's signing key id, a dash, and the first
/// 8 characters of its grant key id (96 bits; the spelling the app already shows).
pub fn device_fingerprint(device_key_id: &KeyId, grant_key_id: &KeyId) -> String {
    let a: String = device_key_id.as_str().chars().take(8).collect();
    let b: String = grant_key_id.as_str().chars().take(8).collect();
    format!("{a}-{b}")
}

/// Compares what the supervisor typed with the fingerprint of the device (surrounding spaces
/// ignored; base64url is case-sensitive, so case is not).
pub fn confirm_fingerprint(
    typed: &str,
    device_key_id: &KeyId,
    grant_key_id: &KeyId,
) -> Result<(), SealError> {
    if typed.trim() == device_fingerprint(device_key_id, grant_key_id) {
        Ok(())
    } else {
        Err(SealError::FingerprintMismatch)
    }
}

// ---------------------------------------------------------------------------------------------
// Certificates
// ---------------------------------------------------------------------------------------------

/// A device's certificate: its tenant, device id, Ed25519 signing key and role, signed by the
/// tenant root or a supervisor device. Parsed certificates are not yet trusted: a
/// [`TrustDirectory`] decides.
#[derive(Clone, PartialEq, Eq)]
pub struct DeviceCertificate {
    tenant: String,
    device: DevicePublicKey,
    role: DeviceRole,
    issued_at_ms: u64,
    issuer_key_id: KeyId,
    signature: [u8; 64],
}

impl fmt::Debug for DeviceCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeviceCertificate")
            .field("tenant", &self.tenant)
            .field("device_id", &self.device.device_id())
            .field("role", &self.role)
            .field("issued_at_ms", &self.issued_at_ms)
            .field("issuer_key_id", &self.issuer_key_id)
            .finish_non_exhaustive()
    }
}

impl DeviceCertificate {
    /// Certifies `device` (its id and public key) with `role` for `tenant`. `issued_at_ms` is
    /// the issuer's clock, milliseconds since the Unix epoch (UTC), at most 2^53 − 1.
    pub fn issue(
        issuer: Issuer<'_>,
        tenant: &str,
        device: &DevicePublicKey,
        role: DeviceRole,
        issued_at_ms: u64,
    ) -> Result<Self, SealError> {
        check_text("tenant", tenant)?;
        check_json_int("issued_at_ms", issued_at_ms)?;
        let mut cert = DeviceCertificate {
            tenant: tenant.to_owned(),
            device: device.clone(),
            role,
            issued_at_ms,
            issuer_key_id: issuer.key_id(),
            signature: [0; 64],
        };
        cert.signature = issuer.sign(&cert.signed_bytes());
        Ok(cert)
    }

    /// The tenant.
    pub fn tenant(&self) -> &str {
        &self.tenant
    }

    /// The certified device id.
    pub fn device_id(&self) -> &str {
        self.device.device_id()
    }

    /// The certified device key (with its device id).
    pub fn device_key(&self) -> &DevicePublicKey {
        &self.device
    }

    /// The certified role.
    pub fn role(&self) -> DeviceRole {
        self.role
    }

    /// When the issuer says it signed, ms since the Unix epoch.
    pub fn issued_at_ms(&self) -> u64 {
        self.issued_at_ms
    }

    /// The key id of the issuer.
    pub fn issuer_key_id(&self) -> &KeyId {
        &self.issuer_key_id
    }

    /// The document id: SHA-256 of `text(label + " id") ‖ bytes(signed) ‖ bytes(signature)`.
    pub fn id(&self) -> [u8; 32] {
        document_id(
            "aankomst-device-certificate/1 id",
            &self.signed_bytes(),
            &self.signature,
        )
    }

    pub(crate) fn signed_bytes(&self) -> Vec<u8> {
        let mut c = Canonical::new(CERTIFICATE_FORMAT);
        c.text(&self.tenant)
            .text(self.device.device_id())
            .text(self.role.as_str())
            .bytes(&self.device.to_bytes())
            .int(self.issued_at_ms)
            .text(self.issuer_key_id.as_str());
        c.finish()
    }

    /// The wire form (JSON).
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(&CertificateWire {
            format: CERTIFICATE_FORMAT.to_owned(),
            tenant: self.tenant.clone(),
            device_id: self.device.device_id().to_owned(),
            role: self.role.as_str().to_owned(),
            public_key: self.device.to_base64url(),
            key_id: self.device.key_id().to_string(),
            issued_at_ms: self.issued_at_ms,
            issuer_key_id: self.issuer_key_id.to_string(),
            signature: b64_encode(&self.signature),
        })
        .expect("a certificate always serialises")
    }

    /// Parses the wire form; refuses unknown versions, missing, extra and duplicated fields,
    /// invalid or small-order keys and a key id that is not the key's.
    pub fn from_json(json: &[u8]) -> Result<Self, SealError> {
        let w: CertificateWire = parse_tagged(json, CERTIFICATE_FORMAT)?;
        check_text("tenant", &w.tenant)?;
        check_json_int("issued_at_ms", w.issued_at_ms)?;
        let device = DevicePublicKey::from_bytes(
            &w.device_id,
            &b64_decode_array::<32>("public_key", &w.public_key)?,
        )?;
        if device.key_id().as_str() != w.key_id {
            return Err(SealError::KeyIdMismatch);
        }
        Ok(DeviceCertificate {
            tenant: w.tenant,
            device,
            role: DeviceRole::parse(&w.role)?,
            issued_at_ms: w.issued_at_ms,
            issuer_key_id: KeyId::parse("issuer_key_id", &w.issuer_key_id)?,
            signature: b64_decode_array("signature", &w.signature)?,
        })
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CertificateWire {
    format: String,
    tenant: String,
    device_id: String,
    role: String,
    public_key: String,
    key_id: String,
    issued_at_ms: u64,
    issuer_key_id: String,
    signature: String,
}

// ---------------------------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------------------------

/// What a statement says about its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementKind {
    /// The subject device is revoked from `issued_at_ms` on, for good: its signatures from then
    /// on count for nothing, and it wipes its client data when it sees this statement.
    Revocation,
    /// The subject device has this role from `issued_at_ms` on.
    RoleChange(DeviceRole),
}

/// A signed statement about one certified device (identified by device id **and** key id, so a
/// statement cannot be moved to a later device reusing the id).
#[derive(Clone, PartialEq, Eq)]
pub struct Statement {
    tenant: String,
    kind: StatementKind,
    subject_device: String,
    subject_key_id: KeyId,
    issued_at_ms: u64,
    issuer_key_id: KeyId,
    signature: [u8; 64],
}

impl fmt::Debug for Statement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Statement")
            .field("tenant", &self.tenant)
            .field("kind", &self.kind)
            .field("subject_device", &self.subject_device)
            .field("issued_at_ms", &self.issued_at_ms)
            .field("issuer_key_id", &self.issuer_key_id)
            .finish_non_exhaustive()
    }
}

impl Statement {
    /// Signs a statement about `subject` (its device id and key).
    pub fn issue(
        issuer: Issuer<'_>,
        tenant: &str,
        kind: StatementKind,
        subject: &DevicePublicKey,
        issued_at_ms: u64,
    ) -> Result<Self, SealError> {
        check_text("tenant", tenant)?;
        check_json_int("issued_at_ms", issued_at_ms)?;
        let mut statement = Statement {
            tenant: tenant.to_owned(),
            kind,
            subject_device: subject.device_id().to_owned(),
            subject_key_id: subject.key_id(),
            issued_at_ms,
            issuer_key_id: issuer.key_id(),
            signature: [0; 64],
        };
        statement.signature = issuer.sign(&statement.signed_bytes());
        Ok(statement)
    }

    /// The tenant.
    pub fn tenant(&self) -> &str {
        &self.tenant
    }

    /// What the statement says.
    pub fn kind(&self) -> StatementKind {
        self.kind
    }

    /// The device the statement is about.
    pub fn subject_device(&self) -> &str {
        &self.subject_device
    }

    /// The key id of the device the statement is about.
    pub fn subject_key_id(&self) -> &KeyId {
        &self.subject_key_id
    }

    /// When the issuer says it signed, ms since the Unix epoch.
    pub fn issued_at_ms(&self) -> u64 {
        self.issued_at_ms
    }

    /// The key id of the issuer.
    pub fn issuer_key_id(&self) -> &KeyId {
        &self.issuer_key_id
    }

    fn format(&self) -> &'static str {
        match self.kind {
            StatementKind::Revocation => REVOCATION_FORMAT,
            StatementKind::RoleChange(_) => ROLE_CHANGE_FORMAT,
        }
    }

    /// The document id: SHA-256 of `text(format + " id") ‖ bytes(signed) ‖ bytes(signature)`.
    pub fn id(&self) -> [u8; 32] {
        let label = match self.kind {
            StatementKind::Revocation => "aankomst-revocation/1 id",
            StatementKind::RoleChange(_) => "aankomst-role-change/1 id",
        };
        document_id(label, &self.signed_bytes(), &self.signature)
    }

    pub(crate) fn signed_bytes(&self) -> Vec<u8> {
        let mut c = Canonical::new(self.format());
        c.text(&self.tenant)
            .text(&self.subject_device)
            .text(self.subject_key_id.as_str());
        if let StatementKind::RoleChange(role) = self.kind {
            c.text(role.as_str());
        }
        c.int(self.issued_at_ms).text(self.issuer_key_id.as_str());
        c.finish()
    }

    /// The wire form (JSON).
    pub fn to_json(&self) -> Vec<u8> {
        let signature = b64_encode(&self.signature);
        match self.kind {
            StatementKind::Revocation => serde_json::to_vec(&RevocationWire {
                format: REVOCATION_FORMAT.to_owned(),
                tenant: self.tenant.clone(),
                subject_device: self.subject_device.clone(),
                subject_key_id: self.subject_key_id.to_string(),
                issued_at_ms: self.issued_at_ms,
                issuer_key_id: self.issuer_key_id.to_string(),
                signature,
            }),
            StatementKind::RoleChange(role) => serde_json::to_vec(&RoleChangeWire {
                format: ROLE_CHANGE_FORMAT.to_owned(),
                tenant: self.tenant.clone(),
                subject_device: self.subject_device.clone(),
                subject_key_id: self.subject_key_id.to_string(),
                role: role.as_str().to_owned(),
                issued_at_ms: self.issued_at_ms,
                issuer_key_id: self.issuer_key_id.to_string(),
                signature,
            }),
        }
        .expect("a statement always serialises")
    }

    /// Parses either statement format (by its `format` tag); refuses other formats, missing,
    /// extra and duplicated fields.
    pub fn from_json(json: &[u8]) -> Result<Self, SealError> {
        #[derive(Deserialize)]
        struct Tag {
            format: Option<String>,
        }
        let tag: Tag =
            serde_json::from_slice(json).map_err(|e| SealError::Malformed(e.to_string()))?;
        let (tenant, kind, subject_device, subject_key_id, issued_at_ms, issuer, signature) =
            if tag.format.as_deref() == Some(ROLE_CHANGE_FORMAT) {
                let w: RoleChangeWire = parse_tagged(json, ROLE_CHANGE_FORMAT)?;
                let kind = StatementKind::RoleChange(DeviceRole::parse(&w.role)?);
                (
                    w.tenant,
                    kind,
                    w.subject_device,
                    w.subject_key_id,
                    w.issued_at_ms,
                    w.issuer_key_id,
                    w.signature,
                )
            } else {
                // Also reports an unknown or missing tag (naming the revocation format).
                let w: RevocationWire = parse_tagged(json, REVOCATION_FORMAT)?;
                (
                    w.tenant,
                    StatementKind::Revocation,
                    w.subject_device,
                    w.subject_key_id,
                    w.issued_at_ms,
                    w.issuer_key_id,
                    w.signature,
                )
            };
        check_text("tenant", &tenant)?;
        check_text("subject_device", &subject_device)?;
        check_json_int("issued_at_ms", issued_at_ms)?;
        Ok(Statement {
            tenant,
            kind,
            subject_device,
            subject_key_id: KeyId::parse("subject_key_id", &subject_key_id)?,
            issued_at_ms,
            issuer_key_id: KeyId::parse("issuer_key_id", &issuer)?,
            signature: b64_decode_array("signature", &signature)?,
        })
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RevocationWire {
    format: String,
    tenant: String,
    subject_device: String,
    subject_key_id: String,
    issued_at_ms: u64,
    issuer_key_id: String,
    signature: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleChangeWire {
    format: String,
    tenant: String,
    subject_device: String,
    subject_key_id: String,
    role: String,
    issued_at_ms: u64,
    issuer_key_id: String,
    signature: String,
}

// ---------------------------------------------------------------------------------------------
// The directory
// ---------------------------------------------------------------------------------------------

/// Whether a certified device may still act.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceStatus {
    /// Certified and not revoked.
    Active,
    /// Revoked from this time on (ms since the Unix epoch, the revocation's `issued_at_ms`).
    Revoked {
        /// When the revocation took effect.
        at_ms: u64,
    },
}

/// One device as the verified material says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceEntry {
    /// The device's key (with its device id), from its certificate.
    pub key: DevicePublicKey,
    /// Its current role (the certificate's, or the latest verified role change).
    pub role: DeviceRole,
    /// Active or revoked.
    pub status: DeviceStatus,
    /// When it was certified.
    pub certified_at_ms: u64,
    /// Who certified it.
    pub issuer_key_id: KeyId,
    /// Certificates from the root to this one (a root-issued certificate is 1).
    pub chain_depth: usize,
}

impl DeviceEntry {
    /// Whether the device is certified, not revoked, and has `role` now.
    pub fn is_active_with(&self, role: DeviceRole) -> bool {
        self.status == DeviceStatus::Active && self.role == role
    }
}

/// A certificate or statement the directory refused, with why. Holds no client data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The refused document's id (see [`DeviceCertificate::id`], [`Statement::id`]).
    pub document_id: [u8; 32],
    /// The device the document certifies or is about.
    pub device_id: String,
    /// The document's format tag.
    pub format: &'static str,
    /// Why it was refused.
    pub error: SealError,
}

#[derive(Clone)]
enum Material {
    Certificate(DeviceCertificate),
    Statement(Statement),
}

impl Material {
    fn issued_at_ms(&self) -> u64 {
        match self {
            Material::Certificate(c) => c.issued_at_ms,
            Material::Statement(s) => s.issued_at_ms,
        }
    }

    /// Revocations first at equal times (an issuer revoked at t cannot issue at t), then role
    /// changes, then certificates.
    fn rank(&self) -> u8 {
        match self {
            Material::Statement(s) if s.kind == StatementKind::Revocation => 0,
            Material::Statement(_) => 1,
            Material::Certificate(_) => 2,
        }
    }

    fn id(&self) -> [u8; 32] {
        match self {
            Material::Certificate(c) => c.id(),
            Material::Statement(s) => s.id(),
        }
    }

    fn refusal(&self, error: SealError) -> Refusal {
        match self {
            Material::Certificate(c) => Refusal {
                document_id: c.id(),
                device_id: c.device_id().to_owned(),
                format: CERTIFICATE_FORMAT,
                error,
            },
            Material::Statement(s) => Refusal {
                document_id: s.id(),
                device_id: s.subject_device.clone(),
                format: s.format(),
                error,
            },
        }
    }
}

/// The devices of a tenant as certificates and statements that chain to the pinned root say
/// they are — never as the server says. Sync verifies envelope authors with
/// [`author_key`](Self::author_key); the app shows roles from [`device`](Self::device).
#[derive(Clone)]
pub struct TrustDirectory {
    tenant: String,
    root: TenantRootPublicKey,
    root_key_id: KeyId,
    /// Every accepted document, in arrival order (what a device persists).
    accepted: Vec<Material>,
    devices: BTreeMap<String, DeviceEntry>,
    by_key: BTreeMap<KeyId, String>,
    /// Ids of documents whose signature already verified under the key their issuer key id
    /// names (a key id names one key, so this never changes): a rebuild re-checks the rules,
    /// not the Ed25519 arithmetic.
    verified: BTreeSet<[u8; 32]>,
}

impl fmt::Debug for TrustDirectory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TrustDirectory")
            .field("tenant", &self.tenant)
            .field("devices", &self.devices.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// Where an issuer stands, for the checks of one document.
enum Authority {
    Root,
    Device { role: DeviceRole, depth: usize },
}

impl TrustDirectory {
    /// An empty directory for `tenant` under its pinned root key.
    pub fn new(tenant: &str, root: TenantRootPublicKey) -> Self {
        TrustDirectory {
            tenant: tenant.to_owned(),
            root_key_id: root.key_id(),
            root,
            accepted: Vec::new(),
            devices: BTreeMap::new(),
            by_key: BTreeMap::new(),
            verified: BTreeSet::new(),
        }
    }

    /// Builds a directory from scratch (a new device, the GGD, a rebuild from storage): every
    /// document in the order of the module's rules; what does not verify is returned, not
    /// kept.
    pub fn build(
        tenant: &str,
        root: TenantRootPublicKey,
        certificates: &[DeviceCertificate],
        statements: &[Statement],
    ) -> (Self, Vec<Refusal>) {
        let mut dir = TrustDirectory::new(tenant, root);
        let material: Vec<Material> = certificates
            .iter()
            .cloned()
            .map(Material::Certificate)
            .chain(statements.iter().cloned().map(Material::Statement))
            .collect();
        let (accepted, refused) = dir.replay(material);
        dir.accepted = accepted;
        (dir, refused)
    }

    /// The tenant.
    pub fn tenant(&self) -> &str {
        &self.tenant
    }

    /// The pinned root key.
    pub fn root(&self) -> &TenantRootPublicKey {
        &self.root
    }

    /// A device by id, whatever its status.
    pub fn device(&self, device_id: &str) -> Option<&DeviceEntry> {
        self.devices.get(device_id)
    }

    /// Every certified device, by id.
    pub fn devices(&self) -> impl Iterator<Item = (&str, &DeviceEntry)> {
        self.devices.iter().map(|(id, e)| (id.as_str(), e))
    }

    /// Whether `device_id` is certified, not revoked, and has `role` now.
    pub fn is_valid(&self, device_id: &str, role: DeviceRole) -> bool {
        self.device(device_id)
            .is_some_and(|e| e.is_active_with(role))
    }

    /// The key to verify an envelope by `device_id` with: refuses a device that is not
    /// certified ([`SealError::UnknownSubject`]) or revoked ([`SealError::IssuerRevoked`]).
    pub fn author_key(&self, device_id: &str) -> Result<&DevicePublicKey, SealError> {
        let entry = self.device(device_id).ok_or(SealError::UnknownSubject)?;
        match entry.status {
            DeviceStatus::Active => Ok(&entry.key),
            DeviceStatus::Revoked { .. } => Err(SealError::IssuerRevoked),
        }
    }

    /// The accepted certificates, in arrival order (what a device persists to rebuild).
    pub fn certificates(&self) -> impl Iterator<Item = &DeviceCertificate> {
        self.accepted.iter().filter_map(|m| match m {
            Material::Certificate(c) => Some(c),
            Material::Statement(_) => None,
        })
    }

    /// The accepted statements, in arrival order.
    pub fn statements(&self) -> impl Iterator<Item = &Statement> {
        self.accepted.iter().filter_map(|m| match m {
            Material::Statement(s) => Some(s),
            Material::Certificate(_) => None,
        })
    }

    /// Adds a certificate that arrives now. On top of the rules of [`build`](Self::build), its
    /// issuer must be active with a role that may issue it *now*, whatever time it claims (so a
    /// revoked supervisor's key cannot back-date its way in). A certificate already held is
    /// accepted again without change.
    pub fn admit_certificate(&mut self, certificate: &DeviceCertificate) -> Result<(), SealError> {
        self.admit(Material::Certificate(certificate.clone()))
    }

    /// Adds a statement that arrives now, with the same rule as
    /// [`admit_certificate`](Self::admit_certificate). A revocation or demotion that claims an
    /// earlier time also voids what its subject issued from that time on.
    pub fn admit_statement(&mut self, statement: &Statement) -> Result<(), SealError> {
        self.admit(Material::Statement(statement.clone()))
    }

    /// Whether `issuer_key_id` may sign the municipal policy now: the root, or an active
    /// supervisor or administrator.
    pub fn check_policy_signer(&self, issuer_key_id: &KeyId) -> Result<(), SealError> {
        match self.authority_now(issuer_key_id)? {
            Authority::Root => Ok(()),
            Authority::Device { role, .. } if role.may_sign_policy() => Ok(()),
            Authority::Device { .. } => Err(SealError::IssuerNotAuthorised),
        }
    }

    /// Verifies a signature by `issuer_key_id` (root or certified device) over `message`.
    pub(crate) fn verify_by(
        &self,
        issuer_key_id: &KeyId,
        message: &[u8],
        signature: &[u8; 64],
    ) -> Result<(), SealError> {
        if *issuer_key_id == self.root_key_id {
            return self.root.verify(message, signature);
        }
        let device = self
            .by_key
            .get(issuer_key_id)
            .ok_or(SealError::UnknownIssuer)?;
        self.devices[device].key.verify(message, signature)
    }

    fn authority_now(&self, issuer_key_id: &KeyId) -> Result<Authority, SealError> {
        if *issuer_key_id == self.root_key_id {
            return Ok(Authority::Root);
        }
        let device = self
            .by_key
            .get(issuer_key_id)
            .ok_or(SealError::UnknownIssuer)?;
        let entry = &self.devices[device];
        if entry.status != DeviceStatus::Active {
            return Err(SealError::IssuerRevoked);
        }
        Ok(Authority::Device {
            role: entry.role,
            depth: entry.chain_depth,
        })
    }

    fn admit(&mut self, item: Material) -> Result<(), SealError> {
        let id = item.id();
        if self.accepted.iter().any(|m| m.id() == id) {
            return Ok(());
        }
        let issuer = match &item {
            Material::Certificate(c) => &c.issuer_key_id,
            Material::Statement(s) => &s.issuer_key_id,
        };
        // The arrival rule: the issuer must be allowed to sign this *now*.
        let authority = self.authority_now(issuer)?;
        check_allowed(&authority, &item)?;

        let mut candidate = self.accepted.clone();
        candidate.push(item);
        let mut next = TrustDirectory::new(&self.tenant, self.root.clone());
        next.verified = std::mem::take(&mut self.verified);
        let (accepted, refused) = next.replay(candidate);
        // Keep what was verified whatever the outcome.
        self.verified = next.verified.clone();
        // Earlier documents that a late revocation or demotion voids are dropped with it; the
        // new document itself must pass.
        if let Some(r) = refused.into_iter().find(|r| r.document_id == id) {
            return Err(r.error);
        }
        next.accepted = accepted;
        *self = next;
        Ok(())
    }

    /// One pass over `material` in the module's order. Returns what it accepted (in the
    /// order given) and what it refused.
    fn replay(&mut self, material: Vec<Material>) -> (Vec<Material>, Vec<Refusal>) {
        let ids: Vec<[u8; 32]> = material.iter().map(Material::id).collect();
        let mut order: Vec<usize> = (0..material.len()).collect();
        order.sort_by_key(|&i| {
            let m = &material[i];
            (m.issued_at_ms(), m.rank(), ids[i])
        });
        let mut taken = BTreeSet::new();
        let mut refused = Vec::new();
        let mut seen = BTreeSet::new();
        for i in order {
            let m = &material[i];
            if !seen.insert(ids[i]) {
                continue; // the same document twice
            }
            match self.apply(m, ids[i]) {
                Ok(()) => {
                    taken.insert(i);
                }
                Err(e) => refused.push(m.refusal(e)),
            }
        }
        let accepted = material
            .into_iter()
            .enumerate()
            .filter(|(i, _)| taken.contains(i))
            .map(|(_, m)| m)
            .collect();
        (accepted, refused)
    }

    fn apply(&mut self, item: &Material, id: [u8; 32]) -> Result<(), SealError> {
        let (tenant, issuer, signed, signature) = match item {
            Material::Certificate(c) => {
                (&c.tenant, &c.issuer_key_id, c.signed_bytes(), c.signature)
            }
            Material::Statement(s) => (&s.tenant, &s.issuer_key_id, s.signed_bytes(), s.signature),
        };
        if *tenant != self.tenant {
            return Err(SealError::TenantMismatch {
                found: tenant.clone(),
                expected: self.tenant.clone(),
            });
        }
        let authority = self.authority_now(issuer)?;
        check_allowed(&authority, item)?;
        let depth = match authority {
            Authority::Root => 1,
            Authority::Device { depth, .. } => depth + 1,
        };
        if !self.verified.contains(&id) {
            self.verify_by(issuer, &signed, &signature)?;
            self.verified.insert(id);
        }
        match item {
            Material::Certificate(c) => {
                if depth > MAX_CHAIN_DEPTH {
                    return Err(SealError::ChainTooLong(MAX_CHAIN_DEPTH));
                }
                let key_id = c.device.key_id();
                if self.devices.contains_key(c.device_id())
                    || self.by_key.contains_key(&key_id)
                    || key_id == self.root_key_id
                {
                    return Err(SealError::AlreadyCertified);
                }
                self.by_key.insert(key_id, c.device_id().to_owned());
                self.devices.insert(
                    c.device_id().to_owned(),
                    DeviceEntry {
                        key: c.device.clone(),
                        role: c.role,
                        status: DeviceStatus::Active,
                        certified_at_ms: c.issued_at_ms,
                        issuer_key_id: c.issuer_key_id.clone(),
                        chain_depth: depth,
                    },
                );
            }
            Material::Statement(s) => {
                let entry = self
                    .devices
                    .get_mut(&s.subject_device)
                    .filter(|e| e.key.key_id() == s.subject_key_id)
                    .ok_or(SealError::UnknownSubject)?;
                match s.kind {
                    StatementKind::Revocation => {
                        if entry.status == DeviceStatus::Active {
                            entry.status = DeviceStatus::Revoked {
                                at_ms: s.issued_at_ms,
                            };
                        }
                    }
                    StatementKind::RoleChange(role) => {
                        if entry.status != DeviceStatus::Active {
                            return Err(SealError::IssuerRevoked);
                        }
                        // Giving or taking the administrator role is the root's alone.
                        if (entry.role == DeviceRole::Administrator)
                            && !matches!(authority, Authority::Root)
                        {
                            return Err(SealError::IssuerNotAuthorised);
                        }
                        entry.role = role;
                    }
                }
            }
        }
        Ok(())
    }
}

/// Whether an issuer of this standing may sign this document at all.
fn check_allowed(authority: &Authority, item: &Material) -> Result<(), SealError> {
    let Authority::Device { role, .. } = authority else {
        return Ok(());
    };
    if *role != DeviceRole::Supervisor {
        return Err(SealError::IssuerNotAuthorised);
    }
    let touches_administrator = match item {
        Material::Certificate(c) => c.role == DeviceRole::Administrator,
        Material::Statement(s) => s.kind == StatementKind::RoleChange(DeviceRole::Administrator),
    };
    if touches_administrator {
        return Err(SealError::IssuerNotAuthorised);
    }
    Ok(())
}

/// What a laptop checks before it wipes itself: `revocation` is a revocation of **this**
/// device (`me`: its id and key), for its tenant, signed by the root or by a supervisor whose
/// chain verifies under the pinned `root` and who was not revoked or demoted at the
/// revocation's time. `certificates` and `statements` are whatever the device has (from the
/// server: they are verified here, not trusted). Anything else — an unsigned error code, a
/// revocation by a counsellor, by a device the server invented, of another device — is
/// refused, and the laptop must not wipe.
pub fn verify_revocation_of(
    me: &DevicePublicKey,
    revocation: &Statement,
    tenant: &str,
    root: &TenantRootPublicKey,
    certificates: &[DeviceCertificate],
    statements: &[Statement],
) -> Result<(), SealError> {
    if revocation.kind != StatementKind::Revocation {
        return Err(SealError::InvalidField {
            field: "format",
            reason: "not a revocation",
        });
    }
    if revocation.subject_device != me.device_id() || revocation.subject_key_id != me.key_id() {
        return Err(SealError::NotTheSubject);
    }
    let id = revocation.id();
    let mut material: Vec<Material> = certificates
        .iter()
        .cloned()
        .map(Material::Certificate)
        .chain(
            statements
                .iter()
                .filter(|s| s.id() != id)
                .cloned()
                .map(Material::Statement),
        )
        .collect();
    material.push(Material::Statement(revocation.clone()));
    // Claimed-time rules only: a laptop about to wipe has no arrival history for the issuer.
    let mut directory = TrustDirectory::new(tenant, root.clone());
    let (_, refused) = directory.replay(material);
    if let Some(r) = refused.into_iter().find(|r| r.document_id == id) {
        return Err(r.error);
    }
    match directory.device(me.device_id()) {
        Some(entry) if matches!(entry.status, DeviceStatus::Revoked { .. }) => Ok(()),
        _ => Err(SealError::UnknownSubject),
    }
}
