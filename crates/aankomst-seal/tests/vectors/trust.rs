//! Test vectors for the trust formats — device certificates, revocation and role-change
//! statements, the signed policy, team-key grants and grant requests — and the negative
//! vectors every conforming reader must refuse (`trust-v1.json`, docs/envelope-format.md
//! §10–§14). The reader half re-implements the document with primitive crates only.

use super::*;
use ed25519_dalek::Signer as _;

const T0: u64 = 1_795_000_000_000;
const MINUTE: u64 = 60_000;
const OTHER_TENANT: &str = "gemeente-zwolle";

/// The 32-byte encodings of two small-order points: the identity (order 1) and (0, −1)
/// (order 2).
fn identity_point() -> [u8; 32] {
    let mut p = [0u8; 32];
    p[0] = 1;
    p
}

fn order_two_point() -> [u8; 32] {
    let mut p = [0xff; 32];
    p[0] = 0xec;
    p[31] = 0x7f;
    p
}

/// ℓ, the order of the Ed25519 base point, little-endian.
const ELL: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
];

/// The same signature with S + ℓ: equal modulo ℓ, so a lax verifier accepts it.
fn non_canonical_s(signature: &[u8]) -> Vec<u8> {
    let mut out = signature.to_vec();
    let mut carry = 0u16;
    for i in 0..32 {
        let sum = u16::from(out[32 + i]) + u16::from(ELL[i]) + carry;
        out[32 + i] = sum as u8;
        carry = sum >> 8;
    }
    assert_eq!(carry, 0);
    out
}

/// Flips one bit in the middle of a base64url field (`pointer` as in JSON Pointer).
fn flip_bit(value: &mut Value, pointer: &str) {
    let field = value.pointer_mut(pointer).expect("field exists");
    let mut bytes = unb64(field.as_str().unwrap());
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    *field = b64(&bytes).into();
}

fn wire(json: &[u8]) -> Value {
    serde_json::from_slice(json).unwrap()
}

fn negative(name: &str, kind: &str, because: &str, wire: Value) -> Value {
    json!({ "name": name, "kind": kind, "must_refuse_because": because, "wire": wire })
}

/// A document signed with raw Ed25519 (for the documents the crate itself refuses to make).
fn raw_sign(secret: &[u8; 32], message: &[u8]) -> String {
    b64(&ed25519_dalek::SigningKey::from_bytes(secret)
        .sign(message)
        .to_bytes())
}

pub fn generate_trust() -> Value {
    let root = TenantRootKey::generate(&mut rng(1));
    let team = RecipientKeyPair::generate(&mut rng(2));
    let recovery = RecipientKeyPair::generate(&mut rng(3));
    let ggd = RecipientKeyPair::generate(&mut rng(4));
    let counsellor = DeviceKey::generate(DEVICE, &mut rng(5)).unwrap();
    let old_team = RecipientKeyPair::generate(&mut rng(7));
    let supervisor = DeviceKey::generate("desk-supervisor", &mut rng(20)).unwrap();
    let administrator = DeviceKey::generate("beheer-1", &mut rng(21)).unwrap();
    let newcomer = DeviceKey::generate("laptop-azc-3", &mut rng(22)).unwrap();
    let grant_key = RecipientKeyPair::generate(&mut rng(23));
    let outsider = DeviceKey::generate("laptop-outsider", &mut rng(24)).unwrap();

    let signed_list = RecipientList {
        tenant: TENANT.into(),
        generation: 3,
        team: TeamKey {
            generation: 2,
            key: team.public().clone(),
        },
        previous_team: vec![TeamKey {
            generation: 1,
            key: old_team.public().clone(),
        }],
        recovery: recovery.public().clone(),
        sealing: BTreeMap::from([("ggd".to_owned(), ggd.public().clone())]),
    }
    .sign(&root)
    .unwrap();
    let list = RecipientListPin::new(TENANT, root.public())
        .accept(&signed_list)
        .unwrap();

    let cert = |issuer: Issuer<'_>, device: &DeviceKey, role: DeviceRole, at: u64| {
        DeviceCertificate::issue(issuer, TENANT, &device.public(), role, at).unwrap()
    };
    let certificates = [
        cert(Issuer::Root(&root), &supervisor, DeviceRole::Supervisor, T0),
        cert(
            Issuer::Device(&supervisor),
            &counsellor,
            DeviceRole::Counsellor,
            T0 + MINUTE,
        ),
        cert(
            Issuer::Root(&root),
            &administrator,
            DeviceRole::Administrator,
            T0 + 2 * MINUTE,
        ),
        cert(
            Issuer::Device(&supervisor),
            &newcomer,
            DeviceRole::Counsellor,
            T0 + 3 * MINUTE,
        ),
    ];
    let statements = [
        Statement::issue(
            Issuer::Device(&supervisor),
            TENANT,
            StatementKind::RoleChange(DeviceRole::Supervisor),
            &counsellor.public(),
            T0 + 4 * MINUTE,
        )
        .unwrap(),
        Statement::issue(
            Issuer::Root(&root),
            TENANT,
            StatementKind::Revocation,
            &counsellor.public(),
            T0 + 5 * MINUTE,
        )
        .unwrap(),
    ];
    let (directory, refused) =
        TrustDirectory::build(TENANT, root.public(), &certificates, &statements);
    assert!(refused.is_empty(), "{refused:?}");
    assert_eq!(
        verify_revocation_of(
            &counsellor.public(),
            &statements[1],
            TENANT,
            &root.public(),
            &certificates,
            &statements[..1]
        ),
        Ok(())
    );
    let policy_content = include_str!("default-policy-content.json");
    let policy = SignedPolicy::sign(
        Issuer::Device(&administrator),
        TENANT,
        1,
        T0 + 6 * MINUTE,
        policy_content,
    )
    .unwrap();
    PolicyPin::new(TENANT).verify(&policy, &directory).unwrap();

    let grant = TeamKeyGrant::wrap(
        &mut rng(104),
        TENANT,
        "laptop-azc-3",
        2,
        &team,
        grant_key.public(),
    )
    .unwrap();
    assert_eq!(
        grant
            .open(&grant_key, "laptop-azc-3", &list)
            .unwrap()
            .public(),
        team.public()
    );
    let mut request_bytes = Enc::new("aankomst-grant-request/1");
    request_bytes
        .bytes(TENANT.as_bytes())
        .bytes(b"laptop-azc-3")
        .bytes(&grant_key.public().to_bytes());
    let request_signature = newcomer.sign_statement(&request_bytes.0);

    // --- negative vectors -------------------------------------------------------------------
    let mut negatives = Vec::new();
    let c2 = wire(&certificates[1].to_json());
    let mut flipped = c2.clone();
    flip_bit(&mut flipped, "/signature");
    negatives.push(negative(
        "certificate-bit-flip",
        "certificate",
        "bad-signature",
        flipped,
    ));
    let mut promoted = c2.clone();
    promoted["role"] = "supervisor".into();
    negatives.push(negative(
        "certificate-role-altered",
        "certificate",
        "bad-signature",
        promoted,
    ));
    let mut lax = c2.clone();
    lax["signature"] = b64(&non_canonical_s(&unb64(c2["signature"].as_str().unwrap()))).into();
    negatives.push(negative(
        "certificate-non-canonical-s",
        "certificate",
        "non-canonical-s",
        lax,
    ));
    let mut padded = c2.clone();
    padded["signature"] = format!("{}==", c2["signature"].as_str().unwrap()).into();
    negatives.push(negative(
        "certificate-padded-base64",
        "certificate",
        "base64",
        padded,
    ));
    let root_secret: [u8; 32] = *root.secret_bytes();
    for (name, point) in [
        ("certificate-identity-key", identity_point()),
        ("certificate-order-2-key", order_two_point()),
    ] {
        // Properly signed by the root — and still refused: a small-order key accepts signatures
        // nobody made.
        let mut w = json!({
            "format": "aankomst-device-certificate/1",
            "tenant": TENANT,
            "device_id": "laptop-evil",
            "role": "supervisor",
            "public_key": b64(&point),
            "key_id": reader_key_id("ed25519", &point),
            "issued_at_ms": T0 + 10 * MINUTE,
            "issuer_key_id": root.public().key_id().to_string(),
        });
        w["signature"] = raw_sign(&root_secret, &reader_certificate_signed(&w)).into();
        negatives.push(negative(name, "certificate", "small-order-key", w));
    }
    let mut other_tenant = wire(
        &DeviceCertificate::issue(
            Issuer::Root(&root),
            OTHER_TENANT,
            &outsider.public(),
            DeviceRole::Supervisor,
            T0 + 10 * MINUTE,
        )
        .unwrap()
        .to_json(),
    );
    negatives.push(negative(
        "certificate-other-tenant",
        "certificate",
        "tenant",
        other_tenant.take(),
    ));
    negatives.push(negative(
        "certificate-by-uncertified-key",
        "certificate",
        "unknown-issuer",
        wire(
            &cert(
                Issuer::Device(&outsider),
                &outsider,
                DeviceRole::Supervisor,
                T0 + 10 * MINUTE,
            )
            .to_json(),
        ),
    ));
    negatives.push(negative(
        "certificate-by-counsellor",
        "certificate",
        "issuer-not-authorised",
        wire(
            &cert(
                Issuer::Device(&newcomer),
                &outsider,
                DeviceRole::Counsellor,
                T0 + 10 * MINUTE,
            )
            .to_json(),
        ),
    ));
    negatives.push(negative(
        "certificate-administrator-by-supervisor",
        "certificate",
        "issuer-not-authorised",
        wire(
            &cert(
                Issuer::Device(&supervisor),
                &outsider,
                DeviceRole::Administrator,
                T0 + 10 * MINUTE,
            )
            .to_json(),
        ),
    ));
    negatives.push(negative(
        "certificate-by-revoked-supervisor",
        "certificate",
        "issuer-revoked",
        wire(
            &cert(
                Issuer::Device(&counsellor),
                &outsider,
                DeviceRole::Counsellor,
                T0 + 10 * MINUTE,
            )
            .to_json(),
        ),
    ));
    let copy = DevicePublicKey::from_bytes("laptop-copy", &newcomer.public().to_bytes()).unwrap();
    negatives.push(negative(
        "certificate-key-already-certified",
        "certificate",
        "already-certified",
        wire(
            &DeviceCertificate::issue(
                Issuer::Device(&supervisor),
                TENANT,
                &copy,
                DeviceRole::Counsellor,
                T0 + 10 * MINUTE,
            )
            .unwrap()
            .to_json(),
        ),
    ));
    // Identity-key forgery: R = identity, S = 0 "verifies" under the identity key for every
    // message; the reader never gets that far because it refuses the key.
    let mut forged = identity_point().to_vec();
    forged.extend_from_slice(&[0u8; 32]);
    let mut w = json!({
        "format": "aankomst-revocation/1",
        "tenant": TENANT,
        "subject_device": "laptop-azc-3",
        "subject_key_id": newcomer.public().key_id().to_string(),
        "issued_at_ms": T0 + 10 * MINUTE,
        "issuer_key_id": reader_key_id("ed25519", &identity_point()),
        "signature": b64(&forged),
    });
    negatives.push(json!({
        "name": "revocation-identity-key-forgery",
        "kind": "statement",
        "must_refuse_because": "small-order-key",
        "issuer_public_key": b64(&identity_point()),
        "wire": w.take(),
    }));
    let revoke_newcomer = |issuer: Issuer<'_>| {
        wire(
            &Statement::issue(
                issuer,
                TENANT,
                StatementKind::Revocation,
                &newcomer.public(),
                T0 + 10 * MINUTE,
            )
            .unwrap()
            .to_json(),
        )
    };
    negatives.push(negative(
        "revocation-by-uncertified-key",
        "statement",
        "unknown-issuer",
        revoke_newcomer(Issuer::Device(&outsider)),
    ));
    negatives.push(negative(
        "revocation-by-counsellor",
        "statement",
        "issuer-not-authorised",
        revoke_newcomer(Issuer::Device(&newcomer)),
    ));
    let mut small_r = revoke_newcomer(Issuer::Device(&supervisor));
    let mut sig = order_two_point().to_vec();
    sig.extend_from_slice(&[0u8; 32]);
    small_r["signature"] = b64(&sig).into();
    negatives.push(negative(
        "revocation-small-order-r",
        "statement",
        "small-order-r",
        small_r,
    ));
    let mut promote = wire(
        &Statement::issue(
            Issuer::Device(&supervisor),
            TENANT,
            StatementKind::RoleChange(DeviceRole::Supervisor),
            &newcomer.public(),
            T0 + 10 * MINUTE,
        )
        .unwrap()
        .to_json(),
    );
    promote["role"] = "administrator".into();
    negatives.push(negative(
        "role-change-altered",
        "statement",
        "issuer-not-authorised",
        promote,
    ));
    let sign_policy = |issuer: Issuer<'_>, tenant: &str| {
        wire(
            &SignedPolicy::sign(issuer, tenant, 2, T0 + 10 * MINUTE, policy_content)
                .unwrap()
                .to_json(),
        )
    };
    negatives.push(negative(
        "policy-by-counsellor",
        "policy",
        "issuer-not-authorised",
        sign_policy(Issuer::Device(&newcomer), TENANT),
    ));
    negatives.push(negative(
        "policy-other-tenant",
        "policy",
        "tenant",
        sign_policy(Issuer::Root(&root), OTHER_TENANT),
    ));
    let mut loosened = wire(&policy.to_json());
    loosened["content"] = policy_content
        .replace(
            "\"max_auto_lock_minutes\":60",
            "\"max_auto_lock_minutes\":6",
        )
        .into();
    negatives.push(negative(
        "policy-content-altered",
        "policy",
        "bad-signature",
        loosened,
    ));

    // Envelopes by the counsellor's device (its key is in `keys.counsellor`).
    let team_env = Sealer::new(&list, Audience::Team, &counsellor)
        .unwrap()
        .seal(
            &mut rng(105),
            &Revision {
                record_id: "0190c1d2-7a3b-7c4d-8e5f-00000000c0de",
                record_kind: "note",
                revision_id: "rev-0100",
                hlc: "0000018f2a3b4d00-0000-laptop-azc-1",
                parents: &[],
                plaintext: b"{\"text\":\"...\"}",
            },
        )
        .unwrap();
    let team_wire = wire(&team_env.to_json());
    let mut flipped = team_wire.clone();
    flip_bit(&mut flipped, "/ciphertext");
    negatives.push(negative(
        "envelope-bit-flip",
        "envelope",
        "bad-signature",
        flipped,
    ));
    let mut lax = team_wire.clone();
    lax["signature"] = b64(&non_canonical_s(&unb64(
        team_wire["signature"].as_str().unwrap(),
    )))
    .into();
    negatives.push(negative(
        "envelope-non-canonical-s",
        "envelope",
        "non-canonical-s",
        lax,
    ));
    let mut forged_env = team_wire.clone();
    forged_env["signature"] = b64(&forged).into();
    negatives.push(json!({
        "name": "envelope-identity-key-forgery",
        "kind": "envelope",
        "must_refuse_because": "small-order-key",
        "author_public_key": b64(&identity_point()),
        "wire": forged_env,
    }));
    // A colleague's "sealed for the GGD" envelope wrapped for the team key (made under a list
    // signed by a key of its own; its own signature is good).
    let fake_root = TenantRootKey::generate(&mut rng(106));
    let mut fake_list = (*list).clone();
    fake_list.team.key = RecipientKeyPair::generate(&mut rng(107)).public().clone();
    fake_list.previous_team.clear();
    fake_list
        .sealing
        .insert("ggd".into(), team.public().clone());
    let fake = RecipientListPin::new(TENANT, fake_root.public())
        .accept(&fake_list.sign(&fake_root).unwrap())
        .unwrap();
    let leaky = Sealer::new(
        &fake,
        Audience::Sealed {
            recipient: "ggd".into(),
        },
        &counsellor,
    )
    .unwrap()
    .seal(
        &mut rng(108),
        &Revision {
            record_id: "0190c1d2-7a3b-7c4d-8e5f-00000000c0df",
            record_kind: "administration",
            revision_id: "rev-0101",
            hlc: "0000018f2a3b4d01-0000-laptop-azc-1",
            parents: &[],
            plaintext: b"{\"answer/k10-1\":4}",
        },
    )
    .unwrap();
    negatives.push(negative(
        "envelope-sealed-but-wrapped-for-the-team",
        "envelope",
        "recipients-mismatch",
        wire(&leaky.to_json()),
    ));

    let device_key = |k: &DeviceKey| {
        json!({
            "device_id": k.device_id(),
            "secret_key": b64(k.secret_bytes().as_slice()),
            "public_key": k.public().to_base64url(),
            "key_id": k.public().key_id().to_string(),
        })
    };
    let recipient = |k: &RecipientKeyPair| {
        json!({
            "secret_key": b64(k.secret_bytes().as_slice()),
            "public_key": k.public().to_base64url(),
            "key_id": k.key_id().to_string(),
        })
    };
    let signed_hex = |w: &Value, f: fn(&Value) -> Vec<u8>| hex::encode(f(w));
    let grant_wire = wire(&grant.to_json());
    let mut info = Enc::new("aankomst-grant/1");
    info.text(&grant_wire["grantee_key_id"]);
    let directory_json: BTreeMap<String, Value> = directory
        .devices()
        .map(|(id, e)| {
            (
                id.to_owned(),
                json!({
                    "role": e.role.as_str(),
                    "status": match e.status {
                        DeviceStatus::Active => "active",
                        DeviceStatus::Revoked { .. } => "revoked",
                    },
                    "chain_depth": e.chain_depth,
                }),
            )
        })
        .collect();

    json!({
        "about": "Test vectors for aankomst-device-certificate/1, aankomst-revocation/1, \
                  aankomst-role-change/1, aankomst-policy/1, aankomst-grant/1 and grant requests, \
                  and negative vectors a conforming reader must refuse (docs/envelope-format.md). \
                  Binary values are unpadded base64url; canonical byte strings are lowercase hex. \
                  Secret keys are published here for testing only.",
        "generated_by": "cargo test -p aankomst-seal --test vectors (rand_chacha 0.10 ChaCha20Rng::seed_from_u64 \
                         per random input: keys seeds 1-7 and 20-24, grant seed 104, envelopes 105-108)",
        "tenant": TENANT,
        "keys": {
            "tenant_root": {
                "secret_key": b64(root.secret_bytes().as_slice()),
                "public_key": root.public().to_base64url(),
                "key_id": root.public().key_id().to_string(),
            },
            "team": recipient(&team),
            "recovery": recipient(&recovery),
            "ggd": recipient(&ggd),
            "supervisor": device_key(&supervisor),
            "counsellor": device_key(&counsellor),
            "administrator": device_key(&administrator),
            "newcomer": device_key(&newcomer),
            "newcomer_grant_key": recipient(&grant_key),
            "outsider": device_key(&outsider),
        },
        "recipient_list": wire(&signed_list.to_json()),
        "certificates": certificates.iter().map(|c| {
            let w = wire(&c.to_json());
            json!({
                "signed_bytes_hex": signed_hex(&w, reader_certificate_signed),
                "document_id": b64(&c.id()),
                "wire": w,
            })
        }).collect::<Vec<_>>(),
        "statements": statements.iter().map(|s| {
            let w = wire(&s.to_json());
            json!({
                "signed_bytes_hex": signed_hex(&w, reader_statement_signed),
                "document_id": b64(&s.id()),
                "wire": w,
            })
        }).collect::<Vec<_>>(),
        "directory": directory_json,
        "policy": {
            "signed_bytes_hex": signed_hex(&wire(&policy.to_json()), reader_policy_signed),
            "wire": wire(&policy.to_json()),
        },
        "grant": {
            "wire": grant_wire,
            "hpke_info_hex": hex::encode(&info.0),
            "hpke_aad_hex": hex::encode(reader_grant_aad(&wire(&grant.to_json()))),
            "opened_with": "newcomer_grant_key",
            "opens_to": "team",
        },
        "grant_request": {
            "tenant": TENANT,
            "device_id": "laptop-azc-3",
            "grant_public_key": grant_key.public().to_base64url(),
            "signature": b64(&request_signature),
            "signed_bytes_hex": hex::encode(&request_bytes.0),
        },
        "negative": negatives,
    })
}

// ---------------------------------------------------------------------------------------------
// The independent reader for the trust formats, from the document.
// ---------------------------------------------------------------------------------------------

pub fn reader_certificate_signed(w: &Value) -> Vec<u8> {
    let mut e = Enc::new("aankomst-device-certificate/1");
    e.text(&w["tenant"])
        .text(&w["device_id"])
        .text(&w["role"])
        .b64(&w["public_key"])
        .int(&w["issued_at_ms"])
        .text(&w["issuer_key_id"]);
    e.0
}

pub fn reader_statement_signed(w: &Value) -> Vec<u8> {
    let format = w["format"].as_str().unwrap();
    let mut e = Enc::new(format);
    e.text(&w["tenant"])
        .text(&w["subject_device"])
        .text(&w["subject_key_id"]);
    if format == "aankomst-role-change/1" {
        e.text(&w["role"]);
    }
    e.int(&w["issued_at_ms"]).text(&w["issuer_key_id"]);
    e.0
}

pub fn reader_policy_signed(w: &Value) -> Vec<u8> {
    let mut e = Enc::new("aankomst-policy/1");
    e.text(&w["tenant"])
        .int(&w["version"])
        .int(&w["issued_at_ms"])
        .text(&w["issuer_key_id"])
        .text(&w["content"]);
    e.0
}

fn reader_grant_aad(w: &Value) -> Vec<u8> {
    let mut e = Enc::new("aankomst-grant/1 context");
    e.text(&w["tenant"])
        .text(&w["device_id"])
        .int(&w["team_generation"])
        .text(&w["grantee_key_id"]);
    e.0
}

type Refuse = &'static str;

/// Strict base64url: no padding, URL alphabet, zero trailing bits.
fn strict_b64(v: &Value, len: usize) -> Result<Vec<u8>, Refuse> {
    let text = v.as_str().ok_or("base64")?;
    let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| "base64")?;
    if bytes.len() != len {
        return Err("base64");
    }
    Ok(bytes)
}

fn ed_key(bytes: &[u8]) -> Result<ed25519_dalek::VerifyingKey, Refuse> {
    let bytes: [u8; 32] = bytes.try_into().map_err(|_| "base64")?;
    let key = ed25519_dalek::VerifyingKey::from_bytes(&bytes).map_err(|_| "small-order-key")?;
    if key.is_weak() {
        return Err("small-order-key");
    }
    Ok(key)
}

/// Ed25519 as the document requires: S < ℓ, R a point not of small order, public key not of
/// small order, then the strict verification equation.
fn reader_verify(
    key: &ed25519_dalek::VerifyingKey,
    message: &[u8],
    signature: &[u8],
) -> Result<(), Refuse> {
    let s = &signature[32..];
    // S < ℓ, comparing little-endian numbers from the most significant byte.
    let below_ell = s.iter().rev().zip(ELL.iter().rev()).find(|(a, b)| a != b);
    if !matches!(below_ell, Some((a, b)) if a < b) {
        return Err("non-canonical-s");
    }
    let r: [u8; 32] = signature[..32].try_into().unwrap();
    match ed25519_dalek::VerifyingKey::from_bytes(&r) {
        Ok(point) if !point.is_weak() => {}
        _ => return Err("small-order-r"),
    }
    key.verify_strict(
        message,
        &ed25519_dalek::Signature::from_slice(signature).unwrap(),
    )
    .map_err(|_| "bad-signature")
}

#[derive(Clone)]
struct ReaderDevice {
    key: ed25519_dalek::VerifyingKey,
    key_id: String,
    role: String,
    revoked: bool,
    depth: usize,
}

/// The directory as §11.3 builds it.
#[derive(Clone)]
struct ReaderDirectory {
    tenant: String,
    root: ed25519_dalek::VerifyingKey,
    root_id: String,
    devices: BTreeMap<String, ReaderDevice>,
}

impl ReaderDirectory {
    fn new(file: &Value) -> Self {
        let root_pub = unb64(file["keys"]["tenant_root"]["public_key"].as_str().unwrap());
        ReaderDirectory {
            tenant: file["tenant"].as_str().unwrap().to_owned(),
            root: ed_key(&root_pub).unwrap(),
            root_id: reader_key_id("ed25519", &root_pub),
            devices: BTreeMap::new(),
        }
    }

    /// Issuer lookup and role rules; returns the issuer's key and the new chain depth.
    fn issuer(&self, w: &Value) -> Result<(ed25519_dalek::VerifyingKey, usize), Refuse> {
        let issuer = w["issuer_key_id"].as_str().ok_or("malformed")?;
        if issuer == self.root_id {
            return Ok((self.root, 1));
        }
        let device = self
            .devices
            .values()
            .find(|d| d.key_id == issuer)
            .ok_or("unknown-issuer")?;
        if device.revoked {
            return Err("issuer-revoked");
        }
        if device.role != "supervisor" {
            return Err("issuer-not-authorised");
        }
        let administrator = w["role"] == "administrator"
            || self
                .devices
                .get(w["subject_device"].as_str().unwrap_or(""))
                .is_some_and(|s| s.role == "administrator");
        if administrator {
            return Err("issuer-not-authorised");
        }
        Ok((device.key, device.depth + 1))
    }

    fn apply(&mut self, w: &Value) -> Result<(), Refuse> {
        let format = w["format"].as_str().ok_or("malformed")?;
        let signature = strict_b64(&w["signature"], 64)?;
        if format == "aankomst-device-certificate/1" {
            let public = strict_b64(&w["public_key"], 32)?;
            let key = ed_key(&public)?;
            if reader_key_id("ed25519", &public) != w["key_id"].as_str().unwrap() {
                return Err("key-id-mismatch");
            }
            if w["tenant"] != self.tenant.as_str() {
                return Err("tenant");
            }
            let (issuer, depth) = self.issuer(w)?;
            reader_verify(&issuer, &reader_certificate_signed(w), &signature)?;
            if depth > 8 {
                return Err("chain-too-long");
            }
            let key_id = reader_key_id("ed25519", &public);
            let id = w["device_id"].as_str().unwrap();
            if self.devices.contains_key(id)
                || self.devices.values().any(|d| d.key_id == key_id)
                || key_id == self.root_id
            {
                return Err("already-certified");
            }
            self.devices.insert(
                id.to_owned(),
                ReaderDevice {
                    key,
                    key_id,
                    role: w["role"].as_str().unwrap().to_owned(),
                    revoked: false,
                    depth,
                },
            );
            return Ok(());
        }
        // A statement.
        if w["tenant"] != self.tenant.as_str() {
            return Err("tenant");
        }
        let (issuer, _) = self.issuer(w)?;
        reader_verify(&issuer, &reader_statement_signed(w), &signature)?;
        let subject = self
            .devices
            .get_mut(w["subject_device"].as_str().unwrap())
            .filter(|d| d.key_id == w["subject_key_id"].as_str().unwrap())
            .ok_or("unknown-subject")?;
        if format == "aankomst-revocation/1" {
            subject.revoked = true;
        } else {
            if subject.revoked {
                return Err("issuer-revoked");
            }
            subject.role = w["role"].as_str().unwrap().to_owned();
        }
        Ok(())
    }

    /// Every document in the order of §11.3: by time; at equal times revocations, then role
    /// changes, then certificates. (The vectors have no two documents at one time, so the
    /// last tie-break, by document id, is not exercised here.)
    fn replay(&mut self, documents: &[Value]) -> Vec<Result<(), Refuse>> {
        let rank = |w: &Value| match w["format"].as_str() {
            Some("aankomst-revocation/1") => 0,
            Some("aankomst-role-change/1") => 1,
            _ => 2,
        };
        let mut order: Vec<usize> = (0..documents.len()).collect();
        order.sort_by_key(|&i| {
            (
                documents[i]["issued_at_ms"].as_u64().unwrap_or(0),
                rank(&documents[i]),
            )
        });
        let mut results = vec![Ok(()); documents.len()];
        for i in order {
            results[i] = self.apply(&documents[i]);
        }
        results
    }

    fn policy(&self, w: &Value) -> Result<(), Refuse> {
        let signature = strict_b64(&w["signature"], 64)?;
        if w["tenant"] != self.tenant.as_str() {
            return Err("tenant");
        }
        let issuer = w["issuer_key_id"].as_str().unwrap();
        let key = if issuer == self.root_id {
            self.root
        } else {
            let d = self
                .devices
                .values()
                .find(|d| d.key_id == issuer)
                .ok_or("unknown-issuer")?;
            if d.revoked {
                return Err("issuer-revoked");
            }
            if d.role != "supervisor" && d.role != "administrator" {
                return Err("issuer-not-authorised");
            }
            d.key
        };
        reader_verify(&key, &reader_policy_signed(w), &signature)
    }
}

/// Signature and recipient check of an envelope (§4.5, §4.8).
fn reader_check_envelope(w: &Value, author: &[u8], list: &Value) -> Result<(), Refuse> {
    let key = ed_key(author)?;
    let signature = strict_b64(&w["signature"], 64)?;
    let mut m = Enc::new("aankomst-envelope/1 metadata");
    header(&mut m, w);
    m.text(&w["record_id"])
        .text(&w["record_kind"])
        .text(&w["revision_id"])
        .text(&w["hlc"]);
    let parents = w["parents"].as_array().unwrap();
    m.count(parents.len());
    for p in parents {
        m.text(p);
    }
    let mut s = Enc::new("aankomst-envelope/1 signed");
    s.bytes(&m.0);
    let recipients = w["recipients"].as_array().unwrap();
    s.count(recipients.len());
    for r in recipients {
        s.text(&r["key_id"])
            .b64(&r["enc"])
            .b64(&r["wrapped_batch_key"]);
    }
    s.b64(&w["key_nonce"])
        .b64(&w["wrapped_content_key"])
        .b64(&w["key_commitment"])
        .b64(&w["nonce"])
        .b64(&w["ciphertext"]);
    reader_verify(&key, &s.0, &signature)?;
    // §4.8: the stanzas are exactly the audience's keys, in order.
    let first = match w["audience"].as_str().unwrap() {
        "team" => &list["team"]["key_id"],
        audience => {
            let name = audience.strip_prefix("sealed:").ok_or("malformed")?;
            &list["sealing"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["name"] == name)
                .ok_or("recipients-mismatch")?["key_id"]
        }
    };
    let ids: Vec<&Value> = recipients.iter().map(|r| &r["key_id"]).collect();
    if w["recipient_list_generation"] != list["generation"]
        || ids != [first, &list["recovery"]["key_id"]]
    {
        return Err("recipients-mismatch");
    }
    Ok(())
}

#[test]
fn an_independent_reader_checks_the_trust_vectors() {
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(trust_vector_path()).unwrap()).unwrap();
    let keys = &file["keys"];
    for name in [
        "tenant_root",
        "supervisor",
        "counsellor",
        "administrator",
        "newcomer",
    ] {
        let public = unb64(keys[name]["public_key"].as_str().unwrap());
        assert_eq!(
            reader_key_id("ed25519", &public),
            keys[name]["key_id"].as_str().unwrap(),
            "{name}"
        );
    }

    // Certificates and statements: signed bytes, ids, then the directory they build.
    let mut documents = Vec::new();
    for (entries, signed) in [
        (
            &file["certificates"],
            reader_certificate_signed as fn(&Value) -> Vec<u8>,
        ),
        (&file["statements"], reader_statement_signed),
    ] {
        for entry in entries.as_array().unwrap() {
            let w = &entry["wire"];
            let bytes = signed(w);
            assert_eq!(
                hex::encode(&bytes),
                entry["signed_bytes_hex"].as_str().unwrap()
            );
            let id_label = format!("{} id", w["format"].as_str().unwrap());
            let mut id = Enc::new(&id_label);
            id.bytes(&bytes).b64(&w["signature"]);
            assert_eq!(b64(&sha256(&id.0)), entry["document_id"].as_str().unwrap());
            documents.push(w.clone());
        }
    }
    let mut directory = ReaderDirectory::new(&file);
    let results = directory.replay(&documents);
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let expected = file["directory"].as_object().unwrap();
    assert_eq!(expected.len(), directory.devices.len());
    for (id, d) in &directory.devices {
        let e = &expected[id];
        assert_eq!(e["role"], d.role.as_str(), "{id}");
        assert_eq!(
            e["status"],
            if d.revoked { "revoked" } else { "active" },
            "{id}"
        );
        assert_eq!(e["chain_depth"], d.depth, "{id}");
    }

    // The policy.
    let policy = &file["policy"];
    assert_eq!(
        hex::encode(reader_policy_signed(&policy["wire"])),
        policy["signed_bytes_hex"].as_str().unwrap()
    );
    directory.policy(&policy["wire"]).expect("policy signature");

    // The grant opens, with the grantee's secret, to the team key of the list.
    let g = &file["grant"]["wire"];
    type Kem = hpke::kem::X25519HkdfSha256;
    use hpke::{Deserializable, Kem as _, Serializable};
    let grantee = &keys["newcomer_grant_key"];
    assert_eq!(
        reader_key_id(
            "x25519-hkdf-sha256",
            &unb64(grantee["public_key"].as_str().unwrap())
        ),
        g["grantee_key_id"].as_str().unwrap()
    );
    let mut info = Enc::new("aankomst-grant/1");
    info.text(&g["grantee_key_id"]);
    assert_eq!(
        hex::encode(&info.0),
        file["grant"]["hpke_info_hex"].as_str().unwrap()
    );
    let aad = reader_grant_aad(g);
    assert_eq!(
        hex::encode(&aad),
        file["grant"]["hpke_aad_hex"].as_str().unwrap()
    );
    let secret =
        <Kem as hpke::Kem>::PrivateKey::from_bytes(&unb64(grantee["secret_key"].as_str().unwrap()))
            .unwrap();
    let enc =
        <Kem as hpke::Kem>::EncappedKey::from_bytes(&unb64(g["enc"].as_str().unwrap())).unwrap();
    let team_secret =
        hpke::single_shot_open::<hpke::aead::ChaCha20Poly1305, hpke::kdf::HkdfSha256, Kem>(
            &hpke::OpModeR::Base,
            &secret,
            &enc,
            &info.0,
            &unb64(g["wrapped_team_key"].as_str().unwrap()),
            &aad,
        )
        .expect("grant opens");
    let team_public =
        Kem::sk_to_pk(&<Kem as hpke::Kem>::PrivateKey::from_bytes(&team_secret).unwrap());
    assert_eq!(
        b64(&team_public.to_bytes()),
        file["recipient_list"]["team"]["public_key"]
            .as_str()
            .unwrap()
    );
    assert_eq!(
        file["recipient_list"]["team"]["generation"],
        g["team_generation"]
    );

    // The grant request binds the grant key to the newcomer's identity.
    let r = &file["grant_request"];
    let mut signed = Enc::new("aankomst-grant-request/1");
    signed
        .text(&r["tenant"])
        .text(&r["device_id"])
        .b64(&r["grant_public_key"]);
    assert_eq!(
        hex::encode(&signed.0),
        r["signed_bytes_hex"].as_str().unwrap()
    );
    let newcomer = ed_key(&unb64(keys["newcomer"]["public_key"].as_str().unwrap())).unwrap();
    reader_verify(
        &newcomer,
        &signed.0,
        &unb64(r["signature"].as_str().unwrap()),
    )
    .expect("grant request signature");

    // Every negative vector is refused, for the stated reason.
    let negatives = file["negative"].as_array().unwrap();
    assert!(negatives.len() >= 20);
    let counsellor_key = unb64(keys["counsellor"]["public_key"].as_str().unwrap());
    for n in negatives {
        let w = &n["wire"];
        let outcome = match n["kind"].as_str().unwrap() {
            "certificate" | "statement" => match n.get("issuer_public_key") {
                // Verified against the key a hostile party offers for the issuer.
                Some(k) => ed_key(&unb64(k.as_str().unwrap())).and_then(|key| {
                    reader_verify(
                        &key,
                        &reader_statement_signed(w),
                        &unb64(w["signature"].as_str().unwrap()),
                    )
                }),
                None => directory.clone().replay(std::slice::from_ref(w)).remove(0),
            },
            "policy" => directory.policy(w),
            "envelope" => {
                let author = n
                    .get("author_public_key")
                    .map(|k| unb64(k.as_str().unwrap()))
                    .unwrap_or_else(|| counsellor_key.clone());
                reader_check_envelope(w, &author, &file["recipient_list"])
            }
            other => panic!("unknown kind {other}"),
        };
        assert_eq!(
            outcome,
            Err(n["must_refuse_because"].as_str().unwrap()),
            "{}",
            n["name"]
        );
    }
    // The reader accepts the good envelope shape it refuses above when intact: the
    // negatives fail for their reason, not for a reader bug.
    assert_eq!(
        reader_check_envelope(
            &file["negative"]
                .as_array()
                .unwrap()
                .iter()
                .find(|n| n["name"] == "envelope-non-canonical-s")
                .map(|n| {
                    let mut w = n["wire"].clone();
                    let sig = unb64(w["signature"].as_str().unwrap());
                    // Subtract ℓ again: back to the original signature.
                    let mut s = sig.clone();
                    let mut borrow = 0i16;
                    for i in 0..32 {
                        let d = i16::from(s[32 + i]) - i16::from(ELL[i]) - borrow;
                        s[32 + i] = d.rem_euclid(256) as u8;
                        borrow = i16::from(d < 0);
                    }
                    w["signature"] = b64(&s).into();
                    w
                })
                .unwrap(),
            &counsellor_key,
            &file["recipient_list"]
        ),
        Ok(())
    );
}

#[test]
fn the_crate_refuses_every_negative_vector() {
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(trust_vector_path()).unwrap()).unwrap();
    let root = TenantRootPublicKey::from_base64url(
        file["keys"]["tenant_root"]["public_key"].as_str().unwrap(),
    )
    .unwrap();
    let parse = |v: &Value| serde_json::to_vec(v).unwrap();
    let certificates: Vec<DeviceCertificate> = file["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| DeviceCertificate::from_json(&parse(&c["wire"])).unwrap())
        .collect();
    let statements: Vec<Statement> = file["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| Statement::from_json(&parse(&s["wire"])).unwrap())
        .collect();
    let (directory, refused) =
        TrustDirectory::build(TENANT, root.clone(), &certificates, &statements);
    assert!(refused.is_empty());
    let list = RecipientListPin::new(TENANT, root.clone())
        .accept(&SignedRecipientList::from_json(&parse(&file["recipient_list"])).unwrap())
        .unwrap();
    let counsellor = DevicePublicKey::from_bytes(
        DEVICE,
        &unb64(file["keys"]["counsellor"]["public_key"].as_str().unwrap())
            .try_into()
            .unwrap(),
    )
    .unwrap();
    // The good policy is accepted.
    let policy = SignedPolicy::from_json(&parse(&file["policy"]["wire"])).unwrap();
    PolicyPin::new(TENANT).verify(&policy, &directory).unwrap();

    for n in file["negative"].as_array().unwrap() {
        let w = parse(&n["wire"]);
        let refused: Result<(), SealError> = match n["kind"].as_str().unwrap() {
            "certificate" => DeviceCertificate::from_json(&w).and_then(|c| {
                let mut all = certificates.clone();
                all.push(c.clone());
                let (_, refused) = TrustDirectory::build(TENANT, root.clone(), &all, &statements);
                match refused.into_iter().find(|r| r.document_id == c.id()) {
                    Some(r) => Err(r.error),
                    None => Ok(()),
                }
            }),
            "statement" => Statement::from_json(&w).and_then(|s| {
                let mut all = statements.clone();
                all.push(s.clone());
                let (_, refused) = TrustDirectory::build(TENANT, root.clone(), &certificates, &all);
                match refused.into_iter().find(|r| r.document_id == s.id()) {
                    Some(r) => Err(r.error),
                    None => Ok(()),
                }
            }),
            "policy" => SignedPolicy::from_json(&w)
                .and_then(|p| PolicyPin::new(TENANT).verify(&p, &directory).map(|_| ())),
            "envelope" => Envelope::from_json(&w).and_then(|e| {
                let author = match n.get("author_public_key") {
                    Some(k) => DevicePublicKey::from_bytes(
                        DEVICE,
                        &unb64(k.as_str().unwrap()).try_into().unwrap(),
                    )?,
                    None => counsellor.clone(),
                };
                e.verify_signature(&author)?;
                e.check_recipients(&list)
            }),
            other => panic!("unknown kind {other}"),
        };
        assert!(refused.is_err(), "{} accepted by the crate", n["name"]);
    }
}
