//! Sync as the app does it, against the real binaries: the municipality's key ceremony
//! (`aankomst-keys`), the server (`aankomst-server`, its admin CLI and TLS), two app profiles
//! (a supervisor and a counsellor), the GGD's reader (`aankomst-ggd`), and a revocation.

mod common;
mod team;

use aankomst_app::audit::AuditSearchRequest;
use aankomst_app::ipc::*;
use aankomst_app::screening_ipc::*;
use aankomst_app::AppService;
use aankomst_core::audit::AuditAction;
use common::*;
use serde_json::json;
use std::path::PathBuf;
use std::process::Command;
use team::*;

const MARKER: &str = "PLANTED-APP-SYNC-Tesfay-Gebremedhin";

/// Completes a sealed K10 on the client view, every item answered "sometimes" (3).
fn sealed_k10(svc: &AppService, conversation: &str) -> String {
    let view = svc
        .start_administration(StartAdministrationRequest {
            conversation_id: conversation.into(),
            definition_id: "k10-nl".into(),
            mode: "self_completed".into(),
            language: "nl".into(),
        })
        .unwrap();
    let mut step = svc.enter_client_view(&view.id).unwrap();
    while let Some(q) = step.question.clone() {
        step = svc
            .client_answer(ClientAnswerRequest {
                link_id: q.link_id.clone(),
                value: Some(3),
                state: None,
            })
            .unwrap();
    }
    svc.client_finish().unwrap();
    svc.leave_client_view(PASS).unwrap();
    view.id
}

#[test]
fn a_team_syncs_through_the_server_the_ggd_reads_only_the_sealed_k10_and_a_revoked_laptop_wipes_itself(
) {
    let team_setup = Team::start();
    let (dir, server, root_pub) = (&team_setup.dir, &team_setup.server, &team_setup.root_pub);
    let ggd_secret = &team_setup.ggd_secret;

    // The first supervisor enrols and enters the team key from the ceremony.
    let supervisor = team_setup.profile("supervisor", "Marieke Supervisor");
    let status = team_setup.enrol(&supervisor, "supervisor");
    assert!(status.enrolled && !status.has_team_key);
    assert_eq!(
        supervisor.import_team_key("not a key").unwrap_err().key,
        "sync_team_key_invalid"
    );
    let team = team_setup.team_secret.clone();
    assert!(supervisor.import_team_key(&team).unwrap().has_team_key);

    // A counsellor's laptop enrols and waits until the supervisor grants it the team key.
    let counsellor = team_setup.profile("counsellor", "Fatima de Vries");
    let status = team_setup.enrol(&counsellor, "counsellor");
    assert!(!status.has_team_key);
    let pending = supervisor.pending_devices().unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(Some(pending[0].fingerprint.clone()), status.fingerprint);
    // The supervisor types the fingerprint the counsellor's laptop shows; a wrong one (its
    // own, say) is refused in Rust, whatever the page did, and the device keeps waiting.
    let own = supervisor.sync_status().unwrap().fingerprint.unwrap();
    assert_eq!(
        supervisor
            .grant_team_key(&pending[0].device_id, &own)
            .unwrap_err()
            .key,
        "fingerprint_mismatch"
    );
    assert_eq!(supervisor.pending_devices().unwrap().len(), 1);
    let shown = status.fingerprint.clone().unwrap();
    supervisor
        .grant_team_key(&pending[0].device_id, &shown.to_uppercase())
        .unwrap();

    // The counsellor works offline: a client with a planted marker and a sealed K10.
    let client = new_client(&counsellor, json!({"preferred_name": MARKER}));
    let conversation = counsellor
        .create_conversation(CreateConversationRequest {
            case_id: client.cases[0].id.clone(),
        })
        .unwrap();
    let k10 = sealed_k10(&counsellor, &conversation.id);
    assert!(counsellor.sync_status().unwrap().unsynced > 0);
    let report = counsellor.sync_now().unwrap();
    assert!(report.pushed > 0);
    let status = counsellor.sync_status().unwrap();
    assert!(status.has_team_key);
    assert_eq!(status.unsynced, 0, "every revision holds a receipt");
    let ledger = counsellor.sync_ledger().unwrap();
    assert!(ledger.iter().any(|l| l.direction == "pushed"
        && l.outcome == "receipted"
        && l.record_kind == "administration"));

    // The supervisor pulls: the client arrives, the sealed K10 does not open.
    let report = supervisor.sync_now().unwrap();
    assert!(report.pulled > 0);
    assert!(report.sealed_for_others > 0);
    let list = supervisor
        .list_cases(CaseListRequest {
            text: MARKER.into(),
            limit: 50,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(list.rows.len(), 1);
    assert!(supervisor.get_administration(&k10).is_err());

    // The supervisor's dashboard covers the team: the counsellor's case under her name, and
    // both devices; the counsellor sees her own caseload only and cannot export the
    // monitoring CSV, the supervisor can (aggregates only: no marker in it).
    let dash = supervisor.team_dashboard().unwrap();
    assert_eq!(dash.role, "supervisor");
    assert!(dash.team);
    assert!(dash
        .dashboard
        .caseload
        .iter()
        .any(|r| r.counsellor == "Fatima de Vries" && r.open_cases == 1));
    let counsellor_device = status.device_id.clone().unwrap();
    assert!(dash
        .dashboard
        .devices
        .iter()
        .any(|d| d.device_id == counsellor_device && d.last_check_in.is_some()));
    let own = counsellor.team_dashboard().unwrap();
    assert_eq!(own.role, "counsellor");
    assert!(!own.team);
    assert_eq!(own.dashboard.caseload.len(), 1);
    assert!(own.dashboard.devices.is_empty());
    assert_eq!(
        counsellor.monitoring_export().unwrap_err().key,
        "supervisor_only"
    );
    let export = supervisor.monitoring_export().unwrap();
    assert!(!export
        .csv
        .windows(MARKER.len())
        .any(|w| w == MARKER.as_bytes()));

    // The audit trails travelled too: the server finds every device's chain whole, and the
    // supervisor checked the counsellor's entries against their links.
    let audit = server.admin(&["audit-check", TENANT]);
    let counsellor_device = status.device_id.clone().unwrap();
    assert!(
        audit.contains(&format!("{counsellor_device}\tintact\t")),
        "{audit}"
    );
    assert!(audit.lines().all(|l| l.contains("\tintact\t")), "{audit}");
    assert!(supervisor
        .sync_ledger()
        .unwrap()
        .iter()
        .any(|l| l.record_kind == "audit" && l.outcome == "audit_stored"));

    // The server holds no plaintext.
    for file in walk(&server.data).into_iter().chain([server.log.clone()]) {
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            !bytes.windows(MARKER.len()).any(|w| w == MARKER.as_bytes()),
            "{} holds the marker",
            file.display()
        );
    }

    // The GGD reads what was sealed for it, from the admin's export, and nothing else.
    let export = dir.path().join("export.json");
    server.admin(&["export-sealed", TENANT, export.to_str().unwrap()]);
    let opened = run(
        "aankomst-ggd",
        &[
            "open",
            "--key",
            ggd_secret.to_str().unwrap(),
            "--tenant-root",
            root_pub.trim(),
            "--json",
            export.to_str().unwrap(),
        ],
    );
    let opened: serde_json::Value = serde_json::from_str(&opened).unwrap();
    let admins = opened["administrations"].as_array().unwrap();
    assert_eq!(admins.len(), 1, "{opened:#}");
    assert_eq!(admins[0]["administration_id"], k10.as_str());
    assert_eq!(admins[0]["definition_id"], "k10-nl");
    // Ten items answered 3 ("sometimes"): total 30.
    assert_eq!(admins[0]["total"], "30");
    assert_eq!(admins[0]["answers"].as_object().unwrap().len(), 10);
    assert!(
        !opened.to_string().contains(MARKER),
        "the GGD sees the K10, not the file"
    );
    // The team key is not the GGD's: the reader refuses the export with it.
    let team_as_key = dir.path().join("team-as-ggd.secret");
    std::fs::write(&team_as_key, &team).unwrap();
    let refused = Command::new(binary("aankomst-ggd"))
        .args([
            "open",
            "--key",
            team_as_key.to_str().unwrap(),
            "--tenant-root",
            root_pub.trim(),
            export.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not the list's sealing key"));

    // A block on the server alone (its admin CLI, or anyone editing its database) is no
    // revocation: the laptop is refused, says so, and keeps everything (behaviour changed
    // with device certificates, DESIGN §4.9).
    let device = status.device_id.clone().unwrap();
    server.admin(&["devices", "revoke", TENANT, &device]);
    assert_eq!(
        counsellor.sync_now().unwrap_err().key,
        "sync_revocation_unverified"
    );
    assert_eq!(counsellor.app_status().unwrap().profiles.len(), 1);
    // IT revokes the counsellor's laptop with the root key: at its next contact it destroys
    // its data.
    team_setup.root_signs(&status, "revoke", None);
    assert_eq!(counsellor.sync_now().unwrap_err().key, "sync_revoked");
    assert!(counsellor.app_status().unwrap().profiles.is_empty());
    let left: Vec<PathBuf> = walk(&dir.path().join("counsellor"))
        .into_iter()
        .filter(|p| p.extension().is_none_or(|e| e != "log"))
        .collect();
    assert!(
        left.iter()
            .all(|p| !p.to_string_lossy().contains("aankomst.db")),
        "{left:?}"
    );
}
#[test]
fn the_supervisor_finds_who_read_a_client_on_another_laptop_and_exports_it() {
    let team = Team::start();
    let supervisor = team.first_supervisor("supervisor", "Marieke Supervisor");
    let (counsellor, _) = team.counsellor(&supervisor, "counsellor", "Fatima de Vries");

    // The counsellor registers a client and opens the file again later: a read.
    let client = new_client(&counsellor, json!({"preferred_name": MARKER}));
    counsellor.get_client(&client.id).unwrap();
    let counsellor_user = counsellor.app_status().unwrap().session.unwrap().profile.id;
    let counsellor_device = counsellor.sync_status().unwrap().device_id.unwrap();
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .format("%Y-%m-%d")
        .to_string();
    let reads = AuditSearchRequest {
        client_id: client.id.clone(),
        from: Some(today.clone()),
        to: Some(today.clone()),
        actions: vec![AuditAction::Read],
    };
    // Only a supervisor's device searches the team's trail.
    assert_eq!(
        counsellor.audit_search(reads.clone()).unwrap_err().key,
        "audit_supervisor_only"
    );
    assert_eq!(
        counsellor.export_audit_csv(reads.clone()).unwrap_err().key,
        "audit_supervisor_only"
    );

    counsellor.sync_now().unwrap();
    let report = supervisor.sync_now().unwrap();
    assert!(report.pulled > 0);

    // "Who looked at this file?": the counsellor, on their laptop, today.
    let found = supervisor.audit_search(reads.clone()).unwrap();
    let theirs: Vec<_> = found
        .entries
        .iter()
        .filter(|e| e.device == counsellor_device)
        .collect();
    assert!(!theirs.is_empty(), "{found:?}");
    assert!(found.entries.iter().all(|e| e.action == AuditAction::Read));
    assert!(theirs.iter().all(|e| e.user == counsellor_user));
    assert!(theirs
        .iter()
        .any(|e| e.object == format!("client:{}", client.id)));
    let chain = found
        .chains
        .iter()
        .find(|c| c.device == counsellor_device)
        .expect("the counsellor's chain is held");
    assert!(!chain.own && chain.broken.is_none() && chain.conflicts == 0);
    assert!(chain.entries as usize >= theirs.len());
    // The registration was a write, not a read; a period before today finds nothing.
    let writes = supervisor
        .audit_search(AuditSearchRequest {
            actions: vec![AuditAction::Write],
            ..reads.clone()
        })
        .unwrap();
    assert!(writes
        .entries
        .iter()
        .any(|e| e.device == counsellor_device && e.action == AuditAction::Write));
    let before = supervisor
        .audit_search(AuditSearchRequest {
            from: Some("2020-01-01".into()),
            to: Some("2020-12-31".into()),
            ..reads.clone()
        })
        .unwrap();
    assert!(before.entries.is_empty());
    let reversed = supervisor
        .audit_search(AuditSearchRequest {
            from: Some(today.clone()),
            to: Some("2020-01-01".into()),
            ..reads.clone()
        })
        .unwrap_err();
    assert_eq!(reversed.key, "audit_period_reversed");

    // A second sync stores nothing twice.
    supervisor.sync_now().unwrap();
    let again = supervisor.audit_search(reads.clone()).unwrap();
    assert_eq!(again.entries, found.entries);

    // The export: CSV with the NEN 7513 fields, the counsellor's read in it, no client data,
    // and the export itself recorded on the supervisor's device.
    let all = AuditSearchRequest {
        actions: Vec::new(),
        ..reads.clone()
    };
    let csv = supervisor.export_audit_csv(all.clone()).unwrap();
    assert!(csv.file_name.ends_with(".csv"));
    let lines: Vec<&str> = csv.csv.lines().collect();
    assert!(lines[0].starts_with("\"time_utc\",\"user\",\"device\",\"client\",\"action\""));
    assert_eq!(lines.len(), csv.rows + 1);
    assert!(lines.iter().any(|l| l.contains(&counsellor_device)
        && l.contains(&counsellor_user)
        && l.contains("\"read\"")));
    assert!(lines
        .iter()
        .any(|l| l.contains("\"export\"") && l.contains("audit-export:")));
    assert!(!csv.csv.contains(MARKER));
    let exports = supervisor
        .audit_search(AuditSearchRequest {
            actions: vec![AuditAction::Export],
            ..reads.clone()
        })
        .unwrap();
    assert_eq!(exports.entries.len(), 1);
    assert!(exports.entries[0].object.starts_with("audit-export:"));
    assert!(found.chains.iter().any(|c| c.own));

    // The server log never saw the client.
    let log = std::fs::read_to_string(&team.server.log).unwrap();
    assert!(!log.contains(MARKER));
}

/// Whether the case list of `svc` finds a client by `text`.
fn finds(svc: &AppService, text: &str) -> bool {
    !svc.list_cases(CaseListRequest {
        text: text.into(),
        limit: 50,
        ..Default::default()
    })
    .unwrap()
    .rows
    .is_empty()
}

/// The team key secret from a ceremony or rotation folder.
fn team_key_file(folder: &std::path::Path) -> (String, aankomst_seal::RecipientKeyPair) {
    use base64::Engine as _;
    let text = std::fs::read_to_string(folder.join("team.secret")).unwrap();
    let bytes: [u8; 32] = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text.trim())
        .unwrap()
        .try_into()
        .unwrap();
    (
        text,
        aankomst_seal::RecipientKeyPair::from_secret_bytes(&bytes),
    )
}

/// A team rotates its key after revoking a laptop, through the real binaries: supervisor and
/// two counsellors sync; one counsellor's laptop is revoked; `aankomst-keys rotate-team` and
/// `aankomst-server tenant set-recipients` make a new team key; the remaining counsellor's
/// laptop asks for it at its next sync and is listed as pending again (the revoked one is
/// not), the supervisor grants it, and both keep syncing both ways, reading what was written
/// before and after the rotation. The revoked laptop is refused, the server holds no grant of
/// the new key for it, and an envelope sealed after the rotation does not open with the only
/// team key it ever held.
#[test]
fn after_revoking_a_laptop_the_team_rotates_its_key_and_keeps_syncing() {
    let team_setup = Team::start();
    let server = &team_setup.server;
    let supervisor = team_setup.first_supervisor("supervisor", "Marieke Supervisor");
    let (fatima, fatima_status) = team_setup.counsellor(&supervisor, "fatima", "Fatima de Vries");
    let (lost, lost_status) = team_setup.counsellor(&supervisor, "lost", "Joost Verloren");

    new_client(&fatima, json!({"preferred_name": "ROTATION-BEFORE-Amina"}));
    fatima.sync_now().unwrap();
    lost.sync_now().unwrap();
    supervisor.sync_now().unwrap();
    assert!(finds(&lost, "ROTATION-BEFORE-Amina"));
    assert!(finds(&supervisor, "ROTATION-BEFORE-Amina"));

    // Joost's laptop is lost: the supervisor revokes it, IT rotates the team key.
    let lost_device = lost_status.device_id.clone().unwrap();
    supervisor.revoke_device(&lost_device).unwrap();
    let rotation = team_setup.path().join("rotation-2");
    run(
        "aankomst-keys",
        &[
            "rotate-team",
            "--root-secret",
            team_setup.keys.join("root.secret").to_str().unwrap(),
            "--current",
            team_setup.keys.join("recipients.json").to_str().unwrap(),
            "--out",
            rotation.to_str().unwrap(),
        ],
    );
    server.admin(&[
        "tenant",
        "set-recipients",
        TENANT,
        rotation.join("recipients.json").to_str().unwrap(),
    ]);
    let (new_secret, new_team) = team_key_file(&rotation);
    let (_, old_team) = team_key_file(&team_setup.keys);

    // The supervisor takes the new list, then enters the new key.
    supervisor.sync_now().unwrap();
    assert!(!supervisor.sync_status().unwrap().has_team_key);
    assert!(
        supervisor
            .import_team_key(&new_secret)
            .unwrap()
            .has_team_key
    );

    // Fatima's laptop syncs: it lacks the new generation and asks for it; it still pushes.
    new_client(&fatima, json!({"preferred_name": "ROTATION-AFTER-Bilal"}));
    // Its pull stops at the first envelope under the new key (the supervisor's audit trail
    // went up sealed for it): it says it waits for the team key, and loses nothing.
    if let Err(e) = fatima.sync_now() {
        assert_eq!(e.key, "sync_team_key_missing");
    }
    assert!(!fatima.sync_status().unwrap().has_team_key);
    assert_eq!(fatima.sync_status().unwrap().unsynced, 0);
    // Pending again for the new generation: Fatima's laptop, never the revoked one.
    let pending = supervisor.pending_devices().unwrap();
    assert_eq!(pending.len(), 1, "{pending:?}");
    assert_eq!(
        Some(pending[0].fingerprint.clone()),
        fatima_status.fingerprint
    );
    grant(&supervisor, &fatima_status);
    assert!(supervisor.pending_devices().unwrap().is_empty());

    // Both ways, old and new: the supervisor reads what Fatima sealed under the new key, and
    // Fatima reads what the supervisor writes after the rotation and what was there before.
    supervisor.sync_now().unwrap();
    assert!(finds(&supervisor, "ROTATION-AFTER-Bilal"));
    new_client(
        &supervisor,
        json!({"preferred_name": "ROTATION-AFTER-Chayma"}),
    );
    supervisor.sync_now().unwrap();
    fatima.sync_now().unwrap();
    assert!(fatima.sync_status().unwrap().has_team_key);
    assert!(finds(&fatima, "ROTATION-AFTER-Chayma"));
    assert!(finds(&fatima, "ROTATION-BEFORE-Amina"));
    assert!(finds(&fatima, "ROTATION-AFTER-Bilal"));
    // A second round after the grant still works both ways.
    new_client(&fatima, json!({"preferred_name": "ROTATION-LATER-Daan"}));
    fatima.sync_now().unwrap();
    supervisor.sync_now().unwrap();
    assert!(finds(&supervisor, "ROTATION-LATER-Daan"));

    // The revoked laptop is refused (and wipes itself).
    assert_eq!(lost.sync_now().unwrap_err().key, "sync_revoked");

    // The server never held a grant of the new generation for it: only generation 1.
    let db = rusqlite::Connection::open(server.data.join("aankomst-server.sqlite3")).unwrap();
    let generations: Vec<i64> = db
        .prepare("SELECT generation FROM grants WHERE device_id = ?1 ORDER BY generation")
        .unwrap()
        .query_map([&lost_device], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(generations, [1]);
    let fatima_device = fatima_status.device_id.clone().unwrap();
    let fatima_generations: Vec<i64> = db
        .prepare("SELECT generation FROM grants WHERE device_id = ?1 ORDER BY generation")
        .unwrap()
        .query_map([&fatima_device], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert!(fatima_generations.contains(&2), "{fatima_generations:?}");

    // An envelope sealed after the rotation (Fatima's latest client) does not open with the
    // team key the revoked laptop held (generation 1, the only one it was granted); the new
    // key opens it.
    let (body, key): (Vec<u8>, Vec<u8>) = db
        .query_row(
            "SELECT e.body, d.public_key FROM envelopes e
             JOIN devices d ON d.tenant = e.tenant AND d.device_id = e.author_device
             WHERE e.author_device = ?1 ORDER BY e.seq DESC LIMIT 1",
            [&fatima_device],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let envelope = aankomst_seal::Envelope::from_json(&body).unwrap();
    let author =
        aankomst_seal::DevicePublicKey::from_bytes(&fatima_device, &key.try_into().unwrap())
            .unwrap();
    let mut with_old = aankomst_seal::Opener::new([&old_team]);
    assert!(matches!(
        with_old.open(&envelope, &author),
        Err(aankomst_seal::SealError::NotARecipient)
    ));
    let mut with_new = aankomst_seal::Opener::new([&new_team]);
    assert!(with_new.open(&envelope, &author).is_ok());
}

/// IT's way to publish a policy: `aankomst-keys default-policy`, edit, `sign-policy` with the
/// root secret of the ceremony, then `aankomst-server tenant set-policy`.
fn publish_root_signed_policy(
    team: &Team,
    version: u64,
    edit: impl FnOnce(&mut serde_json::Value),
) {
    let draft = team.path().join(format!("policy-{version}.json"));
    let signed = team.path().join(format!("policy-{version}.signed.json"));
    run(
        "aankomst-keys",
        &["default-policy", "--out", draft.to_str().unwrap()],
    );
    let mut policy: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&draft).unwrap()).unwrap();
    edit(&mut policy);
    std::fs::write(&draft, serde_json::to_vec_pretty(&policy).unwrap()).unwrap();
    run(
        "aankomst-keys",
        &[
            "sign-policy",
            "--root-secret",
            team.keys.join("root.secret").to_str().unwrap(),
            "--tenant",
            TENANT,
            "--version",
            &version.to_string(),
            "--out",
            signed.to_str().unwrap(),
            draft.to_str().unwrap(),
        ],
    );
    team.server
        .admin(&["tenant", "set-policy", TENANT, signed.to_str().unwrap()]);
}

#[test]
fn a_root_signed_policy_reaches_the_laptops_and_a_counsellor_cannot_loosen_it() {
    let team = Team::start();
    let supervisor = team.first_supervisor("supervisor", "Marieke Supervisor");
    let (counsellor, _) = team.counsellor(&supervisor, "counsellor", "Sanne Counsellor");
    // Before any policy: the built-in default, not editable on a counsellor's laptop.
    let before = counsellor.get_policy().unwrap();
    assert_eq!(before.source, None);
    assert!(!before.can_edit);
    assert!(supervisor.get_policy().unwrap().can_edit);

    publish_root_signed_policy(&team, 1, |p| {
        p["offline_lock_days"] = json!(10);
        p["max_auto_lock_minutes"] = json!(15);
        p["approved_packs"] = json!([]);
        p["terms"]["pip_weeks"] = json!(8);
        p["routes"]
            .as_array_mut()
            .unwrap()
            .push(json!({"code": "b1-mbo", "label": "B1-mbo-route", "legal_route": "b1"}));
        p["safety_contacts"] =
            json!([{"name": "GGD Zwolle crisisdienst", "phone": "038-000 0000", "note": ""}]);
    });
    for laptop in [&counsellor, &supervisor] {
        let report = laptop.sync_now().unwrap();
        assert_eq!(report.policy_accepted, Some(1));
        assert_eq!(report.policy_refused, None);
        let active = laptop.get_policy().unwrap();
        let source = active.source.expect("the signed policy is the active one");
        assert_eq!((source.version, source.signer.as_str()), (1, "root"));
        assert_eq!(active.policy.offline_lock_days, 10);
        assert_eq!(laptop.sync_status().unwrap().offline_lock_days, 10);
        assert_eq!(laptop.get_deadline_terms().unwrap().pip_weeks, 8);
        assert_eq!(
            laptop.get_screening_settings().unwrap().safety_contacts[0].name,
            "GGD Zwolle crisisdienst"
        );
    }

    // A counsellor cannot loosen (or change) a setting the policy fixes; each refusal is typed
    // and changes nothing.
    let fixed = |e: aankomst_app::AppError| {
        assert_eq!(e.key, "policy_fixed", "{e:?}");
        e.args["setting"].clone()
    };
    assert_eq!(
        fixed(counsellor.set_offline_lock_days(60).unwrap_err()),
        "offline_lock_days"
    );
    assert_eq!(
        counsellor
            .set_offline_lock_days(10)
            .unwrap()
            .offline_lock_days,
        10
    );
    let err = counsellor
        .save_settings(Settings {
            auto_lock_minutes: 30,
            language: "nl".into(),
        })
        .unwrap_err();
    assert_eq!(err.args["max"], "15");
    assert_eq!(fixed(err), "auto_lock_minutes");
    counsellor
        .save_settings(Settings {
            auto_lock_minutes: 10,
            language: "nl".into(),
        })
        .unwrap();
    let mut terms = counsellor.get_deadline_terms().unwrap();
    terms.pip_weeks = 12;
    assert_eq!(
        fixed(counsellor.save_deadline_terms(terms).unwrap_err()),
        "deadline_terms"
    );
    assert_eq!(counsellor.get_deadline_terms().unwrap().pip_weeks, 8);
    assert_eq!(
        fixed(counsellor.save_plan_routes(vec![]).unwrap_err()),
        "plan_routes"
    );
    assert_eq!(counsellor.get_plan_routes().unwrap().len(), 1);
    let mut screening = counsellor.get_screening_settings().unwrap();
    screening.sealed_instruments.retain(|id| id != "phq9");
    assert_eq!(
        fixed(counsellor.save_screening_settings(screening).unwrap_err()),
        "sealed_instruments"
    );
    // No pack is approved: installing one is refused before anything is kept.
    let pack = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/synthetic-pack.json"),
    )
    .unwrap();
    assert_eq!(
        counsellor.import_instrument_pack(&pack).unwrap_err().key,
        "policy_pack_not_approved"
    );

    // The supervisor edits the policy in the app: signed with its device key, whose
    // certificate chains to the root, and published; both laptops verify and take version 2.
    let mut edited = supervisor.get_policy().unwrap().policy;
    edited.offline_lock_days = 5;
    let mine = supervisor.publish_policy(edited).unwrap();
    assert_eq!(
        mine.source.unwrap().version,
        1,
        "nothing changes locally before a sync"
    );
    for laptop in [&counsellor, &supervisor] {
        let report = laptop.sync_now().unwrap();
        assert_eq!(report.policy_refused, None);
        assert_eq!(report.policy_accepted, Some(2));
        let source = laptop.get_policy().unwrap().source.unwrap();
        assert_eq!(source.version, 2);
        assert_ne!(source.signer, "root", "signed by the supervisor's device");
        assert_eq!(laptop.sync_status().unwrap().offline_lock_days, 5);
    }
    // A counsellor's laptop cannot publish at all.
    assert_eq!(
        counsellor
            .publish_policy(counsellor.get_policy().unwrap().policy)
            .unwrap_err()
            .key,
        "sync_not_supervisor"
    );
}
