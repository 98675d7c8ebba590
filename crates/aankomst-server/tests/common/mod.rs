//! Shared fixtures: a tenant with real keys, devices, sealed revisions with planted markers.
#![allow(dead_code)]

use std::collections::BTreeMap;

use aankomst_seal::{
    Audience, DeviceKey, Envelope, RecipientKeyPair, RecipientList, RecipientListPin, Revision,
    Sealer, SignedRecipientList, TeamKey, TenantRootKey, VerifiedRecipientList,
};

/// Plaintext markers planted in sealed revisions; none may ever appear in server storage or logs.
pub const MARKERS: [&str; 3] = [
    "PLANTED-MARKER-Fatima-Yusuf-19840312",
    "PLANTED-MARKER-trauma-note-b81f",
    "PLANTED-MARKER-K10-score-37",
];

/// A tenant's keys as its administrator holds them.
pub struct TenantKeys {
    pub id: String,
    pub root: TenantRootKey,
    pub team: RecipientKeyPair,
    pub recovery: RecipientKeyPair,
    pub ggd: RecipientKeyPair,
    pub signed_list: SignedRecipientList,
    pub list: VerifiedRecipientList,
}

impl TenantKeys {
    pub fn new(id: &str) -> Self {
        let mut rng = aankomst_seal::system_rng();
        let root = TenantRootKey::generate(&mut rng);
        let team = RecipientKeyPair::generate(&mut rng);
        let recovery = RecipientKeyPair::generate(&mut rng);
        let ggd = RecipientKeyPair::generate(&mut rng);
        let mut sealing = BTreeMap::new();
        sealing.insert("ggd".to_owned(), ggd.public().clone());
        let signed_list = RecipientList {
            tenant: id.into(),
            generation: 1,
            team: TeamKey {
                generation: 1,
                key: team.public().clone(),
            },
            previous_team: vec![],
            recovery: recovery.public().clone(),
            sealing,
        }
        .sign(&root)
        .unwrap();
        let list = RecipientListPin::new(id, root.public())
            .accept(&signed_list)
            .unwrap();
        TenantKeys {
            id: id.into(),
            root,
            team,
            recovery,
            ggd,
            signed_list,
            list,
        }
    }

    pub fn root_b64(&self) -> String {
        self.root.public().to_base64url()
    }
}

/// Seals `n` team revisions (and one sealed K10 for the GGD), each with the markers inside.
pub fn seal_revisions(
    tenant: &TenantKeys,
    device: &DeviceKey,
    n: usize,
    tag: &str,
) -> Vec<Envelope> {
    let mut rng = aankomst_seal::system_rng();
    let texts: Vec<String> = (0..n)
        .map(|i| {
            format!(
                "{{\"name\":\"{}\",\"note\":\"{}\",\"i\":{i},\"tag\":\"{tag}\"}}",
                MARKERS[0], MARKERS[1]
            )
        })
        .collect();
    let record_ids: Vec<String> = (0..n)
        .map(|i| format!("0190c1d2-0000-7000-8000-{i:012}"))
        .collect();
    let rev_ids: Vec<String> = (0..n).map(|i| format!("{tag}-rev-{i}")).collect();
    let revisions: Vec<Revision<'_>> = (0..n)
        .map(|i| Revision {
            record_id: &record_ids[i],
            record_kind: "note",
            revision_id: &rev_ids[i],
            hlc: "0000018f2a3b4c5d-0000-dev",
            parents: &[],
            plaintext: texts[i].as_bytes(),
        })
        .collect();
    let mut out = Sealer::new(&tenant.list, Audience::Team, device)
        .unwrap()
        .seal_batch(&mut rng, &revisions)
        .unwrap();
    let k10 = format!("{{\"k10\":\"{}\"}}", MARKERS[2]);
    let sealed_rev = format!("{tag}-k10");
    out.push(
        Sealer::new(
            &tenant.list,
            Audience::Sealed {
                recipient: "ggd".into(),
            },
            device,
        )
        .unwrap()
        .seal(
            &mut rng,
            &Revision {
                record_id: "0190c1d2-0000-7000-8000-00000000a10a",
                record_kind: "administration",
                revision_id: &sealed_rev,
                hlc: "0000018f2a3b4c5d-0001-dev",
                parents: &[],
                plaintext: k10.as_bytes(),
            },
        )
        .unwrap(),
    );
    out
}

/// `{"envelopes":[...]}` for a batch.
pub fn push_body(envelopes: &[Envelope]) -> Vec<u8> {
    let mut body = b"{\"envelopes\":[".to_vec();
    for (i, e) in envelopes.iter().enumerate() {
        if i > 0 {
            body.push(b',');
        }
        body.extend_from_slice(&e.to_json());
    }
    body.extend_from_slice(b"]}");
    body
}

/// Whether `haystack` contains `needle` as raw bytes.
pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}
