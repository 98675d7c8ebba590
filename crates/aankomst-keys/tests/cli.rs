//! The key tool as a municipality runs it, as real binaries: the ceremony, certifying the first
//! supervisor and a functional administrator with the root, signing the policy, and the checks
//! a laptop makes on what they produce (`aankomst-seal`'s directory and policy pin, the core
//! crate's policy reader).

use std::path::Path;
use std::process::{Command, Output};

use aankomst_core::policy::Policy;
use aankomst_seal::{
    DeviceCertificate, DeviceKey, DeviceRole, PolicyPin, RecipientKeyPair, SignedPolicy,
    SignedRecipientList, TenantRootPublicKey, TrustDirectory,
};

const TENANT: &str = "gemeente-zwolle";

fn keys(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aankomst-keys"))
        .args(args)
        .output()
        .expect("aankomst-keys runs")
}

fn ok(args: &[&str]) -> String {
    let out = keys(args);
    assert!(
        out.status.success(),
        "aankomst-keys {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn refused(args: &[&str]) -> String {
    let out = keys(args);
    assert!(!out.status.success(), "aankomst-keys {args:?} should fail");
    String::from_utf8(out.stderr).unwrap()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

struct Tenant {
    dir: tempfile::TempDir,
    root: TenantRootPublicKey,
}

impl Tenant {
    fn new() -> Tenant {
        let dir = tempfile::tempdir().unwrap();
        let ggd = RecipientKeyPair::generate(&mut aankomst_seal::system_rng());
        let out = dir.path().join("ceremony");
        ok(&[
            "ceremony",
            "--tenant",
            TENANT,
            "--ggd-public-key",
            &ggd.public().to_base64url(),
            "--out",
            p(&out),
        ]);
        let root = TenantRootPublicKey::from_base64url(
            std::fs::read_to_string(out.join("root.pub"))
                .unwrap()
                .trim(),
        )
        .unwrap();
        Tenant { dir, root }
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    fn root_secret(&self) -> String {
        p(&self.path("ceremony/root.secret")).to_owned()
    }

    fn certify(&self, device_id: &str, public: &str, role: &str, out: &str) -> DeviceCertificate {
        ok(&[
            "certify",
            "--root-secret",
            &self.root_secret(),
            "--tenant",
            TENANT,
            "--device-id",
            device_id,
            "--device-public-key",
            public,
            "--role",
            role,
            "--out",
            p(&self.path(out)),
        ]);
        DeviceCertificate::from_json(&std::fs::read(self.path(out)).unwrap()).unwrap()
    }
}

#[test]
fn the_ceremony_certifies_the_first_supervisor_and_an_administrator_signs_the_policy() {
    let t = Tenant::new();
    // The ceremony's recipient list still verifies under the root it printed.
    let list =
        SignedRecipientList::from_json(&std::fs::read(t.path("ceremony/recipients.json")).unwrap())
            .unwrap();
    aankomst_seal::RecipientListPin::new(TENANT, t.root.clone())
        .accept(&list)
        .unwrap();

    // The first supervisor's device key, as its app shows it.
    let supervisor = DeviceKey::generate("desk-1", &mut aankomst_seal::system_rng()).unwrap();
    let supervisor_cert = t.certify(
        "desk-1",
        &supervisor.public().to_base64url(),
        "supervisor",
        "desk-1.cert.json",
    );
    assert_eq!(supervisor_cert.device_key(), &supervisor.public());

    // A functional administrator: a signing key of its own, certified by the root.
    let admin_dir = t.path("admin");
    let printed = ok(&["signer-keygen", "--id", "beheer-1", "--out", p(&admin_dir)]);
    let admin_pub = std::fs::read_to_string(admin_dir.join("signer.pub")).unwrap();
    assert!(printed.contains(admin_pub.trim()));
    let admin_cert = t.certify(
        "beheer-1",
        admin_pub.trim(),
        "administrator",
        "admin.cert.json",
    );

    let (directory, refusals) =
        TrustDirectory::build(TENANT, t.root.clone(), &[supervisor_cert, admin_cert], &[]);
    assert!(refusals.is_empty(), "{refusals:?}");
    assert!(directory.is_valid("desk-1", DeviceRole::Supervisor));
    assert!(directory.is_valid("beheer-1", DeviceRole::Administrator));

    // The default policy, edited, signed by the administrator.
    let policy_file = t.path("policy.json");
    ok(&["default-policy", "--out", p(&policy_file)]);
    let mut policy: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&policy_file).unwrap()).unwrap();
    policy["offline_lock_days"] = 14.into();
    std::fs::write(&policy_file, serde_json::to_vec_pretty(&policy).unwrap()).unwrap();
    let signed_file = t.path("policy.signed.json");
    ok(&[
        "sign-policy",
        "--key",
        p(&admin_dir.join("signer.secret")),
        "--cert",
        p(&t.path("admin.cert.json")),
        "--tenant",
        TENANT,
        "--version",
        "3",
        "--out",
        p(&signed_file),
        p(&policy_file),
    ]);

    // What a laptop does with it.
    let signed = SignedPolicy::from_json(&std::fs::read(&signed_file).unwrap()).unwrap();
    let mut pin = PolicyPin::new(TENANT);
    let verified = pin.verify(&signed, &directory).unwrap();
    let read = Policy::from_canonical_json(verified.content()).unwrap();
    assert_eq!(read.offline_lock_days, 14);
    assert_eq!(read.sealed_for("phq9"), Some("ggd"));
    pin.record(&verified);

    // The root may sign as well; a lower version is then a rollback for the laptop.
    let root_signed = t.path("policy.root.json");
    ok(&[
        "sign-policy",
        "--root-secret",
        &t.root_secret(),
        "--tenant",
        TENANT,
        "--version",
        "2",
        "--out",
        p(&root_signed),
        p(&policy_file),
    ]);
    let older = SignedPolicy::from_json(&std::fs::read(&root_signed).unwrap()).unwrap();
    assert!(matches!(
        pin.verify(&older, &directory),
        Err(aankomst_seal::SealError::PolicyRollback { .. })
    ));
}

#[test]
fn the_tool_refuses_what_a_laptop_would_refuse() {
    let t = Tenant::new();
    let counsellor = DeviceKey::generate("laptop-1", &mut aankomst_seal::system_rng()).unwrap();
    let counsellor_pub = counsellor.public().to_base64url();
    t.certify(
        "laptop-1",
        &counsellor_pub,
        "counsellor",
        "laptop.cert.json",
    );
    let secret_file = t.path("laptop.secret");
    std::fs::write(
        &secret_file,
        aankomst_keys::base64url(counsellor.secret_bytes().as_slice()),
    )
    .unwrap();
    let policy_file = t.path("policy.json");
    ok(&["default-policy", "--out", p(&policy_file)]);

    let sign = |key: &Path, cert: &str, policy: &Path, out: &str| {
        refused(&[
            "sign-policy",
            "--key",
            p(key),
            "--cert",
            p(&t.path(cert)),
            "--tenant",
            TENANT,
            "--version",
            "1",
            "--out",
            p(&t.path(out)),
            p(policy),
        ])
    };
    // A counsellor's certificate may not sign a policy.
    assert!(
        sign(&secret_file, "laptop.cert.json", &policy_file, "a.json").contains("may not sign")
    );

    // A key that is not the certificate's.
    let admin_dir = t.path("admin");
    ok(&["signer-keygen", "--id", "beheer-1", "--out", p(&admin_dir)]);
    let admin_pub = std::fs::read_to_string(admin_dir.join("signer.pub")).unwrap();
    t.certify(
        "beheer-1",
        admin_pub.trim(),
        "administrator",
        "admin.cert.json",
    );
    assert!(
        sign(&secret_file, "admin.cert.json", &policy_file, "b.json")
            .contains("not the key of the certificate")
    );

    // A policy with an unknown field, or one breaking a rule.
    let mut policy: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&policy_file).unwrap()).unwrap();
    policy["sealed_for_everyone"] = true.into();
    let odd = t.path("odd.json");
    std::fs::write(&odd, serde_json::to_vec(&policy).unwrap()).unwrap();
    sign(
        &admin_dir.join("signer.secret"),
        "admin.cert.json",
        &odd,
        "c.json",
    );
    let mut policy: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&policy_file).unwrap()).unwrap();
    policy["max_auto_lock_minutes"] = 600.into();
    let loose = t.path("loose.json");
    std::fs::write(&loose, serde_json::to_vec(&policy).unwrap()).unwrap();
    assert!(sign(
        &admin_dir.join("signer.secret"),
        "admin.cert.json",
        &loose,
        "d.json"
    )
    .contains("max_auto_lock_minutes"));
    for out in ["a.json", "b.json", "c.json", "d.json"] {
        assert!(!t.path(out).exists(), "{out} written despite the refusal");
    }

    // An unknown role, a key that is not a key, an existing output file.
    let certify = |role: &str, key: &str, out: &str| {
        refused(&[
            "certify",
            "--root-secret",
            &t.root_secret(),
            "--tenant",
            TENANT,
            "--device-id",
            "laptop-2",
            "--device-public-key",
            key,
            "--role",
            role,
            "--out",
            p(&t.path(out)),
        ])
    };
    certify("root", &counsellor_pub, "e.json");
    certify("counsellor", "not-a-key", "f.json");
    certify("counsellor", &counsellor_pub, "laptop.cert.json");

    // The existing commands still work: a rotation after the ceremony.
    ok(&[
        "rotate-team",
        "--root-secret",
        &t.root_secret(),
        "--current",
        p(&t.path("ceremony/recipients.json")),
        "--out",
        p(&t.path("rotated")),
    ]);
    assert!(t.path("rotated/recipients.json").exists());
}
