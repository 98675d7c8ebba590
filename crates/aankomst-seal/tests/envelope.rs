//! Envelopes through the public API: round trips, tampering, wrong recipients, sealing,
//! batches, the wire form and receipts.

mod common;

use aankomst_seal::*;
use common::*;

const ANSWERS: &[u8] = b"{\"k10\":[3,4,2,5,1,3,4,2,3,4],\"marker\":\"PLANTED-K10-ANSWERS\"}";

#[test]
fn team_envelope_round_trips_for_team_and_recovery() {
    let mut t = Tenant::new(1);
    let envelope = t.seal(Audience::Team, ANSWERS);
    let author = t.device.public();

    envelope.verify_signature(&author).unwrap();
    assert_eq!(envelope.open(&t.team, &author).unwrap().as_bytes(), ANSWERS);
    assert_eq!(
        envelope.open(&t.recovery, &author).unwrap().as_bytes(),
        ANSWERS
    );

    let ids: Vec<_> = envelope.recipient_key_ids().cloned().collect();
    assert_eq!(
        ids,
        vec![t.team.key_id().clone(), t.recovery.key_id().clone()]
    );
    assert_eq!(envelope.audience(), &Audience::Team);
    assert_eq!(envelope.tenant(), TENANT);
    assert_eq!(envelope.author_device(), "laptop-azc-1");
    assert_eq!(envelope.recipient_list_generation(), 1);
    assert_eq!(envelope.ciphertext_len(), ANSWERS.len() + 16);
}

#[test]
fn sealed_envelope_opens_for_ggd_and_recovery_but_not_with_the_team_key() {
    let mut t = Tenant::new(2);
    let envelope = t.seal(sealed_for_ggd(), ANSWERS);
    let author = t.device.public();

    assert_eq!(envelope.open(&t.ggd, &author).unwrap().as_bytes(), ANSWERS);
    assert_eq!(
        envelope.open(&t.recovery, &author).unwrap().as_bytes(),
        ANSWERS
    );
    // The counsellor's own device holds the team key: after sealing, it cannot read the answers.
    assert_eq!(
        envelope.open(&t.team, &author).unwrap_err(),
        SealError::NotARecipient
    );
    let ids: Vec<_> = envelope.recipient_key_ids().cloned().collect();
    assert_eq!(
        ids,
        vec![t.ggd.key_id().clone(), t.recovery.key_id().clone()]
    );
    assert!(!ids.contains(t.team.key_id()));
    // Nor through an opener holding every team key the device has.
    let mut opener = Opener::new([&t.team]);
    assert_eq!(
        opener.open(&envelope, &author).unwrap_err(),
        SealError::NotARecipient
    );
}

#[test]
fn a_stranger_key_cannot_open() {
    let mut t = Tenant::new(3);
    let envelope = t.seal(Audience::Team, ANSWERS);
    let stranger = RecipientKeyPair::generate(&mut t.rng);
    assert_eq!(
        envelope.open(&stranger, &t.device.public()).unwrap_err(),
        SealError::NotARecipient
    );
    // The GGD is not a recipient of team envelopes either.
    assert_eq!(
        envelope.open(&t.ggd, &t.device.public()).unwrap_err(),
        SealError::NotARecipient
    );
}

#[test]
fn tampering_breaks_the_signature_before_anything_is_decrypted() {
    let mut t = Tenant::new(4);
    let envelope = t.seal(Audience::Team, ANSWERS);
    let author = t.device.public();
    type Edit = Box<dyn Fn(&mut serde_json::Value)>;
    let cases: [(&str, Edit); 9] = [
        ("ciphertext", Box::new(|v| flip_bit(v, "/ciphertext"))),
        ("nonce", Box::new(|v| flip_bit(v, "/nonce"))),
        (
            "record_id",
            Box::new(|v| v["record_id"] = "0190c1d2-7a3b-7c4d-8e5f-000000000002".into()),
        ),
        (
            "record_kind",
            Box::new(|v| v["record_kind"] = "note".into()),
        ),
        (
            "hlc",
            Box::new(|v| v["hlc"] = "0000018f2a3b4c5e-0000-laptop-azc-1".into()),
        ),
        (
            "parents",
            Box::new(|v| v["parents"] = serde_json::json!(["rev-0"])),
        ),
        (
            "wrapped batch key",
            Box::new(|v| flip_bit(v, "/recipients/0/wrapped_batch_key")),
        ),
        (
            "wrapped content key",
            Box::new(|v| flip_bit(v, "/wrapped_content_key")),
        ),
        ("signature", Box::new(|v| flip_bit(v, "/signature"))),
    ];
    for (what, edit) in cases {
        let tampered = edit_json(&envelope, edit);
        assert_ne!(tampered.id(), envelope.id(), "{what}: id must change");
        assert_eq!(
            tampered.verify_signature(&author),
            Err(SealError::BadSignature),
            "{what}: server check"
        );
        assert_eq!(
            tampered.open(&t.team, &author).unwrap_err(),
            SealError::BadSignature,
            "{what}: reader check"
        );
    }
}

#[test]
fn the_server_cannot_redirect_an_envelope_to_another_device_or_audience() {
    let mut t = Tenant::new(5);
    let envelope = t.seal(sealed_for_ggd(), ANSWERS);
    // Claiming another author: checked against the real author's key, the names differ.
    let moved = edit_json(&envelope, |v| v["author_device"] = "laptop-azc-2".into());
    assert_eq!(
        moved.verify_signature(&t.device.public()),
        Err(SealError::AuthorMismatch)
    );
    // ... and against the named device's key, the signature is not its.
    assert_eq!(
        moved.verify_signature(&t.colleague.public()),
        Err(SealError::BadSignature)
    );
    // Relabelling a sealed envelope as a team envelope.
    let relabelled = edit_json(&envelope, |v| v["audience"] = "team".into());
    assert_eq!(
        relabelled.verify_signature(&t.device.public()),
        Err(SealError::BadSignature)
    );
    // Dropping the recovery stanza.
    let dropped = edit_json(&envelope, |v| {
        v["recipients"].as_array_mut().unwrap().pop();
    });
    assert_eq!(
        dropped.verify_signature(&t.device.public()),
        Err(SealError::BadSignature)
    );
}

#[test]
fn a_signature_by_another_enrolled_device_is_refused() {
    let mut t = Tenant::new(6);
    let envelope = t.seal(Audience::Team, ANSWERS);
    let impostor =
        DevicePublicKey::from_bytes("laptop-azc-1", &t.colleague.public().to_bytes()).unwrap();
    assert_eq!(
        envelope.verify_signature(&impostor),
        Err(SealError::BadSignature)
    );
    assert_eq!(
        envelope.open(&t.team, &impostor).unwrap_err(),
        SealError::BadSignature
    );
}

#[test]
fn each_seal_is_fresh_but_an_envelope_keeps_its_id() {
    let mut t = Tenant::new(7);
    let a = t.seal(Audience::Team, ANSWERS);
    let b = t.seal(Audience::Team, ANSWERS);
    assert_ne!(a.id(), b.id(), "fresh keys and nonces every time");
    // A retry sends the same envelope: same bytes, same id.
    let again = Envelope::from_json(&a.to_json()).unwrap();
    assert_eq!(again, a);
    assert_eq!(again.id(), a.id());
    assert_eq!(again.to_json(), a.to_json());
}

#[test]
fn a_batch_shares_one_encapsulation_and_each_envelope_opens_alone() {
    let mut t = Tenant::new(8);
    let parents = vec!["rev-0".to_owned()];
    let payloads: Vec<Vec<u8>> = (0..5)
        .map(|i| format!("revision {i}").into_bytes())
        .collect();
    let ids: Vec<String> = (0..5).map(|i| format!("rev-{}", i + 1)).collect();
    let revisions: Vec<Revision<'_>> = payloads
        .iter()
        .zip(&ids)
        .map(|(p, id)| Revision {
            revision_id: id,
            parents: &parents,
            ..revision(p)
        })
        .collect();
    let batch = Sealer::new(&t.list, Audience::Team, &t.device)
        .unwrap()
        .seal_batch(&mut t.rng, &revisions)
        .unwrap();
    assert_eq!(batch.len(), 5);

    let stanzas = |e: &Envelope| -> serde_json::Value {
        serde_json::from_slice::<serde_json::Value>(&e.to_json()).unwrap()["recipients"].clone()
    };
    let first = stanzas(&batch[0]);
    let mut content_keys = std::collections::HashSet::new();
    for (i, envelope) in batch.iter().enumerate() {
        assert_eq!(
            stanzas(envelope),
            first,
            "one HPKE encapsulation per recipient per batch"
        );
        let json: serde_json::Value = serde_json::from_slice(&envelope.to_json()).unwrap();
        assert!(content_keys.insert(json["key_commitment"].as_str().unwrap().to_owned()));
        // Each envelope, alone, from its wire form.
        let alone = Envelope::from_json(&envelope.to_json()).unwrap();
        assert_eq!(
            alone
                .open(&t.recovery, &t.device.public())
                .unwrap()
                .as_bytes(),
            payloads[i]
        );
        assert_eq!(alone.revision_id(), ids[i]);
        assert_eq!(alone.parents(), parents.as_slice());
    }

    // The opener unwraps the batch key once and still checks every envelope.
    let mut opener = Opener::new([&t.team]);
    for (envelope, payload) in batch.iter().zip(&payloads) {
        assert_eq!(
            opener
                .open(envelope, &t.device.public())
                .unwrap()
                .as_bytes(),
            payload
        );
    }
    let tampered = edit_json(&batch[3], |v| flip_bit(v, "/ciphertext"));
    assert_eq!(
        opener.open(&tampered, &t.device.public()).unwrap_err(),
        SealError::BadSignature
    );

    // Another batch has another encapsulation.
    let other = t.seal(Audience::Team, b"x");
    assert_ne!(stanzas(&other), first);
}

#[test]
fn a_batch_is_checked_whole_before_anything_is_sealed() {
    let mut t = Tenant::new(9);
    let good = revision(b"ok");
    let bad = Revision {
        hlc: "",
        ..revision(b"bad")
    };
    let result = Sealer::new(&t.list, Audience::Team, &t.device)
        .unwrap()
        .seal_batch(&mut t.rng, &[good, bad]);
    assert_eq!(
        result.unwrap_err(),
        SealError::InvalidField {
            field: "hlc",
            reason: "must be 1 to 256 bytes"
        }
    );
    let empty = Sealer::new(&t.list, Audience::Team, &t.device)
        .unwrap()
        .seal_batch(&mut t.rng, &[])
        .unwrap();
    assert!(empty.is_empty());
}

#[test]
fn sealing_for_an_unknown_recipient_is_refused() {
    let t = Tenant::new(10);
    let err = Sealer::new(
        &t.list,
        Audience::Sealed {
            recipient: "politie".into(),
        },
        &t.device,
    )
    .err()
    .unwrap();
    assert_eq!(err, SealError::UnknownSealingRecipient("politie".into()));
}

#[test]
fn an_empty_plaintext_round_trips_and_an_oversized_one_is_refused() {
    let mut t = Tenant::new(11);
    let envelope = t.seal(Audience::Team, b"");
    assert_eq!(
        envelope
            .open(&t.team, &t.device.public())
            .unwrap()
            .as_bytes(),
        b""
    );
    let big = vec![0u8; MAX_PLAINTEXT_LEN + 1];
    let err = Sealer::new(&t.list, Audience::Team, &t.device)
        .unwrap()
        .seal(&mut t.rng, &revision(&big))
        .unwrap_err();
    assert!(matches!(err, SealError::TooLarge { .. }));
}

#[test]
fn the_wire_form_refuses_unknown_versions_missing_extra_and_malformed_fields() {
    let mut t = Tenant::new(12);
    let envelope = t.seal(Audience::Team, ANSWERS);
    let value: serde_json::Value = serde_json::from_slice(&envelope.to_json()).unwrap();
    let parse = |v: &serde_json::Value| Envelope::from_json(&serde_json::to_vec(v).unwrap());

    let mut v = value.clone();
    v["format"] = "aankomst-envelope/2".into();
    assert!(matches!(
        parse(&v),
        Err(SealError::UnsupportedFormat { .. })
    ));

    let mut v = value.clone();
    v.as_object_mut().unwrap().remove("format");
    assert!(matches!(parse(&v), Err(SealError::Malformed(_))));

    for field in [
        "tenant",
        "hlc",
        "parents",
        "recipients",
        "key_commitment",
        "signature",
    ] {
        let mut v = value.clone();
        v.as_object_mut().unwrap().remove(field);
        let err = parse(&v).unwrap_err();
        assert!(
            matches!(&err, SealError::Malformed(m) if m.contains(field)),
            "{field}: {err}"
        );
    }

    let mut v = value.clone();
    v["extra"] = "x".into();
    assert!(matches!(parse(&v), Err(SealError::Malformed(m)) if m.contains("extra")));

    let mut v = value.clone();
    v["recipients"][0]["comment"] = "x".into();
    assert!(matches!(parse(&v), Err(SealError::Malformed(_))));

    let mut v = value.clone();
    let padded = format!("{}=", v["nonce"].as_str().unwrap());
    v["nonce"] = padded.into();
    assert!(matches!(
        parse(&v),
        Err(SealError::InvalidField { field: "nonce", .. })
    ));

    let mut v = value.clone();
    v["nonce"] = "AAAA".into();
    assert!(matches!(
        parse(&v),
        Err(SealError::InvalidField { field: "nonce", .. })
    ));

    let mut v = value.clone();
    v["audience"] = "sealed:GGD".into();
    assert!(matches!(
        parse(&v),
        Err(SealError::InvalidField {
            field: "audience",
            ..
        })
    ));

    let mut v = value.clone();
    v["recipient_list_generation"] = serde_json::json!(1u64 << 53);
    assert!(matches!(parse(&v), Err(SealError::InvalidField { .. })));

    let mut v = value.clone();
    let first = v["recipients"][0].clone();
    v["recipients"].as_array_mut().unwrap().push(first);
    assert!(matches!(
        parse(&v),
        Err(SealError::InvalidField {
            field: "recipients",
            ..
        })
    ));

    // A duplicated key in the text is refused, not silently resolved one way or the other.
    let json = String::from_utf8(envelope.to_json()).unwrap();
    let duplicated = json.replacen("{\"format\"", "{\"hlc\":\"x\",\"format\"", 1);
    assert!(matches!(
        Envelope::from_json(duplicated.as_bytes()),
        Err(SealError::Malformed(_))
    ));
}

#[test]
fn errors_and_debug_output_never_contain_the_plaintext() {
    let mut t = Tenant::new(13);
    let envelope = t.seal(Audience::Team, ANSWERS);
    let plaintext = envelope.open(&t.team, &t.device.public()).unwrap();
    assert_eq!(
        format!("{plaintext:?}"),
        format!("Plaintext({} bytes)", ANSWERS.len())
    );
    assert!(!format!("{envelope:?}").contains("PLANTED"));
    assert!(!String::from_utf8_lossy(&envelope.to_json()).contains("PLANTED"));
    let err = edit_json(&envelope, |v| flip_bit(v, "/ciphertext"))
        .open(&t.team, &t.device.public())
        .unwrap_err();
    assert!(!format!("{err} {err:?}").contains("PLANTED"));
}

#[test]
fn receipts_verify_and_refuse_tampering_and_other_servers() {
    let mut t = Tenant::new(14);
    let envelope = t.seal(Audience::Team, ANSWERS);
    let server = ServerKey::generate(&mut t.rng);
    let receipt = Receipt::issue(&server, TENANT, envelope.id(), 42, 1_795_000_000_000).unwrap();
    receipt.verify(&server.public()).unwrap();

    let parsed = Receipt::from_json(&receipt.to_json()).unwrap();
    assert_eq!(parsed, receipt);
    assert_eq!(parsed.envelope_id(), envelope.id());
    assert_eq!(parsed.server_sequence(), 42);
    assert_eq!(parsed.received_at_ms(), 1_795_000_000_000);
    assert_eq!(parsed.tenant(), TENANT);

    let other = ServerKey::generate(&mut t.rng);
    assert_eq!(
        receipt.verify(&other.public()),
        Err(SealError::WrongServerKey)
    );

    let mut v: serde_json::Value = serde_json::from_slice(&receipt.to_json()).unwrap();
    v["server_sequence"] = 43.into();
    let forged = Receipt::from_json(&serde_json::to_vec(&v).unwrap()).unwrap();
    assert_eq!(
        forged.verify(&server.public()),
        Err(SealError::BadSignature)
    );

    let mut v: serde_json::Value = serde_json::from_slice(&receipt.to_json()).unwrap();
    v["format"] = "aankomst-receipt/0".into();
    assert!(matches!(
        Receipt::from_json(&serde_json::to_vec(&v).unwrap()),
        Err(SealError::UnsupportedFormat { .. })
    ));
}

#[test]
fn sealing_and_opening_types_can_be_shared_across_threads() {
    // The sync crate seals and verifies on both cores: one Sealer shared by scoped threads,
    // envelopes sent between them.
    fn shared<T: Send + Sync>() {}
    shared::<Sealer<'static>>();
    shared::<Envelope>();
    shared::<VerifiedRecipientList>();
    shared::<DevicePublicKey>();
    shared::<RecipientKeyPair>();
    fn sent<T: Send>() {}
    sent::<Opener<'static>>();

    let t = Tenant::new(15);
    let sealer = Sealer::new(&t.list, Audience::Team, &t.device).unwrap();
    let mut rngs: Vec<_> = (0..2)
        .map(|i| {
            use aankomst_seal::rand_core::SeedableRng;
            rand_chacha::ChaCha20Rng::seed_from_u64(1000 + i)
        })
        .collect();
    let envelopes: Vec<Envelope> = std::thread::scope(|s| {
        let handles: Vec<_> = rngs
            .iter_mut()
            .map(|rng| s.spawn(|| sealer.seal(rng, &revision(ANSWERS)).unwrap()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for e in &envelopes {
        assert_eq!(
            e.open(&t.team, &t.device.public()).unwrap().as_bytes(),
            ANSWERS
        );
    }
}
