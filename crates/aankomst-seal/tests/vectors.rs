//! Test vectors for `docs/envelope-format.md`, in `tests/vectors/envelope-v1.json`.
//!
//! * `vectors_reproduce` rebuilds the whole file from fixed seeds and fails if one byte differs
//!   (run with `AANKOMST_WRITE_VECTORS=1` to rewrite it after a deliberate format change — which
//!   also needs a new format version).
//! * `an_independent_reader_checks_the_vectors` reads the committed file the way another team's
//!   reader would: it re-implements the document's byte layouts here, with only the primitive
//!   crates (HPKE, XChaCha20-Poly1305, Ed25519, SHA-256) and none of this crate's code, and
//!   checks every intermediate value, signature, id and plaintext in the file.

use std::collections::BTreeMap;
use std::path::PathBuf;

use aankomst_seal::rand_core::SeedableRng;
use aankomst_seal::*;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand_chacha::ChaCha20Rng;
use serde_json::{json, Value};

#[path = "vectors/trust.rs"]
mod trust;
use trust::generate_trust;

const TENANT: &str = "gemeente-utrecht";
const DEVICE: &str = "laptop-azc-1";

fn vector_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/envelope-v1.json")
}

fn rng(seed: u64) -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(seed)
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn unb64(text: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(text).expect("base64url")
}

/// Builds the vector document from fixed seeds, with the crate's public API.
fn generate() -> Value {
    // One seeded generator per random input, so the vectors do not shift when one changes.
    let root = TenantRootKey::generate(&mut rng(1));
    let team = RecipientKeyPair::generate(&mut rng(2));
    let recovery = RecipientKeyPair::generate(&mut rng(3));
    let ggd = RecipientKeyPair::generate(&mut rng(4));
    let device = DeviceKey::generate(DEVICE, &mut rng(5)).unwrap();
    let server = ServerKey::generate(&mut rng(6));
    let old_team = RecipientKeyPair::generate(&mut rng(7));

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

    let parents = vec!["rev-0001".to_owned()];
    let note = "{\"text\":\"Amira (أميرة) wil graag Nederlandse les in de avond.\"}";
    let k10 = "{\"instrument\":\"k10\",\"answers\":[3,4,2,5,1,3,4,2,3,4]}";
    let revision =
        |id: &'static str, hlc: &'static str, kind: &'static str, p: &'static str| Revision {
            record_id: "0190c1d2-7a3b-7c4d-8e5f-00000000c0de",
            record_kind: kind,
            revision_id: id,
            hlc,
            parents: &[],
            plaintext: p.as_bytes(),
        };
    let team_sealer = Sealer::new(&list, Audience::Team, &device).unwrap();
    let team_env = team_sealer
        .seal(
            &mut rng(100),
            &Revision {
                parents: &parents,
                ..revision(
                    "rev-0002",
                    "0000018f2a3b4c5d-0000-laptop-azc-1",
                    "note",
                    note,
                )
            },
        )
        .unwrap();
    let sealed_env = Sealer::new(
        &list,
        Audience::Sealed {
            recipient: "ggd".into(),
        },
        &device,
    )
    .unwrap()
    .seal(
        &mut rng(101),
        &revision(
            "rev-0003",
            "0000018f2a3b4c60-0000-laptop-azc-1",
            "administration",
            k10,
        ),
    )
    .unwrap();
    let batch = team_sealer
        .seal_batch(
            &mut rng(102),
            &[
                revision(
                    "rev-0004",
                    "0000018f2a3b4c61-0000-laptop-azc-1",
                    "note",
                    "{\"n\":1}",
                ),
                revision(
                    "rev-0005",
                    "0000018f2a3b4c62-0000-laptop-azc-1",
                    "note",
                    "{\"n\":2}",
                ),
            ],
        )
        .unwrap();
    let receipt = Receipt::issue(&server, TENANT, team_env.id(), 1, 1_795_000_000_000).unwrap();

    let secret = |bytes: &[u8]| b64(bytes);
    let recipient = |k: &RecipientKeyPair| {
        json!({
            "secret_key": secret(k.secret_bytes().as_slice()),
            "public_key": k.public().to_base64url(),
            "key_id": k.key_id().to_string(),
        })
    };
    let keys = json!({
        "tenant_root": {
            "secret_key": secret(root.secret_bytes().as_slice()),
            "public_key": root.public().to_base64url(),
            "key_id": root.public().key_id().to_string(),
        },
        "team": recipient(&team),
        "old_team": recipient(&old_team),
        "recovery": recipient(&recovery),
        "ggd": recipient(&ggd),
        "device": {
            "device_id": DEVICE,
            "secret_key": secret(device.secret_bytes().as_slice()),
            "public_key": device.public().to_base64url(),
        },
        "server": {
            "secret_key": secret(server.secret_bytes().as_slice()),
            "public_key": server.public().to_base64url(),
            "key_id": server.public().key_id().to_string(),
        },
    });

    let list_wire: Value = serde_json::from_slice(&signed_list.to_json()).unwrap();
    let reader_keys = ReaderKeys::from_vector_keys(&keys);
    let envelope = |name: &str, e: &Envelope, plaintext: &str, opened_with: &str| {
        let wire: Value = serde_json::from_slice(&e.to_json()).unwrap();
        let secret = unb64(keys[opened_with]["secret_key"].as_str().unwrap());
        let steps = reader_open(&wire, &reader_keys.device_public, &secret);
        assert_eq!(
            steps.plaintext,
            plaintext.as_bytes(),
            "reader agrees with the crate"
        );
        assert_eq!(
            steps.envelope_id,
            e.id().to_base64url(),
            "reader agrees on the id"
        );
        json!({
            "name": name,
            "plaintext": plaintext,
            "wire": wire,
            "envelope_id": e.id().to_base64url(),
            "opened_with": opened_with,
            "intermediate": steps.to_json(),
        })
    };

    json!({
        "about": "Test vectors for aankomst-envelope/1, aankomst-recipients/1 and aankomst-receipt/1 \
                  (docs/envelope-format.md). Binary values are unpadded base64url; canonical byte \
                  strings are lowercase hex. Secret keys are published here for testing only.",
        "generated_by": "cargo test -p aankomst-seal --test vectors (rand_chacha 0.10 ChaCha20Rng::seed_from_u64 \
                         per random input: keys seeds 1-7, envelopes seeds 100-102)",
        "keys": keys,
        "recipient_list": {
            "wire": list_wire,
            "signed_bytes_hex": hex::encode(reader_list_canonical(&list_wire)),
        },
        "envelopes": [
            envelope("team", &team_env, note, "team"),
            envelope("sealed-ggd", &sealed_env, k10, "ggd"),
            envelope("batch-1-of-2", &batch[0], "{\"n\":1}", "recovery"),
            envelope("batch-2-of-2", &batch[1], "{\"n\":2}", "team"),
        ],
        "receipt": {
            "wire": serde_json::from_slice::<Value>(&receipt.to_json()).unwrap(),
            "signed_bytes_hex": hex::encode(reader_receipt_signed(
                &serde_json::from_slice::<Value>(&receipt.to_json()).unwrap())),
        },
    })
}

fn trust_vector_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/trust-v1.json")
}

#[test]
fn vectors_reproduce() {
    for (path, generated) in [
        (vector_path(), generate()),
        (trust_vector_path(), generate_trust()),
    ] {
        if std::env::var_os("AANKOMST_WRITE_VECTORS").is_some() {
            // Write beside and rename, so the reader test running in parallel never sees half a
            // file.
            let tmp = path.with_extension("json.tmp");
            std::fs::write(
                &tmp,
                serde_json::to_string_pretty(&generated).unwrap() + "\n",
            )
            .unwrap();
            std::fs::rename(&tmp, &path).unwrap();
        }
        let committed = std::fs::read_to_string(&path)
            .expect("vector file missing: run with AANKOMST_WRITE_VECTORS=1 to create it");
        // Compared as JSON values, so the outcome does not depend on whether some other crate
        // in the build turns on serde_json's key-order feature; every byte string inside is
        // compared exactly.
        let committed: Value = serde_json::from_str(&committed).unwrap();
        assert!(
            committed == generated,
            "the code no longer reproduces {}: a format changed. A change to a format needs a \
             new format version; if the change is deliberate, rewrite the file with \
             AANKOMST_WRITE_VECTORS=1 and review the diff.",
            path.display()
        );
    }
}

#[test]
fn an_independent_reader_checks_the_vectors() {
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(vector_path()).unwrap()).unwrap();
    let keys = ReaderKeys::from_vector_keys(&file["keys"]);

    // Key ids are derived from the public keys.
    for name in ["team", "old_team", "recovery", "ggd"] {
        let k = &file["keys"][name];
        let derived = reader_key_id(
            "x25519-hkdf-sha256",
            &unb64(k["public_key"].as_str().unwrap()),
        );
        assert_eq!(derived, k["key_id"].as_str().unwrap(), "{name}");
    }
    for name in ["tenant_root", "server"] {
        let k = &file["keys"][name];
        let derived = reader_key_id("ed25519", &unb64(k["public_key"].as_str().unwrap()));
        assert_eq!(derived, k["key_id"].as_str().unwrap(), "{name}");
    }

    // The recipient list: canonical bytes, root signature, key ids.
    let list = &file["recipient_list"];
    let canonical = reader_list_canonical(&list["wire"]);
    assert_eq!(
        hex::encode(&canonical),
        list["signed_bytes_hex"].as_str().unwrap()
    );
    let sig = unb64(list["wire"]["signature"].as_str().unwrap());
    keys.root
        .verify_strict(
            &canonical,
            &ed25519_dalek::Signature::from_slice(&sig).unwrap(),
        )
        .expect("root signature");

    // Every envelope: signature, id, unwrap, commitment, decryption, intermediates.
    for e in file["envelopes"].as_array().unwrap() {
        let secret = unb64(
            file["keys"][e["opened_with"].as_str().unwrap()]["secret_key"]
                .as_str()
                .unwrap(),
        );
        let steps = reader_open(&e["wire"], &keys.device_public, &secret);
        assert_eq!(steps.to_json(), e["intermediate"], "{}", e["name"]);
        assert_eq!(steps.envelope_id, e["envelope_id"].as_str().unwrap());
        assert_eq!(steps.plaintext, e["plaintext"].as_str().unwrap().as_bytes());
        // And the crate agrees with the file.
        let parsed = Envelope::from_json(&serde_json::to_vec(&e["wire"]).unwrap()).unwrap();
        assert_eq!(
            parsed.id().to_base64url(),
            e["envelope_id"].as_str().unwrap()
        );
    }

    // The sealed envelope has no stanza for the team key.
    let sealed = &file["envelopes"][1]["wire"];
    let team_kid = file["keys"]["team"]["key_id"].as_str().unwrap();
    assert!(sealed["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["key_id"] != team_kid));

    // The receipt.
    let receipt = &file["receipt"];
    let signed = reader_receipt_signed(&receipt["wire"]);
    assert_eq!(
        hex::encode(&signed),
        receipt["signed_bytes_hex"].as_str().unwrap()
    );
    let sig = unb64(receipt["wire"]["signature"].as_str().unwrap());
    keys.server
        .verify_strict(
            &signed,
            &ed25519_dalek::Signature::from_slice(&sig).unwrap(),
        )
        .expect("receipt signature");
    assert_eq!(
        receipt["wire"]["envelope_id"],
        file["envelopes"][0]["envelope_id"]
    );
}

// ---------------------------------------------------------------------------------------------
// The independent reader: docs/envelope-format.md, implemented from the text.
// ---------------------------------------------------------------------------------------------

struct ReaderKeys {
    root: ed25519_dalek::VerifyingKey,
    server: ed25519_dalek::VerifyingKey,
    device_public: ed25519_dalek::VerifyingKey,
}

impl ReaderKeys {
    fn from_vector_keys(keys: &Value) -> Self {
        let ed = |v: &Value| {
            let bytes: [u8; 32] = unb64(v["public_key"].as_str().unwrap()).try_into().unwrap();
            ed25519_dalek::VerifyingKey::from_bytes(&bytes).unwrap()
        };
        ReaderKeys {
            root: ed(&keys["tenant_root"]),
            server: ed(&keys["server"]),
            device_public: ed(&keys["device"]),
        }
    }
}

/// The canonical encoding: byte strings and text with a u32 big-endian length, integers as u64
/// big-endian, lists as a u32 big-endian count followed by the elements.
#[derive(Default)]
struct Enc(Vec<u8>);

impl Enc {
    fn new(label: &str) -> Enc {
        let mut e = Enc::default();
        e.bytes(label.as_bytes());
        e
    }
    fn bytes(&mut self, b: &[u8]) -> &mut Self {
        self.0.extend_from_slice(&(b.len() as u32).to_be_bytes());
        self.0.extend_from_slice(b);
        self
    }
    fn text(&mut self, v: &Value) -> &mut Self {
        self.bytes(v.as_str().expect("text field").as_bytes())
    }
    fn b64(&mut self, v: &Value) -> &mut Self {
        self.bytes(&unb64(v.as_str().expect("base64url field")))
    }
    fn int(&mut self, v: &Value) -> &mut Self {
        self.0
            .extend_from_slice(&v.as_u64().expect("integer field").to_be_bytes());
        self
    }
    fn count(&mut self, n: usize) -> &mut Self {
        self.0.extend_from_slice(&(n as u32).to_be_bytes());
        self
    }
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).into()
}

fn reader_key_id(algorithm: &str, public: &[u8]) -> String {
    let mut e = Enc::new("aankomst-key-id/1");
    e.bytes(algorithm.as_bytes()).bytes(public);
    b64(&sha256(&e.0)[..16])
}

fn reader_list_canonical(w: &Value) -> Vec<u8> {
    let mut e = Enc::new("aankomst-recipients/1");
    e.text(&w["tenant"]).int(&w["generation"]);
    e.int(&w["team"]["generation"])
        .b64(&w["team"]["public_key"]);
    let previous = w["previous_team"].as_array().unwrap();
    e.count(previous.len());
    for t in previous {
        e.int(&t["generation"]).b64(&t["public_key"]);
    }
    e.b64(&w["recovery"]["public_key"]);
    let sealing = w["sealing"].as_array().unwrap();
    e.count(sealing.len());
    for s in sealing {
        e.text(&s["name"]).b64(&s["public_key"]);
    }
    e.0
}

fn reader_receipt_signed(w: &Value) -> Vec<u8> {
    let mut e = Enc::new("aankomst-receipt/1");
    e.text(&w["tenant"])
        .b64(&w["envelope_id"])
        .int(&w["server_sequence"])
        .int(&w["received_at_ms"]);
    e.0
}

/// Fields shared by the metadata and the batch-key aad.
fn header(e: &mut Enc, w: &Value) {
    e.text(&w["tenant"])
        .text(&w["author_device"])
        .text(&w["audience"])
        .int(&w["recipient_list_generation"]);
    let recipients = w["recipients"].as_array().unwrap();
    e.count(recipients.len());
    for r in recipients {
        e.text(&r["key_id"]);
    }
}

struct Steps {
    metadata: Vec<u8>,
    batch_aad: Vec<u8>,
    hpke_info: Vec<u8>,
    batch_key: Vec<u8>,
    content_key: Vec<u8>,
    signed: Vec<u8>,
    envelope_id: String,
    plaintext: Vec<u8>,
}

impl Steps {
    fn to_json(&self) -> Value {
        json!({
            "metadata_hex": hex::encode(&self.metadata),
            "batch_key_aad_hex": hex::encode(&self.batch_aad),
            "hpke_info_hex": hex::encode(&self.hpke_info),
            "batch_key": b64(&self.batch_key),
            "content_key": b64(&self.content_key),
            "signed_bytes_sha256": b64(&sha256(&self.signed)),
        })
    }
}

fn reader_open(w: &Value, author: &ed25519_dalek::VerifyingKey, secret: &[u8]) -> Steps {
    use chacha20poly1305::aead::{Aead, KeyInit, Payload};
    use hpke::{Deserializable, Kem as _};
    type Kem = hpke::kem::X25519HkdfSha256;

    assert_eq!(w["format"], "aankomst-envelope/1");
    // 1. Metadata: the associated data of the content-key wrap and of the payload.
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
    let metadata = m.0;

    // 2. Signed bytes, signature, id.
    let mut s = Enc::new("aankomst-envelope/1 signed");
    s.bytes(&metadata);
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
    let signed = s.0;
    let signature = unb64(w["signature"].as_str().unwrap());
    author
        .verify_strict(
            &signed,
            &ed25519_dalek::Signature::from_slice(&signature).unwrap(),
        )
        .expect("envelope signature");
    let mut id = Enc::new("aankomst-envelope/1 id");
    id.bytes(&signed).bytes(&signature);
    let envelope_id = b64(&sha256(&id.0));

    // 3. The stanza for this secret key; HPKE base mode opens the batch key.
    let secret = <Kem as hpke::Kem>::PrivateKey::from_bytes(secret).unwrap();
    let public = Kem::sk_to_pk(&secret);
    let kid = reader_key_id("x25519-hkdf-sha256", &hpke::Serializable::to_bytes(&public));
    let stanza = recipients
        .iter()
        .find(|r| r["key_id"] == kid.as_str())
        .expect("a recipient");
    let mut info = Enc::new("aankomst-envelope/1");
    info.text(&stanza["key_id"]);
    let mut aad = Enc::new("aankomst-envelope/1 batch-key");
    header(&mut aad, w);
    let enc = <Kem as hpke::Kem>::EncappedKey::from_bytes(&unb64(stanza["enc"].as_str().unwrap()))
        .unwrap();
    let batch_key =
        hpke::single_shot_open::<hpke::aead::ChaCha20Poly1305, hpke::kdf::HkdfSha256, Kem>(
            &hpke::OpModeR::Base,
            &secret,
            &enc,
            &info.0,
            &unb64(stanza["wrapped_batch_key"].as_str().unwrap()),
            &aad.0,
        )
        .expect("HPKE open");

    // 4. The content key, its commitment, the payload.
    let xchacha = |key: &[u8], nonce: &Value, ct: &Value| {
        let cipher = chacha20poly1305::XChaCha20Poly1305::new_from_slice(key).unwrap();
        let nonce: [u8; 24] = unb64(nonce.as_str().unwrap()).try_into().unwrap();
        cipher
            .decrypt(
                &chacha20poly1305::XNonce::from(nonce),
                Payload {
                    msg: &unb64(ct.as_str().unwrap()),
                    aad: &metadata,
                },
            )
            .expect("XChaCha20-Poly1305 open")
    };
    let content_key = xchacha(&batch_key, &w["key_nonce"], &w["wrapped_content_key"]);
    let mut commitment = Enc::new("aankomst-envelope/1 key-commitment");
    commitment.bytes(&content_key);
    assert_eq!(
        b64(&sha256(&commitment.0)),
        w["key_commitment"].as_str().unwrap()
    );
    let plaintext = xchacha(&content_key, &w["nonce"], &w["ciphertext"]);

    Steps {
        metadata: metadata.clone(),
        batch_aad: aad.0,
        hpke_info: info.0,
        batch_key,
        content_key,
        signed,
        envelope_id,
        plaintext,
    }
}
