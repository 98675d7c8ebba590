//! The recipient list: pinned root key, rollback, key rotation.

mod common;

use aankomst_seal::*;
use common::*;

#[test]
fn a_list_signed_by_another_key_is_refused() {
    let mut t = Tenant::new(20);
    // A compromised server makes a list of its own with its own key as the "team" key.
    let server_root = TenantRootKey::generate(&mut t.rng);
    let attacker = RecipientKeyPair::generate(&mut t.rng);
    let forged = list(2, &attacker, &[], &t.recovery, &t.ggd)
        .sign(&server_root)
        .unwrap();
    let forged = SignedRecipientList::from_json(&forged.to_json()).unwrap();
    assert_eq!(t.pin.accept(&forged).unwrap_err(), SealError::BadSignature);
    // The pin did not move.
    assert_eq!(t.pin.accept(&t.signed).unwrap().generation, 1);
    assert_eq!(t.pin.accepted_generation(), Some(1));
}

#[test]
fn a_genuine_list_with_a_key_swapped_in_is_refused() {
    let mut t = Tenant::new(21);
    let attacker = RecipientKeyPair::generate(&mut t.rng);
    let mut v: serde_json::Value = serde_json::from_slice(&t.signed.to_json()).unwrap();
    for field in ["team", "recovery"] {
        let mut w = v.clone();
        w[field]["public_key"] = attacker.public().to_base64url().into();
        w[field]["key_id"] = attacker.key_id().to_string().into();
        let swapped = SignedRecipientList::from_json(&serde_json::to_vec(&w).unwrap()).unwrap();
        assert_eq!(
            t.pin.accept(&swapped).unwrap_err(),
            SealError::BadSignature,
            "{field}"
        );
    }
    v["sealing"][0]["public_key"] = attacker.public().to_base64url().into();
    v["sealing"][0]["key_id"] = attacker.key_id().to_string().into();
    let swapped = SignedRecipientList::from_json(&serde_json::to_vec(&v).unwrap()).unwrap();
    assert_eq!(t.pin.accept(&swapped).unwrap_err(), SealError::BadSignature);
}

#[test]
fn rotation_moves_forward_and_rollback_is_refused() {
    let mut t = Tenant::new(22);
    let old_team_envelope = t.seal(Audience::Team, b"before rotation");

    // A device is revoked: the administrator rotates the team key in list generation 2.
    let new_team = RecipientKeyPair::generate(&mut t.rng);
    let rotated = list(2, &new_team, &[(1, &t.team)], &t.recovery, &t.ggd)
        .sign(&t.root)
        .unwrap();
    let rotated = SignedRecipientList::from_json(&rotated.to_json()).unwrap();
    let verified = t.pin.accept(&rotated).unwrap();
    assert_eq!(t.pin.accepted_generation(), Some(2));
    assert_eq!(verified.team.generation, 2);
    assert_eq!(verified.previous_team[0].key, *t.team.public());

    // New envelopes use the new team key only.
    let new_envelope = Sealer::new(&verified, Audience::Team, &t.device)
        .unwrap()
        .seal(&mut t.rng, &revision(b"after rotation"))
        .unwrap();
    assert_eq!(new_envelope.recipient_list_generation(), 2);
    let ids: Vec<_> = new_envelope.recipient_key_ids().cloned().collect();
    assert_eq!(
        ids,
        vec![new_team.key_id().clone(), t.recovery.key_id().clone()]
    );
    let author = t.device.public();
    assert_eq!(
        new_envelope.open(&t.team, &author).unwrap_err(),
        SealError::NotARecipient
    );

    // A device holding both generations reads old and new.
    let mut opener = Opener::new([&new_team, &t.team]);
    assert_eq!(
        opener.open(&old_team_envelope, &author).unwrap().as_bytes(),
        b"before rotation"
    );
    assert_eq!(
        opener.open(&new_envelope, &author).unwrap().as_bytes(),
        b"after rotation"
    );

    // The server replays generation 1 (bringing the rotated-out key back): refused.
    assert_eq!(
        t.pin.accept(&t.signed).unwrap_err(),
        SealError::Rollback {
            offered: 1,
            accepted: 2
        }
    );
    // The same generation again is fine (a re-fetch) ...
    t.pin.accept(&rotated).unwrap();
    // ... a different list claiming generation 2 is not, even though the root key signed it.
    let other = RecipientKeyPair::generate(&mut t.rng);
    let conflicting = list(2, &other, &[(1, &t.team)], &t.recovery, &t.ggd)
        .sign(&t.root)
        .unwrap();
    assert_eq!(
        t.pin.accept(&conflicting).unwrap_err(),
        SealError::GenerationConflict(2)
    );

    // The pin survives a restart (the store persists it as JSON).
    let saved = serde_json::to_string(&t.pin).unwrap();
    let mut restored: RecipientListPin = serde_json::from_str(&saved).unwrap();
    assert_eq!(
        restored.accept(&t.signed).unwrap_err(),
        SealError::Rollback {
            offered: 1,
            accepted: 2
        }
    );
}

#[test]
fn a_list_for_another_tenant_is_refused() {
    let t = Tenant::new(23);
    let mut pin = RecipientListPin::new("gemeente-amersfoort", t.root.public());
    assert!(matches!(
        pin.accept(&t.signed),
        Err(SealError::TenantMismatch { .. })
    ));
}

#[test]
fn one_key_may_not_serve_two_roles() {
    let t = Tenant::new(24);
    // The team key also given as the GGD's key would let every team device read sealed data.
    let err = list(1, &t.team, &[], &t.recovery, &t.team)
        .sign(&t.root)
        .unwrap_err();
    assert_eq!(err, SealError::DuplicateKey);
    let err = list(1, &t.team, &[], &t.team, &t.ggd)
        .sign(&t.root)
        .unwrap_err();
    assert_eq!(err, SealError::DuplicateKey);
}

#[test]
fn previous_team_keys_must_be_older_than_the_current_one() {
    let mut t = Tenant::new(25);
    let older = RecipientKeyPair::generate(&mut t.rng);
    let mut l = list(3, &t.team, &[(1, &older)], &t.recovery, &t.ggd);
    l.previous_team[0].generation = l.team.generation;
    assert!(matches!(
        l.sign(&t.root),
        Err(SealError::InvalidField {
            field: "previous_team",
            ..
        })
    ));
}

#[test]
fn the_wire_form_is_strict() {
    let t = Tenant::new(26);
    let value: serde_json::Value = serde_json::from_slice(&t.signed.to_json()).unwrap();
    let parse =
        |v: &serde_json::Value| SignedRecipientList::from_json(&serde_json::to_vec(v).unwrap());
    assert_eq!(parse(&value).unwrap(), t.signed);

    let mut v = value.clone();
    v["format"] = "aankomst-recipients/2".into();
    assert!(matches!(
        parse(&v),
        Err(SealError::UnsupportedFormat { .. })
    ));

    let mut v = value.clone();
    v.as_object_mut().unwrap().remove("previous_team");
    assert!(matches!(parse(&v), Err(SealError::Malformed(_))));

    let mut v = value.clone();
    v["not_after"] = "2027-01-01".into();
    assert!(matches!(parse(&v), Err(SealError::Malformed(_))));

    // A key id that is not the key's own.
    let mut v = value.clone();
    v["team"]["key_id"] = v["recovery"]["key_id"].clone();
    assert_eq!(parse(&v).unwrap_err(), SealError::KeyIdMismatch);
}
