//! A team against the real binaries, shared by the tests that need one: the municipality's key
//! ceremony (`aankomst-keys`, with a GGD key from `aankomst-ggd`), the sync server
//! (`aankomst-server`: its admin CLI, then `serve` over TLS on a free port), and app profiles
//! enrolled with one-time codes and granted the team key. Include it beside `common` with
//! `mod common; mod team;`.
#![allow(dead_code)]

use super::common::*;
use aankomst_app::ipc::*;
use aankomst_app::sync_ipc::*;
use aankomst_app::AppService;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Once};

pub const TENANT: &str = "gemeente-zwolle";

/// The workspace binaries the tests drive, built once per test process.
pub fn binary(name: &str) -> PathBuf {
    static BUILD: Once = Once::new();
    BUILD.call_once(|| {
        // scripts/run-tests.sh builds the binaries once, before the tests, and says so.
        if std::env::var_os("AANKOMST_PREBUILT_BINARIES").is_some() {
            return;
        }
        // The same packages as every other build of the binaries (the sync tests, the
        // end-to-end step, scripts/run-app.sh), so cargo resolves the same features and
        // builds them once.
        let status = Command::new(env!("CARGO"))
            .args([
                "build",
                "-q",
                "-p",
                "aankomst",
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

/// Runs a binary to completion; its stdout.
pub fn run(name: &str, args: &[&str]) -> String {
    let out = Command::new(binary(name)).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A running `aankomst-server`, killed on drop.
pub struct Server {
    child: Child,
    pub data: PathBuf,
    pub url: String,
    pub cert: String,
    pub log: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// The admin CLI on this server's data directory.
    pub fn admin(&self, args: &[&str]) -> String {
        let mut all = vec!["--data-dir", self.data.to_str().unwrap()];
        all.extend_from_slice(args);
        run("aankomst-server", &all)
    }

    /// Creates the tenant with its root key and recipient list, then serves on a free port.
    pub fn start(dir: &Path, root_pub: &str, recipients: &Path) -> Server {
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

/// The ceremony's outputs and the running server, in one temporary directory.
pub struct Team {
    pub dir: tempfile::TempDir,
    /// The ceremony's output folder (root.pub, recipients.json, team.secret, …).
    pub keys: PathBuf,
    pub root_pub: String,
    /// The team key's secret as the ceremony wrote it (base64url).
    pub team_secret: String,
    pub ggd_secret: PathBuf,
    pub server: Server,
}

impl Team {
    /// A GGD key, the tenant's key ceremony, and the server started with its tenant.
    pub fn start() -> Team {
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
        let team_secret = std::fs::read_to_string(keys.join("team.secret")).unwrap();
        let server = Server::start(dir.path(), &root_pub, &keys.join("recipients.json"));
        Team {
            dir,
            keys,
            root_pub,
            team_secret,
            ggd_secret,
            server,
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A new app profile named `name`, its data in the folder `folder` of the team's directory.
    pub fn profile(&self, folder: &str, name: &str) -> AppService {
        let (svc, _host) = service(
            &self.path().join(folder),
            Arc::new(aankomst_store::MemoryKeychain::new()),
        );
        svc.create_profile(CreateProfileRequest {
            name: name.into(),
            passphrase: PASS.into(),
            demo: false,
        })
        .unwrap();
        svc
    }

    /// Enrols a profile with a code from the server's admin CLI.
    pub fn enrol(&self, svc: &AppService, role: &str) -> SyncStatus {
        let code = self.server.admin(&["enrol-code", TENANT, "--role", role]);
        let status = self
            .enrol_with_code(svc, code.trim())
            .expect("enrolment with a fresh code");
        // A supervisor is certified by the root at the ceremony; a counsellor by the
        // supervisor who grants it the team key.
        if role == "supervisor" {
            self.root_signs(&status, "certify", Some(role));
        }
        status
    }

    /// Enrols a profile with a given one-time code.
    pub fn enrol_with_code(
        &self,
        svc: &AppService,
        code: &str,
    ) -> Result<SyncStatus, aankomst_app::AppError> {
        svc.enrol_device(EnrolRequest {
            server_url: self.server.url.clone(),
            server_certificate: self.server.cert.clone(),
            tenant: TENANT.into(),
            tenant_root_key: self.root_pub.clone(),
            code: code.into(),
        })
    }

    /// The first supervisor: a profile, enrolled, certified by the root at the ceremony, and
    /// holding the team key from the ceremony.
    pub fn first_supervisor(&self, folder: &str, name: &str) -> AppService {
        let svc = self.profile(folder, name);
        self.enrol(&svc, "supervisor");
        assert!(svc.import_team_key(&self.team_secret).unwrap().has_team_key);
        svc
    }

    /// IT with the root key, for a device whose key the app shows: `aankomst-keys certify`
    /// (with `role`) or `aankomst-keys revoke`, then the server's `devices add-certificate`.
    pub fn root_signs(&self, status: &SyncStatus, what: &str, role: Option<&str>) {
        let device_id = status.device_id.as_deref().unwrap();
        let out = self.path().join(format!("{device_id}.{what}.json"));
        let key = format!(
            "--device-public-key={}",
            status.device_public_key.as_deref().unwrap()
        );
        let root_secret = self.keys.join("root.secret");
        let mut args = vec![
            what,
            "--root-secret",
            root_secret.to_str().unwrap(),
            "--tenant",
            TENANT,
            "--device-id",
            device_id,
            &key,
            "--out",
            out.to_str().unwrap(),
        ];
        if let Some(role) = role {
            args.extend(["--role", role]);
        }
        run("aankomst-keys", &args);
        self.server
            .admin(&["devices", "add-certificate", TENANT, out.to_str().unwrap()]);
    }

    /// A counsellor: a profile, enrolled, and granted the team key by `supervisor` after
    /// comparing fingerprints.
    pub fn counsellor(
        &self,
        supervisor: &AppService,
        folder: &str,
        name: &str,
    ) -> (AppService, SyncStatus) {
        let svc = self.profile(folder, name);
        let status = self.enrol(&svc, "counsellor");
        grant(supervisor, &status);
        (svc, status)
    }
}

/// `supervisor` grants the team key to the enrolled device of `status`, found among the
/// pending devices by its fingerprint.
pub fn grant(supervisor: &AppService, status: &SyncStatus) {
    let pending = supervisor.pending_devices().unwrap();
    let device = pending
        .iter()
        .find(|p| Some(&p.fingerprint) == status.fingerprint.as_ref())
        .expect("the new device is waiting for the team key");
    supervisor
        .grant_team_key(&device.device_id, status.fingerprint.as_deref().unwrap())
        .unwrap();
}

/// Every file under `dir`.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
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
