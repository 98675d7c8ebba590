//! Sync as the app does it, against the real binaries: the municipality's key ceremony
//! (`aankomst-keys`), the server (`aankomst-server`, its admin CLI and TLS), two app profiles
//! (a supervisor and a counsellor), the GGD's reader (`aankomst-ggd`), and a revocation.

mod common;

use aankomst_app::ipc::*;
use aankomst_app::screening_ipc::*;
use aankomst_app::sync_ipc::*;
use aankomst_app::AppService;
use common::*;
use serde_json::json;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Once};

const TENANT: &str = "gemeente-zwolle";
const MARKER: &str = "PLANTED-APP-SYNC-Tesfay-Gebremedhin";

/// The workspace binaries the test drives, built once per test process.
fn binary(name: &str) -> PathBuf {
    static BUILD: Once = Once::new();
    BUILD.call_once(|| {
        let status = Command::new(env!("CARGO"))
            .args([
                "build",
                "-q",
                "-p",
                "aankomst-server",
                "-p",
                "aankomst-keys",
            ])
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the server and key tools failed");
    });
    let exe = std::env::current_exe().unwrap();
    exe.parent().unwrap().parent().unwrap().join(name)
}

fn run(name: &str, args: &[&str]) -> String {
    let out = Command::new(binary(name)).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

struct Server {
    child: Child,
    data: PathBuf,
    url: String,
    cert: String,
    log: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn admin(&self, args: &[&str]) -> String {
        let mut all = vec!["--data-dir", self.data.to_str().unwrap()];
        all.extend_from_slice(args);
        run("aankomst-server", &all)
    }

    fn start(dir: &Path, root_pub: &str, recipients: &Path) -> Server {
        let data = dir.join("server-data");
        let log = dir.join("server.log");
        let data_s = data.to_str().unwrap().to_owned();
        let admin = |args: &[&str]| {
            let mut all = vec!["--data-dir", data_s.as_str()];
            all.extend_from_slice(args);
            run("aankomst-server", &all)
        };
        admin(&[
            "tenant",
            "create",
            TENANT,
            "--name",
            "Gemeente Zwolle",
            "--root-public-key",
            root_pub,
        ]);
        admin(&[
            "tenant",
            "set-recipients",
            TENANT,
            recipients.to_str().unwrap(),
        ]);
        let mut child = Command::new(binary("aankomst-server"))
            .args(["--data-dir", &data_s, "serve", "--listen", "127.0.0.1:0"])
            .env("RUST_LOG", "debug")
            .stdout(Stdio::piped())
            .stderr(Stdio::from(std::fs::File::create(&log).unwrap()))
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let (mut cert, mut url) = (None, None);
        while url.is_none() {
            let line = lines.next().expect("the server exited").unwrap();
            if let Some(p) = line.strip_prefix("certificate: ") {
                cert = Some(std::fs::read_to_string(p).unwrap());
            } else if let Some(a) = line.strip_prefix("listening on ") {
                url = Some(a.to_owned());
            }
        }
        Server {
            child,
            data,
            url: url.unwrap(),
            cert: cert.unwrap(),
            log,
        }
    }
}

fn profile(dir: &Path, name: &str) -> AppService {
    let (svc, _host) = service(dir, Arc::new(aankomst_store::MemoryKeychain::new()));
    svc.create_profile(CreateProfileRequest {
        name: name.into(),
        passphrase: PASS.into(),
        demo: false,
    })
    .unwrap();
    svc
}

fn enrol(svc: &AppService, server: &Server, root_pub: &str, role: &str) -> SyncStatus {
    let code = server.admin(&["enrol-code", TENANT, "--role", role]);
    svc.enrol_device(EnrolRequest {
        server_url: server.url.clone(),
        server_certificate: server.cert.clone(),
        tenant: TENANT.into(),
        tenant_root_key: root_pub.into(),
        code: code.trim().into(),
    })
    .unwrap()
}

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
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("ceremony");
    let ggd_secret = dir.path().join("ggd.secret");
    let ggd_pub = run(
        "aankomst-ggd",
        &["keygen", "--out", ggd_secret.to_str().unwrap()],
    );
    run(
        "aankomst-keys",
        &[
            "ceremony",
            "--tenant",
            TENANT,
            "--ggd-public-key",
            ggd_pub.trim(),
            "--out",
            keys.to_str().unwrap(),
        ],
    );
    let root_pub = std::fs::read_to_string(keys.join("root.pub")).unwrap();
    let server = Server::start(dir.path(), &root_pub, &keys.join("recipients.json"));

    // The first supervisor enrols and enters the team key from the ceremony.
    let supervisor = profile(&dir.path().join("supervisor"), "Marieke Supervisor");
    let status = enrol(&supervisor, &server, &root_pub, "supervisor");
    assert!(status.enrolled && !status.has_team_key);
    assert_eq!(
        supervisor.import_team_key("not a key").unwrap_err().key,
        "sync_team_key_invalid"
    );
    let team = std::fs::read_to_string(keys.join("team.secret")).unwrap();
    assert!(supervisor.import_team_key(&team).unwrap().has_team_key);

    // A counsellor's laptop enrols and waits until the supervisor grants it the team key.
    let counsellor = profile(&dir.path().join("counsellor"), "Fatima de Vries");
    let status = enrol(&counsellor, &server, &root_pub, "counsellor");
    assert!(!status.has_team_key);
    let pending = supervisor.pending_devices().unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(Some(pending[0].fingerprint.clone()), status.fingerprint);
    supervisor.grant_team_key(&pending[0].device_id).unwrap();

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
        .any(|l| l.record_kind == "audit" && l.outcome == "audit_verified"));

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

    // IT revokes the counsellor's laptop: at its next contact it destroys its data.
    let device = status.device_id.unwrap();
    server.admin(&["devices", "revoke", TENANT, &device]);
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

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}
