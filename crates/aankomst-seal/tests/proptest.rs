//! Property tests: any payload and metadata survive seal → wire → parse → open, for both
//! audiences, alone and in batches.

mod common;

use aankomst_seal::*;
use common::*;
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    // Printable text including non-ASCII (names, Arabic script), 1 to 40 characters.
    "[a-zA-Z0-9 :/._\u{00e9}\u{0627}-\u{0649}-]{1,40}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_payload_round_trips(
        seed in any::<u64>(),
        sealed in any::<bool>(),
        payloads in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..2048), 1..4),
        record_id in text(),
        record_kind in text(),
        hlc in text(),
        parents in prop::collection::vec(text(), 0..3),
    ) {
        let mut t = Tenant::new(seed);
        let audience = if sealed { sealed_for_ggd() } else { Audience::Team };
        let revision_ids: Vec<String> = (0..payloads.len()).map(|i| format!("r{i}")).collect();
        let revisions: Vec<Revision<'_>> = payloads
            .iter()
            .zip(&revision_ids)
            .map(|(p, id)| Revision {
                record_id: &record_id,
                record_kind: &record_kind,
                revision_id: id,
                hlc: &hlc,
                parents: &parents,
                plaintext: p,
            })
            .collect();
        let batch = Sealer::new(&t.list, audience.clone(), &t.device)
            .unwrap()
            .seal_batch(&mut t.rng, &revisions)
            .unwrap();
        let reader = if sealed { &t.ggd } else { &t.team };
        let author = t.device.public();
        for (envelope, payload) in batch.iter().zip(&payloads) {
            let parsed = Envelope::from_json(&envelope.to_json()).unwrap();
            prop_assert_eq!(&parsed, envelope);
            prop_assert_eq!(parsed.id(), envelope.id());
            parsed.verify_signature(&author).unwrap();
            let by_reader = parsed.open(reader, &author).unwrap();
            prop_assert_eq!(by_reader.as_bytes(), payload.as_slice());
            let by_recovery = parsed.open(&t.recovery, &author).unwrap();
            prop_assert_eq!(by_recovery.as_bytes(), payload.as_slice());
            prop_assert_eq!(parsed.record_id(), record_id.as_str());
            prop_assert_eq!(parsed.hlc(), hlc.as_str());
            prop_assert_eq!(parsed.parents(), parents.as_slice());
            prop_assert_eq!(parsed.audience(), &audience);
            if sealed {
                prop_assert_eq!(parsed.open(&t.team, &author).unwrap_err(), SealError::NotARecipient);
            }
        }
    }
}
