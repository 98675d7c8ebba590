//! Who may write which field of an administration, as the store enforces it on every write
//! and every revision it receives (DESIGN §4.12): refusals are typed, and nothing of a refused
//! revision is kept.

mod common;

use aankomst_core::authority::{AuthorityError, Delivered};
use aankomst_core::{Hlc, RecordKind, Revision};
use aankomst_store::{DbKey, Identity, Store, StoreError};
use common::*;
use serde_json::{json, Value};
use uuid::Uuid;

fn store(dir: &std::path::Path, device: &str) -> Store {
    let identity = Identity {
        user: format!("user-of-{device}"),
        device: device.into(),
    };
    Store::create(&dir.join(device), &DbKey::random(), identity).unwrap()
}

fn answer(value: u8) -> Value {
    json!({"value": value, "mode": "self_completed", "entered_by": "client", "at": "2026-03-01T10:05:00Z"})
}

fn k10_start() -> Value {
    json!({"definition_id": "k10-nl", "definition_hash": "h1", "mode": "self_completed",
           "status": "in_progress", "sealed_for": "ggd"})
}

fn revision_by(device: &str, record_id: Uuid, parents: Vec<Uuid>, f: Value) -> Revision {
    Revision {
        rev_id: Uuid::now_v7(),
        record_id,
        kind: RecordKind::Administration,
        parents,
        author_user: format!("user-of-{device}"),
        author_device: device.into(),
        hlc: Hlc {
            wall_ms: 4_000_000_000_000,
            counter: 0,
            node: device.into(),
        },
        fields: fields(f),
    }
}

fn refused(result: Result<bool, StoreError>) -> AuthorityError {
    match result {
        Err(StoreError::Authority(e)) => e,
        other => panic!("expected an authority refusal, got {other:?}"),
    }
}

#[test]
fn a_colleagues_revision_into_a_sealed_administration_is_refused_and_nothing_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut victim = store(dir.path(), "victim");
    let id = write(&mut victim, RecordKind::Administration, k10_start());
    let head = victim
        .write(
            RecordKind::Administration,
            id,
            fields(json!({"answer/k10-01": answer(2)})),
        )
        .unwrap()
        .rev_id;
    let before = victim.get(id).unwrap().unwrap().state;

    let attacks = [
        json!({"sealed_for": null}),
        json!({"answer/k10-01": answer(5)}),
        json!({"status": "completed"}),
    ];
    for attack in attacks {
        let rev = revision_by("colleague", id, vec![head], attack);
        let results = victim
            .receive_delivered(std::slice::from_ref(&rev), &[Delivered::Team])
            .unwrap();
        let e = refused(results.into_iter().next().unwrap());
        assert!(
            matches!(
                e,
                AuthorityError::NotTheCreator { .. } | AuthorityError::Immutable { .. }
            ),
            "{e:?}"
        );
        // Without an envelope to judge, the same rules hold.
        assert!(matches!(
            victim.receive(&rev),
            Err(StoreError::Authority(_))
        ));
        assert!(!victim.has_revision(rev.rev_id).unwrap());
    }
    assert_eq!(victim.get(id).unwrap().unwrap().state, before);

    // The creator's own revision, if it comes in a team envelope, is refused too: a sealed
    // administration travels sealed.
    let own = revision_by("victim", id, vec![head], json!({"status": "completed"}));
    let e = refused(
        victim
            .receive_delivered(std::slice::from_ref(&own), &[Delivered::Team])
            .unwrap()
            .remove(0),
    );
    assert_eq!(e, AuthorityError::WrongAudience);
    assert_eq!(victim.get(id).unwrap().unwrap().state, before);
}

#[test]
fn receivers_take_a_sealed_administration_only_sealed_and_only_from_its_first_revision() {
    let dir = tempfile::tempdir().unwrap();
    let mut other = store(dir.path(), "other");
    let id = Uuid::now_v7();
    let start = revision_by("creator", id, vec![], k10_start());
    // A sealed K10 arriving for the team is refused.
    let e = refused(
        other
            .receive_delivered(std::slice::from_ref(&start), &[Delivered::Team])
            .unwrap()
            .remove(0),
    );
    assert_eq!(e, AuthorityError::WrongAudience);
    // A K10 started without its seal is refused, however it came.
    let mut unsealed = k10_start();
    unsealed.as_object_mut().unwrap().remove("sealed_for");
    let bare = revision_by("creator", Uuid::now_v7(), vec![], unsealed);
    assert_eq!(refused(other.receive(&bare)), AuthorityError::SealMissing);
    // A later revision of an administration this store does not hold is not a start.
    let orphan = revision_by(
        "creator",
        Uuid::now_v7(),
        vec![Uuid::now_v7()],
        json!({"status": "completed"}),
    );
    assert_eq!(
        refused(other.receive(&orphan)),
        AuthorityError::NotACreation
    );
    assert_eq!(other.count_kind(RecordKind::Administration).unwrap(), 0);

    // Sealed for the GGD (a GGD-side store): taken, and the creator's answers after it too.
    let results = other
        .receive_delivered(
            &[
                start.clone(),
                revision_by(
                    "creator",
                    id,
                    vec![start.rev_id],
                    json!({"answer/k10-01": answer(1)}),
                ),
            ],
            &[
                Delivered::SealedFor("ggd".into()),
                Delivered::SealedFor("ggd".into()),
            ],
        )
        .unwrap();
    assert!(results.iter().all(|r| matches!(r, Ok(true))), "{results:?}");
    let origin = other.administration_origin(id).unwrap().unwrap();
    assert_eq!(origin.creator_device, "creator");
    assert_eq!(origin.definition_id, "k10-nl");
}

#[test]
fn a_team_administration_takes_a_colleagues_status_but_not_their_answers() {
    let dir = tempfile::tempdir().unwrap();
    let mut creator = store(dir.path(), "creator");
    let id = write(
        &mut creator,
        RecordKind::Administration,
        json!({"definition_id": "who5", "mode": "read_aloud", "status": "in_progress"}),
    );
    let head = creator.revisions(id).unwrap()[0].rev_id;
    let status = revision_by("colleague", id, vec![head], json!({"status": "abandoned"}));
    assert!(creator.receive(&status).unwrap());
    let answer = revision_by(
        "colleague",
        id,
        vec![status.rev_id],
        json!({"answer/who5-01": answer(1)}),
    );
    assert!(matches!(
        refused(creator.receive(&answer)),
        AuthorityError::NotTheCreator { .. }
    ));
    let state = creator.get(id).unwrap().unwrap().state;
    assert_eq!(state.fields["status"], "abandoned");
    assert!(!state.fields.contains_key("answer/who5-01"));
}

#[test]
fn this_device_cannot_change_what_an_administration_started_with_either() {
    let dir = tempfile::tempdir().unwrap();
    let mut own = store(dir.path(), "own");
    let id = write(&mut own, RecordKind::Administration, k10_start());
    for change in [
        json!({"sealed_for": null}),
        json!({"definition_id": "phq9"}),
        json!({"definition_hash": "h2"}),
    ] {
        assert!(matches!(
            own.write(RecordKind::Administration, id, fields(change)),
            Err(StoreError::Authority(AuthorityError::Immutable { .. }))
        ));
    }
    // A K10 cannot be started unsealed here either, and a start names its definition.
    let mut unsealed = k10_start();
    unsealed.as_object_mut().unwrap().remove("sealed_for");
    assert!(matches!(
        own.create_record(RecordKind::Administration, fields(unsealed)),
        Err(StoreError::Authority(AuthorityError::SealMissing))
    ));
    assert!(matches!(
        own.create_record(
            RecordKind::Administration,
            fields(json!({"status": "in_progress"}))
        ),
        Err(StoreError::Authority(AuthorityError::NotACreation))
    ));
    assert_eq!(own.revisions(id).unwrap().len(), 1);
    // The active policy (here the default) seals every clinical screening; the profile's
    // setting adds to the sealed set and cannot take anything out of it.
    assert_eq!(own.sealing_rule().unwrap().recipient_for("who5"), None);
    own.set_setting(
        aankomst_core::sealing::SETTING_SEALED_INSTRUMENTS,
        &json!(["who5"]),
    )
    .unwrap();
    let rule = own.sealing_rule().unwrap();
    assert_eq!(rule.recipient_for("who5"), Some("ggd"));
    assert_eq!(rule.recipient_for("phq9"), Some("ggd"));
    assert_eq!(rule.recipient_for("k10-au"), Some("ggd"));
}
