//! The municipal policy through the real server binary (issue 20.2): published by IT with the
//! admin CLI (root-signed) or by a supervisor's device, fetched and verified by every laptop at
//! each sync; a server that serves an old, foreign, forged or unsigned policy is refused with a
//! typed reason, and the laptop keeps the policy it had and loses nothing.

mod common;

use aankomst_core::policy::Policy;
use aankomst_seal::{Issuer, SignedPolicy, TenantRootKey};
use aankomst_sync::PolicyRefused;
use common::*;

const T0: u64 = 1_795_000_000_000;

fn sign(root: &TenantRootKey, tenant: &str, version: u64, policy: &Policy) -> Vec<u8> {
    SignedPolicy::sign(
        Issuer::Root(root),
        tenant,
        version,
        T0 + version,
        &policy.to_canonical_json().unwrap(),
    )
    .unwrap()
    .to_json()
}

/// The municipality's own choice: the PHQ-9 for the team, a shorter offline lock.
fn municipal_policy(offline_lock_days: u32) -> Policy {
    let mut p = Policy::default();
    p.sealed_instruments.retain(|s| s.definition_id != "phq9");
    p.offline_lock_days = offline_lock_days;
    p
}

fn publish(world: &World, json: &[u8], name: &str) -> String {
    let file = world.dir.path().join(name);
    std::fs::write(&file, json).unwrap();
    world.server.admin(&[
        "tenant",
        "set-policy",
        &world.tenant.id,
        file.to_str().unwrap(),
    ])
}

/// A laptop with the team key, as after its grant.
fn laptop(world: &World, id: &str) -> Device {
    let mut d = world.device(id, "counsellor");
    let secret = world.tenant.team.secret_bytes();
    d.engine
        .as_mut()
        .unwrap()
        .import_team_key(&mut d.store, &secret)
        .unwrap();
    d
}

/// Replaces what the server holds as the tenant's policies, behind its back (a compromised
/// server or database).
fn server_serves(world: &World, version: u64, json: &str) {
    let tenant = world.tenant.id.as_str();
    if world.server.storage == "sqlite" {
        let conn =
            rusqlite::Connection::open(world.server.data.join("aankomst-server.sqlite3")).unwrap();
        conn.execute("DELETE FROM policies", []).unwrap();
        conn.execute(
            "INSERT INTO policies (tenant, version, policy_json, uploaded_at_ms) VALUES (?1, ?2, ?3, 0)",
            rusqlite::params![tenant, version as i64, json],
        )
        .unwrap();
    } else {
        let mut client = postgres::Client::connect(&world.server.storage, postgres::NoTls).unwrap();
        client.execute("DELETE FROM policies", &[]).unwrap();
        client
            .execute(
                "INSERT INTO policies (tenant, version, policy_json, uploaded_at_ms) VALUES ($1, $2, $3, 0)",
                &[&tenant, &(version as i64), &json],
            )
            .unwrap();
    }
}

fn audited_policies(d: &Device) -> Vec<String> {
    d.store
        .audit_entries(0, 1000)
        .unwrap()
        .into_iter()
        .map(|e| e.event.object)
        .filter(|o| o.starts_with("policy:"))
        .collect()
}

#[test]
fn a_policy_change_reaches_a_second_laptop_through_the_real_server() {
    for storage in backends() {
        let world = World::start(&storage, "");
        let mut first = laptop(&world, "laptop-1");
        let mut second = laptop(&world, "laptop-2");

        // No policy published: both run on the built-in default, which seals the PHQ-9.
        assert_eq!(first.sync().unwrap().policy_accepted, None);
        let active = first.store.active_policy().unwrap();
        assert_eq!(active.source, None);
        assert_eq!(active.policy, Policy::default());
        assert_eq!(
            first.store.sealing_rule().unwrap().recipient_for("phq9"),
            Some("ggd")
        );

        // IT publishes version 1, root-signed, with the admin CLI.
        let v1 = sign(
            &world.tenant.root,
            &world.tenant.id,
            1,
            &municipal_policy(10),
        );
        assert!(publish(&world, &v1, "policy-1.json").contains("version 1"));

        for d in [&mut first, &mut second] {
            d.write_client(1);
            let report = d.sync().unwrap();
            assert_eq!(report.policy_accepted, Some(1));
            assert_eq!(report.policy_refused, None);
            assert!(report.pushed >= 1, "the rest of the sync went on");
            let active = d.store.active_policy().unwrap();
            assert_eq!(active.policy, municipal_policy(10));
            let source = active.source.unwrap();
            assert_eq!((source.version, source.signer.as_str()), (1, "root"));
            assert_eq!(source.issued_at_ms, T0 + 1);
            // The policy now decides what is sealed.
            assert_eq!(d.store.sealing_rule().unwrap().recipient_for("phq9"), None);
            assert_eq!(
                d.store.sealing_rule().unwrap().recipient_for("gad7"),
                Some("ggd")
            );
            assert_eq!(d.engine.as_ref().unwrap().policy_version(), Some(1));
            // Accepting it is in the device's audit trail, once; the same policy again
            // changes nothing.
            assert_eq!(audited_policies(d), vec!["policy:1".to_owned()]);
            assert_eq!(d.sync().unwrap().policy_accepted, None);
            assert_eq!(audited_policies(d), vec!["policy:1".to_owned()]);
        }

        // Version 2 reaches the second laptop after a restart of its engine (the pin persists).
        let v2 = sign(
            &world.tenant.root,
            &world.tenant.id,
            2,
            &municipal_policy(7),
        );
        publish(&world, &v2, "policy-2.json");
        second.engine = aankomst_sync::SyncEngine::load(&second.store).unwrap();
        assert_eq!(second.engine.as_ref().unwrap().policy_version(), Some(1));
        assert_eq!(second.sync().unwrap().policy_accepted, Some(2));
        assert_eq!(
            second
                .store
                .active_policy()
                .unwrap()
                .policy
                .offline_lock_days,
            7
        );
        assert_eq!(
            second
                .store
                .accepted_policy_document()
                .unwrap()
                .unwrap()
                .as_bytes(),
            v2.as_slice()
        );

        // A supervisor's device publishes version 3 signed with a key no certificate vouches
        // for: the server relays it (it does not decide who may sign), every laptop refuses it.
        let supervisor = world.supervisor("supervisor-1");
        let stray =
            aankomst_seal::DeviceKey::generate("stray", &mut aankomst_seal::system_rng()).unwrap();
        let forged = aankomst_sync::sign_policy_with_device(
            &stray,
            &world.tenant.id,
            3,
            T0 + 3,
            &municipal_policy(1),
        )
        .unwrap();
        assert_eq!(
            supervisor
                .engine
                .as_ref()
                .unwrap()
                .publish_policy(&forged)
                .unwrap(),
            3
        );
        let report = second.sync().unwrap();
        assert_eq!(report.policy_refused, Some(PolicyRefused::UnknownSigner));
        assert_eq!(
            second
                .store
                .active_policy()
                .unwrap()
                .policy
                .offline_lock_days,
            7
        );
        // A counsellor's device may not publish at all.
        assert!(matches!(
            second.engine.as_ref().unwrap().publish_policy(&forged),
            Err(aankomst_sync::SyncError::NotSupervisor)
        ));
    }
}

#[test]
fn a_hostile_server_serving_an_old_foreign_or_forged_policy_is_refused_and_nothing_is_lost() {
    for storage in backends() {
        let world = World::start(&storage, "");
        let mut d = laptop(&world, "laptop-1");
        let v1 = sign(
            &world.tenant.root,
            &world.tenant.id,
            1,
            &municipal_policy(20),
        );
        let v2 = sign(
            &world.tenant.root,
            &world.tenant.id,
            2,
            &municipal_policy(10),
        );
        publish(&world, &v1, "policy-1.json");
        publish(&world, &v2, "policy-2.json");
        assert_eq!(d.sync().unwrap().policy_accepted, Some(2));
        let kept = d.store.active_policy().unwrap();

        let other = TenantKeys::new("gemeente-zeist");
        let impostor = TenantRootKey::generate(&mut aankomst_seal::system_rng());
        let mut unsigned: serde_json::Value = serde_json::from_slice(&sign(
            &world.tenant.root,
            &world.tenant.id,
            5,
            &Policy::default(),
        ))
        .unwrap();
        unsigned.as_object_mut().unwrap().remove("signature");
        // Signed by the root, but its content is not the canonical spelling of a policy.
        let not_canonical = SignedPolicy::sign(
            Issuer::Root(&world.tenant.root),
            &world.tenant.id,
            6,
            T0,
            &format!(" {}", Policy::default().to_canonical_json().unwrap()),
        )
        .unwrap()
        .to_json();
        let cases: Vec<(&str, u64, Vec<u8>, PolicyRefused)> = vec![
            ("the old version", 1, v1.clone(), PolicyRefused::Rollback),
            (
                "another tenant's policy",
                9,
                sign(&other.root, &other.id, 9, &Policy::default()),
                PolicyRefused::OtherTenant,
            ),
            (
                "a policy signed by another root",
                9,
                sign(&impostor, &world.tenant.id, 9, &Policy::default()),
                PolicyRefused::UnknownSigner,
            ),
            (
                "another document under the accepted version",
                2,
                sign(
                    &world.tenant.root,
                    &world.tenant.id,
                    2,
                    &municipal_policy(11),
                ),
                PolicyRefused::Conflict,
            ),
            (
                "an unsigned policy",
                5,
                serde_json::to_vec(&unsigned).unwrap(),
                PolicyRefused::Malformed,
            ),
            (
                "content that is not canonical",
                6,
                not_canonical,
                PolicyRefused::InvalidContent,
            ),
        ];
        for (what, version, json, reason) in cases {
            server_serves(&world, version, std::str::from_utf8(&json).unwrap());
            let client = d.write_client(7);
            let report = d.sync().unwrap();
            assert_eq!(report.policy_refused, Some(reason), "{what}");
            assert_eq!(report.policy_accepted, None, "{what}");
            assert!(report.pushed >= 1, "{what}: the sync went on");
            assert!(
                d.store.get(client).unwrap().is_some(),
                "{what}: nothing lost"
            );
            assert_eq!(
                d.store.active_policy().unwrap(),
                kept,
                "{what}: policy kept"
            );
            assert_eq!(
                d.engine.as_ref().unwrap().policy_version(),
                Some(2),
                "{what}"
            );
            assert_eq!(
                d.store.sealing_rule().unwrap().recipient_for("phq9"),
                None,
                "{what}: the kept policy still decides"
            );
        }
        // The genuine version 2 again is fine.
        server_serves(&world, 2, std::str::from_utf8(&v2).unwrap());
        let report = d.sync().unwrap();
        assert_eq!(
            (report.policy_accepted, report.policy_refused),
            (None, None)
        );
    }
}
