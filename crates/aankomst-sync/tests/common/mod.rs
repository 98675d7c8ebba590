//! The real world for sync tests: the `aankomst-server` binary on a loopback port with its
//! generated TLS certificate, a tenant set up through its admin CLI, and devices that are real
//! SQLCipher stores with a [`SyncEngine`] each.
#![allow(dead_code)]

pub mod proxy;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Once;

use aankomst_core::RecordKind;
use aankomst_seal::{RecipientKeyPair, RecipientList, SignedRecipientList, TeamKey, TenantRootKey};
use aankomst_store::{DbKey, Identity, Store};
use aankomst_sync::{Enrolment, ServerSettings, SyncEngine};

/// Plaintext markers planted in records; none may appear in server storage or logs.
pub const MARKERS: [&str; 3] = [
    "PLANTED-SYNC-Fatima-Yusuf",
    "PLANTED-SYNC-nachtmerries-sinds-de-reis",
    "PLANTED-SYNC-Asmara-1991",
];

/// The server binary, built once per test process (a no-op when it is up to date).
pub fn server_binary() -> PathBuf {
    static BUILD: Once = Once::new();
    BUILD.call_once(|| {
        let mut cmd = Command::new(env!("CARGO"));
        if cfg!(debug_assertions) {
            // scripts/run-tests.sh builds the binaries once, before the tests, and says so.
            if std::env::var_os("AANKOMST_PREBUILT_BINARIES").is_some() {
                return;
            }
            // The same packages as every other debug build of the binaries (the app's team
            // tests, the end-to-end step, scripts/run-app.sh), so cargo resolves the same
            // features and builds them once.
            cmd.args(["build", "-q", "-p", "aankomst", "-p", "aankomst-server"]);
            cmd.args(["-p", "aankomst-keys"]);
        } else {
            // The benchmark (release) measures a release server.
            cmd.args(["build", "-q", "--release", "-p", "aankomst-server"]);
        }
        let status = cmd.status().expect("cargo runs");
        assert!(status.success(), "building aankomst-server failed");
    });
    // target/<profile>/deps/<test> → target/<profile>/aankomst-server
    let exe = std::env::current_exe().unwrap();
    exe.parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("aankomst-server")
}

/// The storage backends to run a test on: SQLite always, PostgreSQL when
/// `AANKOMST_TEST_POSTGRES_URL` is set (a fresh database per call).
pub fn backends() -> Vec<String> {
    let mut out = vec!["sqlite".to_owned()];
    match std::env::var("AANKOMST_TEST_POSTGRES_URL") {
        Ok(url) => out.push(fresh_postgres_database(&url)),
        Err(_) => eprintln!(
            "PostgreSQL variant skipped: set AANKOMST_TEST_POSTGRES_URL (scripts/test-postgres.sh start)"
        ),
    }
    out
}

fn fresh_postgres_database(url: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "aankomst_sync_{}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    );
    let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    let base = &url[..url.rfind('/').unwrap()];
    format!("{base}/{name}")
}

/// A tenant's keys as its administrator holds them.
pub struct TenantKeys {
    pub id: String,
    pub root: TenantRootKey,
    pub team: RecipientKeyPair,
    pub recovery: RecipientKeyPair,
    pub ggd: RecipientKeyPair,
    pub signed_list: SignedRecipientList,
}

impl TenantKeys {
    pub fn new(id: &str) -> Self {
        let mut rng = aankomst_seal::system_rng();
        let root = TenantRootKey::generate(&mut rng);
        let team = RecipientKeyPair::generate(&mut rng);
        let recovery = RecipientKeyPair::generate(&mut rng);
        let ggd = RecipientKeyPair::generate(&mut rng);
        let signed_list = list_signed_by(id, 1, &root, &team, &recovery, &ggd);
        TenantKeys {
            id: id.into(),
            root,
            team,
            recovery,
            ggd,
            signed_list,
        }
    }
}

pub fn list_signed_by(
    tenant: &str,
    generation: u64,
    root: &TenantRootKey,
    team: &RecipientKeyPair,
    recovery: &RecipientKeyPair,
    ggd: &RecipientKeyPair,
) -> SignedRecipientList {
    let mut sealing = BTreeMap::new();
    sealing.insert("ggd".to_owned(), ggd.public().clone());
    RecipientList {
        tenant: tenant.into(),
        generation,
        team: TeamKey {
            generation: 1,
            key: team.public().clone(),
        },
        previous_team: vec![],
        recovery: recovery.public().clone(),
        sealing,
    }
    .sign(root)
    .unwrap()
}

/// A running server; killed when dropped.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    pub cert_pem: String,
    pub data: PathBuf,
    pub storage: String,
    pub log: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Runs an admin command against this server's storage; its standard output.
    pub fn admin(&self, args: &[&str]) -> String {
        admin(&self.data, &self.storage, args)
    }

    pub fn settings(&self) -> ServerSettings {
        ServerSettings {
            url: format!("https://127.0.0.1:{}", self.addr.port()),
            ca_pem: self.cert_pem.clone(),
        }
    }
}

pub fn admin(data: &Path, storage: &str, args: &[&str]) -> String {
    let out = Command::new(server_binary())
        .arg("--data-dir")
        .arg(data)
        .args(["--storage", storage])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A tenant on a fresh server: created, its list registered, the server serving.
pub struct World {
    pub dir: tempfile::TempDir,
    pub tenant: TenantKeys,
    pub server: Server,
}

impl World {
    /// `limits_toml` goes under `[limits]` in the server's config.
    pub fn start(storage: &str, limits_toml: &str) -> World {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("server-data");
        let config = dir.path().join("server.toml");
        let log = dir.path().join("server.log");
        std::fs::write(
            &config,
            format!("[limits]\nrequests_per_minute = 100000\nburst = 10000\n{limits_toml}\n"),
        )
        .unwrap();
        let tenant = TenantKeys::new("gemeente-utrecht");
        admin(
            &data,
            storage,
            &[
                "tenant",
                "create",
                &tenant.id,
                "--name",
                "Gemeente Utrecht",
                // `=` form: a base64url key may start with `-`, which clap would take for a flag.
                &format!("--root-public-key={}", tenant.root.public().to_base64url()),
            ],
        );
        let list_file = dir.path().join("recipients.json");
        std::fs::write(&list_file, tenant.signed_list.to_json()).unwrap();
        admin(
            &data,
            storage,
            &[
                "tenant",
                "set-recipients",
                &tenant.id,
                list_file.to_str().unwrap(),
            ],
        );
        let mut child = Command::new(server_binary())
            .arg("--data-dir")
            .arg(&data)
            .args(["--storage", storage])
            .arg("--config")
            .arg(&config)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .env("RUST_LOG", "debug")
            .stdout(Stdio::piped())
            .stderr(Stdio::from(std::fs::File::create(&log).unwrap()))
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let (mut cert, mut addr) = (None, None);
        while addr.is_none() {
            let line = lines
                .next()
                .expect("server exited before listening")
                .unwrap();
            if let Some(p) = line.strip_prefix("certificate: ") {
                cert = Some(std::fs::read_to_string(p).unwrap());
            } else if let Some(a) = line.strip_prefix("listening on https://") {
                addr = Some(a.parse().unwrap());
            }
        }
        World {
            server: Server {
                child,
                addr: addr.unwrap(),
                cert_pem: cert.unwrap(),
                data,
                storage: storage.to_owned(),
                log,
            },
            tenant,
            dir,
        }
    }

    pub fn code(&self, role: &str) -> String {
        self.server
            .admin(&["enrol-code", &self.tenant.id, "--role", role])
            .trim()
            .to_owned()
    }

    /// A new device (a fresh encrypted store) enrolled with a fresh code.
    pub fn device(&self, id: &str, role: &str) -> Device {
        self.device_via(id, role, self.server.settings())
    }

    /// As [`World::device`], talking to the server at `settings` (e.g. through a proxy).
    pub fn device_via(&self, id: &str, role: &str, settings: ServerSettings) -> Device {
        let mut device = Device::create(self.dir.path(), id);
        let engine = SyncEngine::enrol(
            &mut device.store,
            &Enrolment {
                server: settings,
                tenant: self.tenant.id.clone(),
                tenant_root_public_key: self.tenant.root.public().to_base64url(),
                code: self.code(role),
            },
        )
        .unwrap();
        device.engine = Some(engine);
        self.certify(&device, role);
        device
    }

    /// As [`World::device`] without a certificate: enrolled, not yet certified by anyone.
    pub fn uncertified_device(&self, id: &str, role: &str) -> Device {
        let mut device = Device::create(self.dir.path(), id);
        let engine = SyncEngine::enrol(
            &mut device.store,
            &Enrolment {
                server: self.server.settings(),
                tenant: self.tenant.id.clone(),
                tenant_root_public_key: self.tenant.root.public().to_base64url(),
                code: self.code(role),
            },
        )
        .unwrap();
        device.engine = Some(engine);
        device
    }

    /// The key ceremony's step for a device (DESIGN §4.11): the tenant root certifies its
    /// enrolled key with `role` (as `aankomst-keys certify` does) and the server's admin CLI
    /// adds the certificate.
    pub fn certify(&self, device: &Device, role: &str) {
        let engine = device.engine.as_ref().unwrap();
        let key = engine.device_public_key(engine.device_id()).unwrap();
        let cert = aankomst_seal::DeviceCertificate::issue(
            aankomst_seal::Issuer::Root(&self.tenant.root),
            &self.tenant.id,
            &key,
            aankomst_seal::DeviceRole::parse(role).unwrap(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_millis() as u64,
        )
        .unwrap();
        let file = self
            .dir
            .path()
            .join(format!("{}.cert.json", engine.device_id()));
        std::fs::write(&file, cert.to_json()).unwrap();
        self.server.admin(&[
            "devices",
            "add-certificate",
            &self.tenant.id,
            file.to_str().unwrap(),
        ]);
    }

    /// A supervisor device holding the team key (imported from the key ceremony).
    pub fn supervisor(&self, id: &str) -> Device {
        let mut d = self.device(id, "supervisor");
        let secret = self.tenant.team.secret_bytes();
        d.engine
            .as_mut()
            .unwrap()
            .import_team_key(&mut d.store, &secret)
            .unwrap();
        d
    }

    /// Every file the server wrote (database, WAL, log) must be free of the markers.
    pub fn assert_server_holds_no_plaintext(&self) {
        let mut files = vec![self.server.log.clone()];
        for entry in std::fs::read_dir(&self.server.data).unwrap() {
            let p = entry.unwrap().path();
            if p.is_file() {
                files.push(p);
            }
        }
        for f in &files {
            let bytes = std::fs::read(f).unwrap();
            for m in MARKERS {
                assert!(
                    !contains(&bytes, m),
                    "marker {m} found in server file {}",
                    f.display()
                );
            }
        }
        if self.server.storage != "sqlite" {
            let mut client =
                postgres::Client::connect(&self.server.storage, postgres::NoTls).unwrap();
            for row in client.query("SELECT body FROM envelopes", &[]).unwrap() {
                let body: Vec<u8> = row.get(0);
                for m in MARKERS {
                    assert!(
                        !contains(&body, m),
                        "marker {m} in a PostgreSQL envelope row"
                    );
                }
            }
        }
    }

    /// A device's enrolled key, from the admin CLI's device list.
    pub fn device_key(&self, id: &str) -> aankomst_seal::DevicePublicKey {
        use base64::Engine as _;
        let list = self.server.admin(&["devices", "list"]);
        let line = list
            .lines()
            .find(|l| l.split('\t').nth(1) == Some(id))
            .expect("device listed");
        let key = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(line.split('\t').nth(4).unwrap())
            .unwrap();
        aankomst_seal::DevicePublicKey::from_bytes(id, &key.try_into().unwrap()).unwrap()
    }

    /// Envelopes the server holds for the tenant.
    pub fn server_envelope_count(&self) -> u64 {
        if self.server.storage == "sqlite" {
            let conn = rusqlite::Connection::open(self.server.data.join("aankomst-server.sqlite3"))
                .unwrap();
            conn.query_row("SELECT count(*) FROM envelopes", [], |r| r.get::<_, i64>(0))
                .unwrap() as u64
        } else {
            let mut client =
                postgres::Client::connect(&self.server.storage, postgres::NoTls).unwrap();
            client
                .query_one("SELECT count(*) FROM envelopes", &[])
                .unwrap()
                .get::<_, i64>(0) as u64
        }
    }

    /// Distinct record+revision ids the server holds (to find duplicates by content).
    pub fn server_envelope_ids(&self) -> Vec<Vec<u8>> {
        if self.server.storage == "sqlite" {
            let conn = rusqlite::Connection::open(self.server.data.join("aankomst-server.sqlite3"))
                .unwrap();
            let mut stmt = conn
                .prepare("SELECT body FROM envelopes ORDER BY seq")
                .unwrap();
            stmt.query_map([], |r| r.get::<_, Vec<u8>>(0))
                .unwrap()
                .map(|r| r.unwrap())
                .collect()
        } else {
            let mut client =
                postgres::Client::connect(&self.server.storage, postgres::NoTls).unwrap();
            client
                .query("SELECT body FROM envelopes ORDER BY seq", &[])
                .unwrap()
                .iter()
                .map(|r| r.get::<_, Vec<u8>>(0))
                .collect()
        }
    }
}

pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// One device: its encrypted store and its sync engine.
pub struct Device {
    pub path: PathBuf,
    pub store: Store,
    pub engine: Option<SyncEngine>,
}

impl Device {
    pub fn create(dir: &Path, id: &str) -> Device {
        let path = dir.join(format!("{id}.aankomst"));
        let store = Store::create(
            &path,
            &DbKey::random(),
            Identity {
                user: format!("user-of-{id}"),
                device: id.to_owned(),
            },
        )
        .unwrap();
        Device {
            path,
            store,
            engine: None,
        }
    }

    pub fn sync(&mut self) -> Result<aankomst_sync::SyncReport, aankomst_sync::SyncError> {
        self.engine
            .as_mut()
            .unwrap()
            .sync(&mut self.store, &mut |_| {})
    }

    /// Writes a client record with a planted marker; its id.
    pub fn write_client(&mut self, n: usize) -> uuid::Uuid {
        let mut fields = aankomst_core::Fields::new();
        fields.insert(
            "document_family_name".into(),
            serde_json::json!(format!("{} {n}", MARKERS[0])),
        );
        fields.insert("address".into(), serde_json::json!(MARKERS[1]));
        fields.insert("other_spellings".into(), serde_json::json!(MARKERS[2]));
        self.store
            .create_record(RecordKind::Client, fields)
            .unwrap()
            .record_id
    }
}

/// Every record's state (fields and conflicts), by record id: what "identical state" means.
pub fn state_of(store: &Store) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for kind in RecordKind::ALL {
        store
            .for_each_of_kind(kind, |id, state| {
                let mut heads = state.heads.clone();
                heads.sort();
                out.insert(
                    id.to_string(),
                    serde_json::to_string(&(&state.fields, &state.conflicts, heads)).unwrap(),
                );
            })
            .unwrap();
    }
    out
}
