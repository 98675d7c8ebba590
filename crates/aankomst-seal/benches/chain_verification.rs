//! What certificate-chain verification costs a pull (issue 20, DESIGN §4.11): 10 000 team
//! envelopes from 50 devices, parsed, verified and opened as the sync engine's pull does, with
//! each author's key taken
//!
//! * **pinned**: from a map of keys pinned on first sight from the server's word — the
//!   directory before device certificates (base64 text per device, decoded per envelope, as
//!   the engine kept it); and
//! * **parsed**: from a map of the same keys already parsed (the cheapest possible lookup, no
//!   verification of anything: the floor); and
//! * **certified**: from a [`TrustDirectory`] built, inside the measured time, from the
//!   tenant's certificates (root → supervisor → 59 devices, parsed from JSON) and statements
//!   (10 revocations, 5 role changes), as a laptop does on every sync.
//!
//! Same run, same envelopes, the three in turn each round (the order rotating); prints the
//! medians and the ratios. Run:
//! `cargo bench -p aankomst-seal --bench chain_verification`.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use aankomst_seal::{
    Audience, DeviceCertificate, DeviceKey, DevicePublicKey, DeviceRole, Envelope, Issuer, Opener,
    RecipientKeyPair, RecipientList, RecipientListPin, Revision, Sealer, Statement, StatementKind,
    TeamKey, TenantRootKey, TrustDirectory,
};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

const TENANT: &str = "gemeente-utrecht";
const DEVICES: usize = 50;
const PER_DEVICE: usize = 200;
const ROUNDS: usize = 7;
const T0: u64 = 1_795_000_000_000;

struct Tenant {
    root: TenantRootKey,
    team: RecipientKeyPair,
    list: aankomst_seal::VerifiedRecipientList,
}

fn tenant() -> Tenant {
    let mut rng = aankomst_seal::system_rng();
    let root = TenantRootKey::generate(&mut rng);
    let team = RecipientKeyPair::generate(&mut rng);
    let recovery = RecipientKeyPair::generate(&mut rng);
    let signed = RecipientList {
        tenant: TENANT.into(),
        generation: 1,
        team: TeamKey {
            generation: 1,
            key: team.public().clone(),
        },
        previous_team: vec![],
        recovery: recovery.public().clone(),
        sealing: BTreeMap::new(),
    }
    .sign(&root)
    .unwrap();
    let list = RecipientListPin::new(TENANT, root.public())
        .accept(&signed)
        .unwrap();
    Tenant { root, team, list }
}

/// The tenant's material as the server serves it (JSON): the supervisor certified by the root,
/// every other device by the supervisor, ten extra devices revoked, five role changes.
fn material(t: &Tenant, devices: &[DeviceKey]) -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let supervisor = &devices[0];
    let mut certificates = vec![DeviceCertificate::issue(
        Issuer::Root(&t.root),
        TENANT,
        &supervisor.public(),
        DeviceRole::Supervisor,
        T0,
    )
    .unwrap()
    .to_json()];
    for (i, d) in devices.iter().enumerate().skip(1) {
        certificates.push(
            DeviceCertificate::issue(
                Issuer::Device(supervisor),
                TENANT,
                &d.public(),
                DeviceRole::Counsellor,
                T0 + 1_000 + i as u64,
            )
            .unwrap()
            .to_json(),
        );
    }
    let mut statements = Vec::new();
    for (i, d) in devices.iter().enumerate().skip(DEVICES) {
        statements.push(
            Statement::issue(
                Issuer::Device(supervisor),
                TENANT,
                StatementKind::Revocation,
                &d.public(),
                T0 + 100_000 + i as u64,
            )
            .unwrap()
            .to_json(),
        );
    }
    for (i, d) in devices.iter().enumerate().skip(1).take(5) {
        statements.push(
            Statement::issue(
                Issuer::Device(supervisor),
                TENANT,
                StatementKind::RoleChange(DeviceRole::Supervisor),
                &d.public(),
                T0 + 200_000 + i as u64,
            )
            .unwrap()
            .to_json(),
        );
    }
    (certificates, statements)
}

/// The pull's work per envelope, the author key given by `key_of`; returns how many opened.
fn pull<'a>(
    t: &Tenant,
    bodies: &[Vec<u8>],
    mut key_of: impl FnMut(&str) -> Option<std::borrow::Cow<'a, DevicePublicKey>>,
) -> usize {
    let mut opener = Opener::new([&t.team]);
    let mut opened = 0;
    for body in bodies {
        let envelope = Envelope::from_json(body).unwrap();
        let author = key_of(envelope.author_device()).expect("a known author");
        if opener.open(&envelope, &author).is_ok() {
            opened += 1;
        }
    }
    opened
}

fn median(mut d: Vec<Duration>) -> Duration {
    d.sort();
    d[d.len() / 2]
}

fn main() {
    let t = tenant();
    let mut rng = aankomst_seal::system_rng();
    // 50 active devices write; 10 more were certified and revoked.
    let devices: Vec<DeviceKey> = (0..DEVICES + 10)
        .map(|i| DeviceKey::generate(&format!("laptop-{i:02}"), &mut rng).unwrap())
        .collect();
    let (certificates, statements) = material(&t, &devices);

    let texts: Vec<String> = (0..PER_DEVICE)
        .map(|i| format!("{{\"note\":\"{}\",\"i\":{i}}}", "x".repeat(400)))
        .collect();
    let mut bodies = Vec::with_capacity(DEVICES * PER_DEVICE);
    let ids: Vec<(String, String)> = (0..PER_DEVICE)
        .map(|i| {
            (
                format!("0190c1d2-0000-7000-8000-{i:012}"),
                format!("0190c1d2-0001-7000-8000-{i:012}"),
            )
        })
        .collect();
    for d in &devices[..DEVICES] {
        let revisions: Vec<Revision<'_>> = (0..PER_DEVICE)
            .map(|i| Revision {
                record_id: &ids[i].0,
                record_kind: "note",
                revision_id: &ids[i].1,
                hlc: "0000018f2a3b4c5d-0000-dev",
                parents: &[],
                plaintext: texts[i].as_bytes(),
            })
            .collect();
        let sealer = Sealer::new(&t.list, Audience::Team, d).unwrap();
        // Batches of 100, as a push of 500 on two cores seals them.
        for chunk in revisions.chunks(100) {
            for e in sealer.seal_batch(&mut rng, chunk).unwrap() {
                bodies.push(e.to_json());
            }
        }
    }
    // Interleaved by device, as a server's sequence would have them.
    let mut order: Vec<usize> = (0..bodies.len()).collect();
    order.sort_by_key(|&i| (i % PER_DEVICE, i / PER_DEVICE));
    let bodies: Vec<Vec<u8>> = order.into_iter().map(|i| bodies[i].clone()).collect();

    let pinned: BTreeMap<String, String> = devices
        .iter()
        .map(|d| (d.device_id().to_owned(), d.public().to_base64url()))
        .collect();

    let parsed: BTreeMap<String, DevicePublicKey> = devices
        .iter()
        .map(|d| (d.device_id().to_owned(), d.public()))
        .collect();

    let mut pinned_times = Vec::new();
    let mut parsed_times = Vec::new();
    let mut certified_times = Vec::new();
    for round in 0..ROUNDS {
        for step in 0..3 {
            match (round + step) % 3 {
                0 => {
                    let started = Instant::now();
                    let n = pull(&t, &bodies, |id| {
                        let text = pinned.get(id)?;
                        let bytes: [u8; 32] = URL_SAFE_NO_PAD.decode(text).ok()?.try_into().ok()?;
                        DevicePublicKey::from_bytes(id, &bytes)
                            .ok()
                            .map(std::borrow::Cow::Owned)
                    });
                    pinned_times.push(started.elapsed());
                    assert_eq!(n, DEVICES * PER_DEVICE);
                }
                1 => {
                    let started = Instant::now();
                    let n = pull(&t, &bodies, |id| {
                        parsed.get(id).map(std::borrow::Cow::Borrowed)
                    });
                    parsed_times.push(started.elapsed());
                    assert_eq!(n, DEVICES * PER_DEVICE);
                }
                _ => {
                    let started = Instant::now();
                    let certs: Vec<DeviceCertificate> = certificates
                        .iter()
                        .map(|c| DeviceCertificate::from_json(c).unwrap())
                        .collect();
                    let stmts: Vec<Statement> = statements
                        .iter()
                        .map(|s| Statement::from_json(s).unwrap())
                        .collect();
                    let (dir, refused) =
                        TrustDirectory::build(TENANT, t.root.public(), &certs, &stmts);
                    assert!(refused.is_empty());
                    let dir = &dir;
                    let n = pull(&t, &bodies, |id| {
                        dir.author_key(id).ok().map(std::borrow::Cow::Borrowed)
                    });
                    certified_times.push(started.elapsed());
                    assert_eq!(n, DEVICES * PER_DEVICE);
                }
            }
        }
    }
    let a = median(pinned_times);
    let p = median(parsed_times);
    let b = median(certified_times);
    println!(
        "pull of {} envelopes from {DEVICES} devices ({} certificates, {} statements), median of {ROUNDS} rounds",
        bodies.len(),
        certificates.len(),
        statements.len()
    );
    println!(
        "pinned keys (server's word, decoded per envelope as the engine did): {:.3} s",
        a.as_secs_f64()
    );
    println!(
        "parsed keys (floor, nothing verified): {:.3} s",
        p.as_secs_f64()
    );
    println!(
        "certified keys (TrustDirectory, build included): {:.3} s",
        b.as_secs_f64()
    );
    println!(
        "ratio certified / pinned: {:.3}x",
        b.as_secs_f64() / a.as_secs_f64()
    );
    println!(
        "ratio certified / floor: {:.3}x",
        b.as_secs_f64() / p.as_secs_f64()
    );
}
