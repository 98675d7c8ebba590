//! Device certificates, statements, the trust directory and the signed policy, tried as a
//! hostile server or a hostile colleague would.

mod common;

use aankomst_seal::rand_core::SeedableRng;
use aankomst_seal::*;
use common::TENANT;
use rand_chacha::ChaCha20Rng;

struct Team {
    rng: ChaCha20Rng,
    root: TenantRootKey,
    supervisor: DeviceKey,
    counsellor: DeviceKey,
    certs: Vec<DeviceCertificate>,
}

const T0: u64 = 1_795_000_000_000;

fn team(seed: u64) -> Team {
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    let root = TenantRootKey::generate(&mut rng);
    let supervisor = DeviceKey::generate("desk-supervisor", &mut rng).unwrap();
    let counsellor = DeviceKey::generate("laptop-azc-1", &mut rng).unwrap();
    let certs = vec![
        DeviceCertificate::issue(
            Issuer::Root(&root),
            TENANT,
            &supervisor.public(),
            DeviceRole::Supervisor,
            T0,
        )
        .unwrap(),
        DeviceCertificate::issue(
            Issuer::Device(&supervisor),
            TENANT,
            &counsellor.public(),
            DeviceRole::Counsellor,
            T0 + 10,
        )
        .unwrap(),
    ];
    Team {
        rng,
        root,
        supervisor,
        counsellor,
        certs,
    }
}

impl Team {
    fn device(&mut self, id: &str) -> DeviceKey {
        DeviceKey::generate(id, &mut self.rng).unwrap()
    }

    fn directory(&self, statements: &[Statement]) -> (TrustDirectory, Vec<Refusal>) {
        TrustDirectory::build(TENANT, self.root.public(), &self.certs, statements)
    }
}

fn errors(refused: &[Refusal]) -> Vec<SealError> {
    refused.iter().map(|r| r.error.clone()).collect()
}

#[test]
fn a_chain_from_the_root_certifies_devices_with_their_roles() {
    let t = team(1);
    let (dir, refused) = t.directory(&[]);
    assert!(refused.is_empty(), "{refused:?}");
    assert!(dir.is_valid("desk-supervisor", DeviceRole::Supervisor));
    assert!(dir.is_valid("laptop-azc-1", DeviceRole::Counsellor));
    assert!(!dir.is_valid("laptop-azc-1", DeviceRole::Supervisor));
    assert_eq!(
        dir.author_key("laptop-azc-1").unwrap(),
        &t.counsellor.public()
    );
    assert_eq!(dir.device("laptop-azc-1").unwrap().chain_depth, 2);
    assert_eq!(
        dir.author_key("laptop-invented").unwrap_err(),
        SealError::UnknownSubject
    );
    // The order documents arrive in does not matter to a build.
    let reversed: Vec<_> = t.certs.iter().rev().cloned().collect();
    let (again, refused) = TrustDirectory::build(TENANT, t.root.public(), &reversed, &[]);
    assert!(refused.is_empty());
    assert!(again.is_valid("laptop-azc-1", DeviceRole::Counsellor));
}

#[test]
fn a_hostile_server_cannot_add_a_device_or_a_supervisor() {
    let mut t = team(2);
    // A device certified by a key of the server's own.
    let server_key = t.device("server-made");
    let intruder = t.device("laptop-intruder");
    t.certs.push(
        DeviceCertificate::issue(
            Issuer::Device(&server_key),
            TENANT,
            &intruder.public(),
            DeviceRole::Supervisor,
            T0 + 20,
        )
        .unwrap(),
    );
    // A counsellor promoting itself: certifying a second identity as supervisor, and a role
    // change of its own.
    let sock = t.device("laptop-sock");
    t.certs.push(
        DeviceCertificate::issue(
            Issuer::Device(&t.counsellor),
            TENANT,
            &sock.public(),
            DeviceRole::Supervisor,
            T0 + 21,
        )
        .unwrap(),
    );
    let promote = Statement::issue(
        Issuer::Device(&t.counsellor),
        TENANT,
        StatementKind::RoleChange(DeviceRole::Supervisor),
        &t.counsellor.public(),
        T0 + 22,
    )
    .unwrap();
    // Another tenant's root certifying into this tenant's directory.
    let other_root = TenantRootKey::generate(&mut t.rng);
    let foreign = t.device("laptop-foreign");
    t.certs.push(
        DeviceCertificate::issue(
            Issuer::Root(&other_root),
            TENANT,
            &foreign.public(),
            DeviceRole::Supervisor,
            T0 + 23,
        )
        .unwrap(),
    );
    // This tenant's supervisor signing for another tenant.
    let elsewhere = t.device("laptop-elsewhere");
    t.certs.push(
        DeviceCertificate::issue(
            Issuer::Device(&t.supervisor),
            "gemeente-zwolle",
            &elsewhere.public(),
            DeviceRole::Counsellor,
            T0 + 24,
        )
        .unwrap(),
    );
    let (dir, refused) = t.directory(&[promote]);
    assert_eq!(
        errors(&refused),
        vec![
            SealError::UnknownIssuer,
            SealError::IssuerNotAuthorised,
            SealError::IssuerNotAuthorised,
            SealError::UnknownIssuer,
            SealError::TenantMismatch {
                found: "gemeente-zwolle".into(),
                expected: TENANT.into()
            },
        ]
    );
    for id in [
        "laptop-intruder",
        "laptop-sock",
        "laptop-foreign",
        "laptop-elsewhere",
    ] {
        assert!(dir.device(id).is_none(), "{id}");
    }
    assert!(dir.is_valid("laptop-azc-1", DeviceRole::Counsellor));
}

#[test]
fn altered_certificates_and_statements_are_refused() {
    let t = team(3);
    let mut wire: serde_json::Value = serde_json::from_slice(&t.certs[1].to_json()).unwrap();
    wire["role"] = "supervisor".into();
    let promoted = DeviceCertificate::from_json(&serde_json::to_vec(&wire).unwrap()).unwrap();
    let (_, refused) = TrustDirectory::build(
        TENANT,
        t.root.public(),
        &[t.certs[0].clone(), promoted],
        &[],
    );
    assert_eq!(errors(&refused), vec![SealError::BadSignature]);

    let mut wire: serde_json::Value = serde_json::from_slice(&t.certs[1].to_json()).unwrap();
    common::flip_bit(&mut wire, "/signature");
    let flipped = DeviceCertificate::from_json(&serde_json::to_vec(&wire).unwrap()).unwrap();
    let (_, refused) =
        TrustDirectory::build(TENANT, t.root.public(), &[t.certs[0].clone(), flipped], &[]);
    assert_eq!(errors(&refused), vec![SealError::BadSignature]);
}

#[test]
fn strict_parsing_of_certificates_and_statements() {
    let t = team(4);
    let json = t.certs[1].to_json();
    assert_eq!(DeviceCertificate::from_json(&json).unwrap(), t.certs[1]);
    let edit = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v: serde_json::Value = serde_json::from_slice(&json).unwrap();
        f(&mut v);
        DeviceCertificate::from_json(&serde_json::to_vec(&v).unwrap()).unwrap_err()
    };
    assert!(matches!(
        edit(&|v| {
            v["extra"] = 1.into();
        }),
        SealError::Malformed(_)
    ));
    assert!(matches!(
        edit(&|v| {
            v.as_object_mut().unwrap().remove("issuer_key_id");
        }),
        SealError::Malformed(_)
    ));
    assert!(matches!(
        edit(&|v| {
            v["format"] = "aankomst-device-certificate/2".into();
        }),
        SealError::UnsupportedFormat { .. }
    ));
    assert!(matches!(
        edit(&|v| {
            v["role"] = "root".into();
        }),
        SealError::InvalidField { field: "role", .. }
    ));
    assert_eq!(
        edit(&|v| {
            v["key_id"] = t.certs[0].device_key().key_id().to_string().into();
        }),
        SealError::KeyIdMismatch
    );
    // The identity point as the device key: it would "verify" forged signatures.
    let mut identity = [0u8; 32];
    identity[0] = 1;
    let b64 = {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(identity)
    };
    assert_eq!(
        edit(&|v| {
            v["public_key"] = b64.clone().into();
        }),
        SealError::InvalidKey
    );
    let duplicated =
        String::from_utf8(json.clone())
            .unwrap()
            .replacen("{", "{\"role\":\"counsellor\",", 1);
    assert!(matches!(
        DeviceCertificate::from_json(duplicated.as_bytes()).unwrap_err(),
        SealError::Malformed(_)
    ));

    let revocation = Statement::issue(
        Issuer::Device(&t.supervisor),
        TENANT,
        StatementKind::Revocation,
        &t.counsellor.public(),
        T0 + 50,
    )
    .unwrap();
    let role = Statement::issue(
        Issuer::Root(&t.root),
        TENANT,
        StatementKind::RoleChange(DeviceRole::Supervisor),
        &t.counsellor.public(),
        T0 + 51,
    )
    .unwrap();
    for s in [&revocation, &role] {
        assert_eq!(&Statement::from_json(&s.to_json()).unwrap(), s);
    }
    let mut v: serde_json::Value = serde_json::from_slice(&revocation.to_json()).unwrap();
    v["role"] = "supervisor".into();
    assert!(matches!(
        Statement::from_json(&serde_json::to_vec(&v).unwrap()).unwrap_err(),
        SealError::Malformed(_)
    ));
    assert!(matches!(
        Statement::from_json(br#"{"format":"aankomst-statement/9"}"#).unwrap_err(),
        SealError::UnsupportedFormat { .. }
    ));
}

#[test]
fn revocation_voids_what_the_issuer_signs_from_then_on() {
    let mut t = team(5);
    let before = t.device("laptop-before");
    let after = t.device("laptop-after");
    t.certs.push(
        DeviceCertificate::issue(
            Issuer::Device(&t.supervisor),
            TENANT,
            &before.public(),
            DeviceRole::Counsellor,
            T0 + 100,
        )
        .unwrap(),
    );
    t.certs.push(
        DeviceCertificate::issue(
            Issuer::Device(&t.supervisor),
            TENANT,
            &after.public(),
            DeviceRole::Counsellor,
            T0 + 300,
        )
        .unwrap(),
    );
    let revoke_supervisor = Statement::issue(
        Issuer::Root(&t.root),
        TENANT,
        StatementKind::Revocation,
        &t.supervisor.public(),
        T0 + 200,
    )
    .unwrap();
    let (dir, refused) = t.directory(std::slice::from_ref(&revoke_supervisor));
    assert_eq!(errors(&refused), vec![SealError::IssuerRevoked]);
    assert!(dir.is_valid("laptop-before", DeviceRole::Counsellor));
    assert!(dir.device("laptop-after").is_none());
    assert_eq!(
        dir.device("desk-supervisor").unwrap().status,
        DeviceStatus::Revoked { at_ms: T0 + 200 }
    );
    assert_eq!(
        dir.author_key("desk-supervisor").unwrap_err(),
        SealError::IssuerRevoked
    );

    // Incrementally: the late certificate first, then the revocation that claims an earlier
    // time voids it.
    let mut incremental = TrustDirectory::new(TENANT, t.root.public());
    for c in &t.certs {
        incremental.admit_certificate(c).unwrap();
    }
    assert!(incremental.is_valid("laptop-after", DeviceRole::Counsellor));
    incremental.admit_statement(&revoke_supervisor).unwrap();
    assert!(incremental.device("laptop-after").is_none());
    assert!(incremental.is_valid("laptop-before", DeviceRole::Counsellor));
    assert_eq!(incremental.certificates().count(), 3);

    // Arrival rule: a certificate by the revoked supervisor, back-dated to before its
    // revocation, arriving now, is refused; a fresh build (claimed times only) would take it.
    let backdated_device = t.device("laptop-backdated");
    let backdated = DeviceCertificate::issue(
        Issuer::Device(&t.supervisor),
        TENANT,
        &backdated_device.public(),
        DeviceRole::Counsellor,
        T0 + 150,
    )
    .unwrap();
    assert_eq!(
        incremental.admit_certificate(&backdated).unwrap_err(),
        SealError::IssuerRevoked
    );
    // A statement by the revoked supervisor is refused the same way.
    let late_revocation = Statement::issue(
        Issuer::Device(&t.supervisor),
        TENANT,
        StatementKind::Revocation,
        &t.counsellor.public(),
        T0 + 400,
    )
    .unwrap();
    assert_eq!(
        incremental.admit_statement(&late_revocation).unwrap_err(),
        SealError::IssuerRevoked
    );
    assert!(incremental.is_valid("laptop-azc-1", DeviceRole::Counsellor));
}

#[test]
fn demotion_removes_the_right_to_certify_and_administrators_are_the_roots_alone() {
    let mut t = team(6);
    let second = t.device("desk-second");
    t.certs.push(
        DeviceCertificate::issue(
            Issuer::Device(&t.supervisor),
            TENANT,
            &second.public(),
            DeviceRole::Supervisor,
            T0 + 20,
        )
        .unwrap(),
    );
    let demote = Statement::issue(
        Issuer::Device(&second),
        TENANT,
        StatementKind::RoleChange(DeviceRole::Counsellor),
        &t.supervisor.public(),
        T0 + 30,
    )
    .unwrap();
    let newcomer = t.device("laptop-new");
    t.certs.push(
        DeviceCertificate::issue(
            Issuer::Device(&t.supervisor),
            TENANT,
            &newcomer.public(),
            DeviceRole::Counsellor,
            T0 + 40,
        )
        .unwrap(),
    );
    let admin = t.device("admin-key");
    t.certs.push(
        DeviceCertificate::issue(
            Issuer::Device(&second),
            TENANT,
            &admin.public(),
            DeviceRole::Administrator,
            T0 + 41,
        )
        .unwrap(),
    );
    let (dir, refused) = t.directory(&[demote]);
    assert_eq!(
        errors(&refused),
        vec![
            SealError::IssuerNotAuthorised,
            SealError::IssuerNotAuthorised
        ]
    );
    assert!(dir.is_valid("desk-supervisor", DeviceRole::Counsellor));
    assert!(dir.device("laptop-new").is_none());

    let by_root = DeviceCertificate::issue(
        Issuer::Root(&t.root),
        TENANT,
        &admin.public(),
        DeviceRole::Administrator,
        T0 + 42,
    )
    .unwrap();
    let mut dir = dir;
    dir.admit_certificate(&by_root).unwrap();
    assert!(dir.is_valid("admin-key", DeviceRole::Administrator));
    // An administrator certifies nobody.
    let by_admin = DeviceCertificate::issue(
        Issuer::Device(&admin),
        TENANT,
        &t.device("laptop-x").public(),
        DeviceRole::Counsellor,
        T0 + 43,
    )
    .unwrap();
    assert_eq!(
        dir.admit_certificate(&by_admin).unwrap_err(),
        SealError::IssuerNotAuthorised
    );
}

#[test]
fn one_device_one_key_and_no_cycles_or_endless_chains() {
    let mut t = team(7);
    // The counsellor's key certified again under another device id, and another key under the
    // counsellor's device id.
    let again = DeviceCertificate::issue(
        Issuer::Device(&t.supervisor),
        TENANT,
        &DevicePublicKey::from_bytes("laptop-copy", &t.counsellor.public().to_bytes()).unwrap(),
        DeviceRole::Counsellor,
        T0 + 20,
    )
    .unwrap();
    let other_key = t.device("laptop-azc-1");
    let reused_id = DeviceCertificate::issue(
        Issuer::Device(&t.supervisor),
        TENANT,
        &other_key.public(),
        DeviceRole::Counsellor,
        T0 + 21,
    )
    .unwrap();
    // Two supervisors certifying each other, with no root anywhere in their chain.
    let a = t.device("desk-a");
    let b = t.device("desk-b");
    let a_by_b = DeviceCertificate::issue(
        Issuer::Device(&b),
        TENANT,
        &a.public(),
        DeviceRole::Supervisor,
        T0 + 22,
    )
    .unwrap();
    let b_by_a = DeviceCertificate::issue(
        Issuer::Device(&a),
        TENANT,
        &b.public(),
        DeviceRole::Supervisor,
        T0 + 23,
    )
    .unwrap();
    t.certs.extend([again, reused_id, a_by_b, b_by_a]);
    let (dir, refused) = t.directory(&[]);
    assert_eq!(
        errors(&refused),
        vec![
            SealError::AlreadyCertified,
            SealError::AlreadyCertified,
            SealError::UnknownIssuer,
            SealError::UnknownIssuer
        ]
    );
    assert_eq!(
        dir.author_key("laptop-azc-1").unwrap(),
        &t.counsellor.public()
    );

    // A chain of supervisors, each certifying the next: the ninth link is too long.
    let mut chain = vec![t.certs[0].clone()];
    let mut issuer =
        DeviceKey::from_secret_bytes("desk-supervisor", &t.supervisor.secret_bytes()).unwrap();
    for depth in 2..=MAX_CHAIN_DEPTH + 1 {
        let next = t.device(&format!("desk-{depth}"));
        chain.push(
            DeviceCertificate::issue(
                Issuer::Device(&issuer),
                TENANT,
                &next.public(),
                DeviceRole::Supervisor,
                T0 + depth as u64,
            )
            .unwrap(),
        );
        issuer = next;
    }
    let (dir, refused) = TrustDirectory::build(TENANT, t.root.public(), &chain, &[]);
    assert_eq!(
        errors(&refused),
        vec![SealError::ChainTooLong(MAX_CHAIN_DEPTH)]
    );
    assert_eq!(
        dir.device(&format!("desk-{MAX_CHAIN_DEPTH}"))
            .unwrap()
            .chain_depth,
        MAX_CHAIN_DEPTH
    );
}

#[test]
fn a_laptop_wipes_only_on_a_revocation_of_itself_whose_chain_verifies() {
    let mut t = team(8);
    let me = t.counsellor.public();
    let revoke = |issuer: Issuer<'_>, subject: &DevicePublicKey| {
        Statement::issue(issuer, TENANT, StatementKind::Revocation, subject, T0 + 500).unwrap()
    };
    let good = revoke(Issuer::Device(&t.supervisor), &me);
    assert_eq!(
        verify_revocation_of(&me, &good, TENANT, &t.root.public(), &t.certs, &[]),
        Ok(())
    );
    assert_eq!(
        verify_revocation_of(
            &me,
            &revoke(Issuer::Root(&t.root), &me),
            TENANT,
            &t.root.public(),
            &t.certs,
            &[]
        ),
        Ok(())
    );
    // Of another device.
    let colleague = t.device("laptop-azc-2");
    assert_eq!(
        verify_revocation_of(
            &me,
            &revoke(Issuer::Device(&t.supervisor), &colleague.public()),
            TENANT,
            &t.root.public(),
            &t.certs,
            &[]
        ),
        Err(SealError::NotTheSubject)
    );
    // By a key the server made up, by a counsellor, by another tenant's root.
    let server_key = t.device("server");
    let other_root = TenantRootKey::generate(&mut t.rng);
    for (issuer, expected) in [
        (Issuer::Device(&server_key), SealError::UnknownIssuer),
        (
            Issuer::Device(&t.counsellor),
            SealError::IssuerNotAuthorised,
        ),
        (Issuer::Root(&other_root), SealError::UnknownIssuer),
    ] {
        assert_eq!(
            verify_revocation_of(
                &me,
                &revoke(issuer, &me),
                TENANT,
                &t.root.public(),
                &t.certs,
                &[]
            ),
            Err(expected)
        );
    }
    // Bits flipped in the signature.
    let mut v: serde_json::Value = serde_json::from_slice(&good.to_json()).unwrap();
    common::flip_bit(&mut v, "/signature");
    let forged = Statement::from_json(&serde_json::to_vec(&v).unwrap()).unwrap();
    assert_eq!(
        verify_revocation_of(&me, &forged, TENANT, &t.root.public(), &t.certs, &[]),
        Err(SealError::BadSignature)
    );
    // By a supervisor revoked before it signed.
    let revoke_supervisor = Statement::issue(
        Issuer::Root(&t.root),
        TENANT,
        StatementKind::Revocation,
        &t.supervisor.public(),
        T0 + 400,
    )
    .unwrap();
    assert_eq!(
        verify_revocation_of(
            &me,
            &good,
            TENANT,
            &t.root.public(),
            &t.certs,
            &[revoke_supervisor]
        ),
        Err(SealError::IssuerRevoked)
    );
    // A role change is not a revocation.
    let role = Statement::issue(
        Issuer::Root(&t.root),
        TENANT,
        StatementKind::RoleChange(DeviceRole::Counsellor),
        &me,
        T0 + 500,
    )
    .unwrap();
    assert!(verify_revocation_of(&me, &role, TENANT, &t.root.public(), &t.certs, &[]).is_err());
}

#[test]
fn the_policy_is_accepted_from_an_allowed_signer_only_and_never_rolled_back() {
    let mut t = team(9);
    let admin = t.device("admin-key");
    t.certs.push(
        DeviceCertificate::issue(
            Issuer::Root(&t.root),
            TENANT,
            &admin.public(),
            DeviceRole::Administrator,
            T0 + 1,
        )
        .unwrap(),
    );
    let (dir, refused) = t.directory(&[]);
    assert!(refused.is_empty());
    let sign = |issuer: Issuer<'_>, tenant: &str, version: u64, content: &str| {
        let signed = SignedPolicy::sign(issuer, tenant, version, T0 + 100, content).unwrap();
        SignedPolicy::from_json(&signed.to_json()).unwrap()
    };
    let mut pin = PolicyPin::new(TENANT);
    let v2 = sign(Issuer::Device(&t.supervisor), TENANT, 2, "{\"v\":2}");
    let verified = pin.verify(&v2, &dir).unwrap();
    assert_eq!(verified.content(), "{\"v\":2}");
    pin.record(&verified);
    assert_eq!(pin.accepted_version(), Some(2));
    // The same document again is fine.
    assert!(pin.verify(&v2, &dir).is_ok());
    // An administrator and the root may sign too.
    assert!(pin
        .verify(&sign(Issuer::Device(&admin), TENANT, 3, "{\"v\":3}"), &dir)
        .is_ok());
    assert!(pin
        .verify(&sign(Issuer::Root(&t.root), TENANT, 3, "{\"v\":3}"), &dir)
        .is_ok());
    // Refused: a counsellor, an invented key, another tenant, an old version, a different
    // document under the accepted version, altered content.
    let invented = t.device("server");
    assert_eq!(
        pin.verify(&sign(Issuer::Device(&t.counsellor), TENANT, 3, "{}"), &dir),
        Err(SealError::IssuerNotAuthorised)
    );
    assert_eq!(
        pin.verify(&sign(Issuer::Device(&invented), TENANT, 3, "{}"), &dir),
        Err(SealError::UnknownIssuer)
    );
    assert!(matches!(
        pin.verify(
            &sign(Issuer::Root(&t.root), "gemeente-zwolle", 3, "{}"),
            &dir
        ),
        Err(SealError::TenantMismatch { .. })
    ));
    assert_eq!(
        pin.verify(&sign(Issuer::Root(&t.root), TENANT, 1, "{\"v\":1}"), &dir),
        Err(SealError::PolicyRollback {
            offered: 1,
            accepted: 2
        })
    );
    assert_eq!(
        pin.verify(
            &sign(Issuer::Root(&t.root), TENANT, 2, "{\"v\":\"2b\"}"),
            &dir
        ),
        Err(SealError::PolicyConflict(2))
    );
    let mut v: serde_json::Value = serde_json::from_slice(&v2.to_json()).unwrap();
    v["content"] = "{\"v\":9}".into();
    v["version"] = 9.into();
    let altered = SignedPolicy::from_json(&serde_json::to_vec(&v).unwrap()).unwrap();
    assert_eq!(pin.verify(&altered, &dir), Err(SealError::BadSignature));
    // Unsigned: no signature field at all.
    v.as_object_mut().unwrap().remove("signature");
    assert!(matches!(
        SignedPolicy::from_json(&serde_json::to_vec(&v).unwrap()),
        Err(SealError::Malformed(_))
    ));
    // A revoked supervisor's policy, once the revocation is known.
    let mut dir = dir;
    dir.admit_statement(
        &Statement::issue(
            Issuer::Root(&t.root),
            TENANT,
            StatementKind::Revocation,
            &t.supervisor.public(),
            T0 + 50,
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(
        pin.verify(&sign(Issuer::Device(&t.supervisor), TENANT, 4, "{}"), &dir),
        Err(SealError::IssuerRevoked)
    );
}

#[test]
fn the_fingerprint_must_be_typed_right() {
    let mut t = team(10);
    let grant = RecipientKeyPair::generate(&mut t.rng);
    let device = t.counsellor.public().key_id();
    let shown = device_fingerprint(&device, grant.key_id());
    assert_eq!(shown.len(), 17);
    assert_eq!(
        confirm_fingerprint(&format!(" {shown} "), &device, grant.key_id()),
        Ok(())
    );
    let mut wrong = shown.clone();
    wrong.replace_range(0..1, if shown.starts_with('A') { "B" } else { "A" });
    assert_eq!(
        confirm_fingerprint(&wrong, &device, grant.key_id()),
        Err(SealError::FingerprintMismatch)
    );
    assert_eq!(
        confirm_fingerprint("", &device, grant.key_id()),
        Err(SealError::FingerprintMismatch)
    );
}

#[test]
fn stanzas_must_be_the_audiences_keys_in_the_recipient_list() {
    let mut t = common::Tenant::new(11);
    let team_env = t.seal(Audience::Team, b"{}");
    let sealed_env = t.seal(common::sealed_for_ggd(), b"{}");
    assert_eq!(team_env.check_recipients(&t.list), Ok(()));
    assert_eq!(sealed_env.check_recipients(&t.list), Ok(()));

    // A hostile colleague seals "for the GGD" but wraps for the team key: it signs with its
    // own certified key, so the signature is good; the stanza check refuses it.
    let fake_root = TenantRootKey::generate(&mut t.rng);
    let other_team = RecipientKeyPair::generate(&mut t.rng);
    let mut list = common::list(1, &other_team, &[], &t.recovery, &t.ggd);
    list.sealing.insert("ggd".into(), t.team.public().clone());
    let fake = RecipientListPin::new(common::TENANT, fake_root.public())
        .accept(&list.sign(&fake_root).unwrap())
        .unwrap();
    let leaky = Sealer::new(&fake, common::sealed_for_ggd(), &t.colleague)
        .unwrap()
        .seal(&mut t.rng, &common::revision(b"{}"))
        .unwrap();
    leaky.verify_signature(&t.colleague.public()).unwrap();
    assert_eq!(
        leaky.check_recipients(&t.list),
        Err(SealError::RecipientsMismatch)
    );
    // And a "team" envelope wrapped for a team key that is not the list's.
    let stray = Sealer::new(&fake, Audience::Team, &t.colleague)
        .unwrap()
        .seal(&mut t.rng, &common::revision(b"{}"))
        .unwrap();
    assert_eq!(
        stray.check_recipients(&t.list),
        Err(SealError::RecipientsMismatch)
    );
}
