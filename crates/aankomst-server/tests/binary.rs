//! The real `aankomst-server` binary: admin CLI, then `serve` on a loopback port with TLS (its
//! generated self-signed certificate), driven by a real HTTPS client.

mod common;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use aankomst_seal::{DeviceKey, Envelope, Receipt, ServerPublicKey};
use aankomst_server::protocol::{PullResponse, PushResponse, RequestSigner, ServerInfo};
use common::*;

const BIN: &str = env!("CARGO_BIN_EXE_aankomst-server");

/// `--storage` for every invocation: `sqlite` or a PostgreSQL URL.
fn admin(data: &Path, storage: &str, args: &[&str]) -> String {
    let out = Command::new(BIN)
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

/// Kills the server when the test ends, however it ends.
struct Server {
    child: Child,
    addr: SocketAddr,
    cert_pem: Vec<u8>,
    fingerprint: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(data: &Path, storage: &str, config: &Path, log: &Path) -> Server {
    let mut child = Command::new(BIN)
        .arg("--data-dir")
        .arg(data)
        .args(["--storage", storage])
        .arg("--config")
        .arg(config)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("RUST_LOG", "debug")
        .stdout(Stdio::piped())
        .stderr(Stdio::from(std::fs::File::create(log).unwrap()))
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let (mut cert, mut fingerprint, mut addr) = (None, None, None);
    while addr.is_none() {
        let line = lines
            .next()
            .expect("server exited before listening")
            .unwrap();
        if let Some(p) = line.strip_prefix("certificate: ") {
            cert = Some(std::fs::read(p).unwrap());
        } else if let Some(f) = line.strip_prefix("certificate sha256 fingerprint: ") {
            fingerprint = Some(f.to_owned());
        } else if let Some(a) = line.strip_prefix("listening on https://") {
            addr = Some(a.parse().unwrap());
        }
    }
    Server {
        child,
        addr: addr.unwrap(),
        cert_pem: cert.unwrap(),
        fingerprint: fingerprint.unwrap(),
    }
}

struct Device {
    http: reqwest::Client,
    base: String,
    key: DeviceKey,
    signer: RequestSigner,
}

impl Device {
    fn new(server: &Server, tenant: &str, id: &str) -> Self {
        let http = reqwest::Client::builder()
            .use_rustls_tls()
            .add_root_certificate(reqwest::Certificate::from_pem(&server.cert_pem).unwrap())
            .resolve("localhost", server.addr)
            .build()
            .unwrap();
        let key = DeviceKey::generate(id, &mut aankomst_seal::system_rng()).unwrap();
        Device {
            http,
            base: format!("https://localhost:{}", server.addr.port()),
            signer: RequestSigner::new(&key, tenant),
            key,
        }
    }

    async fn send(&self, method: &str, pq: &str, body: Vec<u8>) -> (u16, serde_json::Value) {
        let auth = self.signer.sign(method, pq, &body);
        self.send_with(method, pq, body, &auth).await
    }

    async fn send_with(
        &self,
        method: &str,
        pq: &str,
        body: Vec<u8>,
        auth: &aankomst_server::protocol::RequestAuth,
    ) -> (u16, serde_json::Value) {
        let url = format!("{}{pq}", self.base);
        let mut req = match method {
            "GET" => self.http.get(url),
            _ => self.http.post(url).body(body),
        };
        for (name, value) in auth.headers() {
            req = req.header(name, value);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap();
        let value = serde_json::from_str(&text)
            .unwrap_or_else(|_| panic!("{method} {pq}: {status} with a non-JSON body {text:?}"));
        (status, value)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_serves_enrol_push_pull_over_tls_on_sqlite() {
    round_trip("sqlite").await;
}

/// A fresh database in the test cluster for one test; its URL.
fn fresh_postgres_database(url: &str) -> String {
    let name = format!(
        "aankomst_bin_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
            % 1_000_000_000
    );
    let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    let base = &url[..url.rfind('/').unwrap()];
    format!("{base}/{name}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_serves_enrol_push_pull_over_tls_on_postgres() {
    let Ok(url) = std::env::var("AANKOMST_TEST_POSTGRES_URL") else {
        eprintln!(
            "skipped on PostgreSQL: set AANKOMST_TEST_POSTGRES_URL to a postgres:// URL to run it"
        );
        return;
    };
    let db = tokio::task::spawn_blocking(move || fresh_postgres_database(&url))
        .await
        .unwrap();
    round_trip(&db).await;
}

async fn round_trip(storage: &str) {
    let sqlite = storage == "sqlite";
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let config = dir.path().join("server.toml");
    let log = dir.path().join("server.log");
    std::fs::write(
        &config,
        "storage = \"sqlite\"\n[limits]\nmax_body_bytes = 262144\nmax_batch = 50\n",
    )
    .unwrap();

    // The IT admin's steps.
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
            &format!("--root-public-key={}", tenant.root_b64()),
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
    let code = admin(
        &data,
        storage,
        &["enrol-code", &tenant.id, "--role", "counsellor"],
    );
    let code = code.trim().to_owned();

    let server = start(&data, storage, &config, &log);
    assert_eq!(server.fingerprint.len(), 32 * 3 - 1);

    // Unauthenticated server info: the receipt key to pin.
    let device = Device::new(&server, &tenant.id, "laptop-azc-1");
    let info: ServerInfo = device
        .http
        .get(format!("{}/v1/server", device.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let server_key = ServerPublicKey::from_base64url(&info.server_public_key).unwrap();

    // Enrol.
    let body =
        serde_json::to_vec(&serde_json::json!({"code": code, "device": device.key.public()}))
            .unwrap();
    let (status, enrolled) = device.send("POST", "/v1/enrol", body).await;
    assert_eq!(status, 200, "{enrolled}");
    assert_eq!(enrolled["device"]["role"], "counsellor");
    assert_eq!(enrolled["server_public_key"], info.server_public_key);
    let list = aankomst_seal::SignedRecipientList::from_json(
        enrolled["recipient_list"].to_string().as_bytes(),
    )
    .unwrap();
    assert_eq!(list, tenant.signed_list);

    // Not certified yet: the server takes no envelope from it.
    let envelopes = seal_revisions(&tenant, &device.key, 30, "bin");
    let (status, err) = device.send("POST", "/v1/push", push_body(&envelopes)).await;
    assert_eq!(
        (status, err["error"]["code"].as_str()),
        (403, Some("not_certified"))
    );
    // The root certifies it (as `aankomst-keys certify` does); the admin CLI adds it.
    let cert = aankomst_seal::DeviceCertificate::issue(
        aankomst_seal::Issuer::Root(&tenant.root),
        &tenant.id,
        &device.key.public(),
        aankomst_seal::DeviceRole::Counsellor,
        1_795_000_000_000,
    )
    .unwrap();
    let cert_file = dir.path().join("laptop.cert.json");
    std::fs::write(&cert_file, cert.to_json()).unwrap();
    admin(
        &data,
        storage,
        &[
            "devices",
            "add-certificate",
            &tenant.id,
            cert_file.to_str().unwrap(),
        ],
    );

    // Push twice (a retry), then pull in pages.
    let envelopes = seal_revisions(&tenant, &device.key, 30, "bin");
    let (status, pushed) = device.send("POST", "/v1/push", push_body(&envelopes)).await;
    assert_eq!(status, 200, "{pushed}");
    let pushed: PushResponse = serde_json::from_value(pushed).unwrap();
    let (_, again) = device.send("POST", "/v1/push", push_body(&envelopes)).await;
    let again: PushResponse = serde_json::from_value(again).unwrap();
    for (i, (a, b)) in pushed.receipts.iter().zip(&again.receipts).enumerate() {
        assert_eq!(a.get(), b.get());
        let r = Receipt::from_json(a.get().as_bytes()).unwrap();
        r.verify(&server_key).unwrap();
        assert_eq!(r.envelope_id(), envelopes[i].id());
        assert_eq!(r.server_sequence(), i as u64 + 1);
    }
    let mut cursor = 0;
    let mut pulled = Vec::new();
    loop {
        let (status, page) = device
            .send("GET", &format!("/v1/pull?after={cursor}&limit=7"), vec![])
            .await;
        assert_eq!(status, 200, "{page}");
        let page: PullResponse = serde_json::from_value(page).unwrap();
        for p in &page.envelopes {
            pulled.push(Envelope::from_json(p.envelope.get().as_bytes()).unwrap());
        }
        cursor = page.next_cursor;
        if page.done {
            break;
        }
    }
    assert_eq!(pulled, envelopes);
    assert_eq!(cursor, 31);

    // Typed refusals over HTTP: replay, oversized body, malformed JSON, unknown device.
    let body = push_body(&envelopes[..1]);
    let auth = device.signer.sign("POST", "/v1/push", &body);
    let (status, _) = device
        .send_with("POST", "/v1/push", body.clone(), &auth)
        .await;
    assert_eq!(status, 200);
    let (status, err) = device.send_with("POST", "/v1/push", body, &auth).await;
    assert_eq!(
        (status, err["error"]["code"].as_str()),
        (401, Some("replayed_request"))
    );
    let (status, err) = device.send("POST", "/v1/push", vec![b' '; 300_000]).await;
    assert_eq!(
        (status, err["error"]["code"].as_str()),
        (413, Some("body_too_large"))
    );
    let (status, err) = device
        .send("POST", "/v1/push", b"{\"envelopes\":".to_vec())
        .await;
    assert_eq!(
        (status, err["error"]["code"].as_str()),
        (400, Some("malformed"))
    );
    let stranger = Device::new(&server, &tenant.id, "stranger");
    let (status, err) = stranger.send("GET", "/v1/pull?after=0", vec![]).await;
    assert_eq!(
        (status, err["error"]["code"].as_str()),
        (401, Some("unknown_device"))
    );

    // Admin while serving: list, back up, revoke; the revoked device is refused.
    let listed = admin(&data, storage, &["devices", "list"]);
    assert!(listed.contains("laptop-azc-1") && listed.contains("active"));
    let backup = dir.path().join("backup.sqlite3");
    if sqlite {
        admin(&data, storage, &["backup", backup.to_str().unwrap()]);
        let copy = aankomst_server::SqliteStorage::open(&backup).unwrap();
        assert_eq!(
            aankomst_server::Storage::envelope_count(&copy, &tenant.id).unwrap(),
            31
        );
    }
    admin(
        &data,
        storage,
        &["devices", "revoke", &tenant.id, "laptop-azc-1"],
    );
    let (status, err) = device.send("GET", "/v1/pull?after=0", vec![]).await;
    assert_eq!(
        (status, err["error"]["code"].as_str()),
        (403, Some("revoked_device"))
    );

    drop(server);
    // No planted marker in anything the server wrote: database, WAL, backup, log.
    let mut files = vec![log.clone()];
    if sqlite {
        files.push(backup.clone());
    }
    for entry in std::fs::read_dir(&data).unwrap() {
        files.push(entry.unwrap().path());
    }
    if !sqlite {
        // The PostgreSQL tables, every row as text, and the envelope bodies as bytes.
        let url = storage.to_owned();
        let dump = dir.path().join("tables.dump");
        let dump_path = dump.clone();
        tokio::task::spawn_blocking(move || {
            let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
            let mut bytes = Vec::new();
            for table in [
                "tenants",
                "devices",
                "enrolment_codes",
                "envelopes",
                "request_nonces",
            ] {
                for row in client
                    .query(&format!("SELECT t::text FROM {table} t"), &[])
                    .unwrap()
                {
                    bytes.extend_from_slice(row.get::<_, String>(0).as_bytes());
                }
            }
            for row in client.query("SELECT body FROM envelopes", &[]).unwrap() {
                bytes.extend_from_slice(&row.get::<_, Vec<u8>>(0));
            }
            assert!(bytes.len() > 30 * 1000, "the envelopes are in PostgreSQL");
            std::fs::write(dump_path, bytes).unwrap();
        })
        .await
        .unwrap();
        files.push(dump);
    }
    let log_text = std::fs::read_to_string(&log).unwrap();
    assert!(log_text.contains("push"), "the server logged: {log_text}");
    for file in files {
        if file.is_dir() {
            continue;
        }
        let bytes = std::fs::read(&file).unwrap();
        for marker in MARKERS {
            assert!(!contains(&bytes, marker), "{marker} in {}", file.display());
        }
    }
}
