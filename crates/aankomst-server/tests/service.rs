//! Service-level tests: the real service over SQLite in a temp dir, no HTTP.

mod common;

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use aankomst_seal::{DeviceKey, Envelope, Receipt, ServerKey};
use aankomst_server::protocol::{
    PullResponse, PushResponse, RequestAuth, RequestSigner, Role, SignedRequest,
};
use aankomst_server::service::Clock;
use aankomst_server::{
    Limits, PostgresStorage, Service, ServiceError, SqliteStorage, Storage, DATABASE_FILE,
};
use common::*;

const T0: u64 = 1_795_000_000_000;

/// Which storage backend a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Backend {
    Sqlite,
    Postgres,
}

const POSTGRES_ENV: &str = "AANKOMST_TEST_POSTGRES_URL";

fn unique_schema() -> String {
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!(
        "aankomst_test_{}_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000,
        N.fetch_add(1, Ordering::SeqCst)
    )
}

struct Fixture {
    dir: tempfile::TempDir,
    backend: Backend,
    schema: Option<String>,
    service: Service,
    storage: Arc<dyn Storage>,
    server_key: aankomst_seal::ServerPublicKey,
    now: Arc<AtomicU64>,
    tenant: TenantKeys,
}

fn fixture_with(backend: Backend, limits: Limits) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut schema = None;
    let storage: Arc<dyn Storage> = match backend {
        Backend::Sqlite => Arc::new(SqliteStorage::open(&dir.path().join(DATABASE_FILE)).unwrap()),
        Backend::Postgres => {
            let url = std::env::var(POSTGRES_ENV).unwrap();
            let name = unique_schema();
            let storage = PostgresStorage::connect_in_schema(&url, Some(&name)).unwrap();
            schema = Some(name);
            Arc::new(storage)
        }
    };
    let key = ServerKey::generate(&mut aankomst_seal::system_rng());
    let server_key = key.public();
    let now = Arc::new(AtomicU64::new(T0));
    let clock_now = now.clone();
    let clock: Clock = Arc::new(move || clock_now.load(Ordering::SeqCst));
    let service = Service::with_clock(storage.clone(), key, limits, clock);
    let tenant = TenantKeys::new("gemeente-utrecht");
    service
        .create_tenant(&tenant.id, "Gemeente Utrecht", &tenant.root_b64())
        .unwrap();
    service
        .set_recipient_list(&tenant.id, &tenant.signed_list.to_json())
        .unwrap();
    Fixture {
        dir,
        backend,
        schema,
        service,
        storage,
        server_key,
        now,
        tenant,
    }
}

fn fixture(backend: Backend) -> Fixture {
    fixture_with(backend, Limits::default())
}

struct Client {
    key: DeviceKey,
    signer: RequestSigner,
    nonce: u64,
}

impl Fixture {
    fn now(&self) -> u64 {
        self.now.load(Ordering::SeqCst)
    }

    fn client(&self, tenant: &str, device_id: &str) -> Client {
        let key = DeviceKey::generate(device_id, &mut aankomst_seal::system_rng()).unwrap();
        Client {
            signer: RequestSigner::new(&key, tenant),
            key,
            nonce: 0,
        }
    }

    fn enrol(&self, client: &mut Client, role: Role) -> Result<(), ServiceError> {
        let code = self
            .service
            .issue_enrolment_code(&self.tenant.id, role, 3_600_000)
            .unwrap();
        self.enrol_with_code(client, &code)
    }

    fn enrol_with_code(&self, client: &mut Client, code: &str) -> Result<(), ServiceError> {
        let body = serde_json::to_vec(&serde_json::json!({
            "code": code, "device": client.key.public()
        }))
        .unwrap();
        let auth = client.auth(self.now(), "POST", "/v1/enrol", &body);
        let enrolled = self.service.enrol(&req("POST", "/v1/enrol", auth, &body))?;
        self.certify(client, enrolled.device.role);
        Ok(())
    }

    /// Enrols without any certificate (what the server's own enrolment gives: nothing more).
    fn enrol_uncertified(&self, client: &mut Client, role: Role) {
        let code = self
            .service
            .issue_enrolment_code(&self.tenant.id, role, 3_600_000)
            .unwrap();
        let body = serde_json::to_vec(&serde_json::json!({
            "code": code, "device": client.key.public()
        }))
        .unwrap();
        let auth = client.auth(self.now(), "POST", "/v1/enrol", &body);
        self.service
            .enrol(&req("POST", "/v1/enrol", auth, &body))
            .unwrap();
    }

    /// `POST /v1/trust` from `client` with certificates and statements (their JSON).
    fn upload_trust(
        &self,
        client: &mut Client,
        certificates: &[Vec<u8>],
        statements: &[Vec<u8>],
    ) -> Result<(), ServiceError> {
        let text = |j: &Vec<u8>| String::from_utf8(j.clone()).unwrap();
        let body = format!(
            "{{\"certificates\":[{}],\"statements\":[{}]}}",
            certificates.iter().map(text).collect::<Vec<_>>().join(","),
            statements.iter().map(text).collect::<Vec<_>>().join(",")
        )
        .into_bytes();
        let auth = client.auth(self.now(), "POST", "/v1/trust", &body);
        self.service
            .upload_trust(&req("POST", "/v1/trust", auth, &body))
    }

    fn tenant_devices(&self, client: &mut Client) -> aankomst_server::protocol::DevicesResponse {
        let auth = client.auth(self.now(), "GET", "/v1/devices", b"");
        self.service
            .tenant_devices(&req("GET", "/v1/devices", auth, b""))
            .unwrap()
    }

    fn pending(
        &self,
        client: &mut Client,
    ) -> Result<aankomst_server::protocol::PendingGrantsResponse, ServiceError> {
        let auth = client.auth(self.now(), "GET", "/v1/grants/pending", b"");
        self.service
            .pending_grants(&req("GET", "/v1/grants/pending", auth, b""))
    }

    /// What the key ceremony (or a supervisor's app) does after enrolment: a certificate of
    /// the device's key with `role`, here issued by the tenant root and admitted by the server.
    fn certify(&self, client: &Client, role: Role) {
        let role = match role {
            Role::Supervisor => aankomst_seal::DeviceRole::Supervisor,
            Role::Counsellor => aankomst_seal::DeviceRole::Counsellor,
        };
        let cert = aankomst_seal::DeviceCertificate::issue(
            aankomst_seal::Issuer::Root(&self.tenant.root),
            &self.tenant.id,
            &client.key.public(),
            role,
            self.now(),
        )
        .unwrap();
        self.service
            .admit_trust(
                &self.tenant.id,
                &[String::from_utf8(cert.to_json()).unwrap()],
            )
            .unwrap();
    }

    fn push(&self, client: &mut Client, body: &[u8]) -> Result<PushResponse, ServiceError> {
        let auth = client.auth(self.now(), "POST", "/v1/push", body);
        self.service.push(&req("POST", "/v1/push", auth, body))
    }

    fn pull(
        &self,
        client: &mut Client,
        after: u64,
        limit: usize,
    ) -> Result<PullResponse, ServiceError> {
        let pq = format!("/v1/pull?after={after}&limit={limit}");
        let auth = client.auth(self.now(), "GET", &pq, b"");
        self.service
            .pull(&req("GET", &pq, auth, b""), after, Some(limit))
    }

    fn stored(&self) -> u64 {
        self.storage.envelope_count(&self.tenant.id).unwrap()
    }

    /// Everything the backend holds, as raw bytes: the SQLite files in the data directory, or
    /// every row of every table of the test's PostgreSQL schema as text.
    fn raw_storage(&self) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        match self.backend {
            Backend::Sqlite => {
                for entry in std::fs::read_dir(self.dir.path()).unwrap() {
                    let entry = entry.unwrap();
                    out.push((
                        entry.file_name().to_string_lossy().into_owned(),
                        std::fs::read(entry.path()).unwrap(),
                    ));
                }
            }
            Backend::Postgres => {
                let url = std::env::var(POSTGRES_ENV).unwrap();
                let mut client = ::postgres::Client::connect(&url, ::postgres::NoTls).unwrap();
                let schema = self.schema.as_deref().unwrap();
                for table in [
                    "tenants",
                    "devices",
                    "enrolment_codes",
                    "envelopes",
                    "request_nonces",
                ] {
                    let mut bytes = Vec::new();
                    // Text form of every row; bytea columns come out as hex, so also add
                    // their raw bytes by reading the envelope bodies directly.
                    for row in client
                        .query(&format!("SELECT t::text FROM {schema}.{table} t"), &[])
                        .unwrap()
                    {
                        bytes.extend_from_slice(row.get::<_, String>(0).as_bytes());
                    }
                    out.push((table.to_owned(), bytes));
                }
                let mut bodies = Vec::new();
                for row in client
                    .query(&format!("SELECT body FROM {schema}.envelopes"), &[])
                    .unwrap()
                {
                    bodies.extend_from_slice(&row.get::<_, Vec<u8>>(0));
                }
                out.push(("envelopes.body".to_owned(), bodies));
            }
        }
        out
    }
}

impl Client {
    fn auth(&mut self, now: u64, method: &str, pq: &str, body: &[u8]) -> RequestAuth {
        // Unique across every client of the test binary (two clients may share a device id).
        static NEXT: AtomicU64 = AtomicU64::new(1);
        self.nonce = NEXT.fetch_add(1, Ordering::SeqCst);
        let mut nonce = [7u8; 16];
        nonce[..8].copy_from_slice(&self.nonce.to_be_bytes());
        self.signer.sign_at(method, pq, body, now, &nonce)
    }
}

fn req<'a>(method: &'a str, pq: &'a str, auth: RequestAuth, body: &'a [u8]) -> SignedRequest<'a> {
    SignedRequest {
        method,
        path_and_query: pq,
        auth,
        body,
    }
}

fn receipts(f: &Fixture, resp: &PushResponse) -> Vec<Receipt> {
    resp.receipts
        .iter()
        .map(|r| {
            let receipt = Receipt::from_json(r.get().as_bytes()).unwrap();
            receipt.verify(&f.server_key).unwrap();
            receipt
        })
        .collect()
}

fn enrol_push_pull_round_trip_with_real_sealed_envelopes(b: Backend) {
    let f = fixture(b);
    let mut laptop = f.client(&f.tenant.id, "laptop-azc-1");
    f.enrol(&mut laptop, Role::Counsellor).unwrap();
    let mut supervisor = f.client(&f.tenant.id, "supervisor-1");
    f.enrol(&mut supervisor, Role::Supervisor).unwrap();

    let envelopes = seal_revisions(&f.tenant, &laptop.key, 5, "a");
    let resp = f.push(&mut laptop, &push_body(&envelopes)).unwrap();
    let receipts = receipts(&f, &resp);
    assert_eq!(receipts.len(), 6);
    for (i, (r, e)) in receipts.iter().zip(&envelopes).enumerate() {
        assert_eq!(r.envelope_id(), e.id());
        assert_eq!(r.tenant(), f.tenant.id);
        assert_eq!(r.server_sequence(), i as u64 + 1);
        assert_eq!(r.received_at_ms(), T0);
    }

    // The supervisor pulls in pages of 4 and opens what the team key opens.
    let mut cursor = 0;
    let mut pulled: Vec<Envelope> = Vec::new();
    loop {
        let page = f.pull(&mut supervisor, cursor, 4).unwrap();
        for p in &page.envelopes {
            assert_eq!(p.sequence, pulled.len() as u64 + 1);
            pulled.push(Envelope::from_json(p.envelope.get().as_bytes()).unwrap());
        }
        cursor = page.next_cursor;
        if page.done {
            break;
        }
    }
    assert_eq!(cursor, 6);
    assert_eq!(pulled, envelopes);
    for e in &pulled[..5] {
        let text = e.open(&f.tenant.team, &laptop.key.public()).unwrap();
        assert!(common::contains(text.as_bytes(), MARKERS[0]));
    }
    // The sealed K10 opens for the GGD, not with the team key.
    assert!(pulled[5]
        .open(&f.tenant.team, &laptop.key.public())
        .is_err());
    let k10 = pulled[5].open(&f.tenant.ggd, &laptop.key.public()).unwrap();
    assert!(common::contains(k10.as_bytes(), MARKERS[2]));

    // Nothing after the end.
    let empty = f.pull(&mut supervisor, 6, 10).unwrap();
    assert!(empty.envelopes.is_empty() && empty.done && empty.next_cursor == 6);
}

fn repushing_returns_the_original_receipts_and_stores_once(b: Backend) {
    let f = fixture(b);
    let mut laptop = f.client(&f.tenant.id, "laptop-1");
    f.enrol(&mut laptop, Role::Counsellor).unwrap();
    let envelopes = seal_revisions(&f.tenant, &laptop.key, 3, "b");
    let first = receipts(
        &f,
        &f.push(&mut laptop, &push_body(&envelopes[..2])).unwrap(),
    );

    f.now.fetch_add(60_000, Ordering::SeqCst);
    // A retry of the whole batch plus the rest: the first two keep their receipts.
    let second = receipts(&f, &f.push(&mut laptop, &push_body(&envelopes)).unwrap());
    assert_eq!(&second[..2], &first[..]);
    assert_eq!(second[2].server_sequence(), 3);
    assert_eq!(second[2].received_at_ms(), T0 + 60_000);
    // The same envelope twice in one batch is stored once too.
    let dup = vec![envelopes[0].clone(), envelopes[0].clone()];
    let third = receipts(&f, &f.push(&mut laptop, &push_body(&dup)).unwrap());
    assert_eq!(third[0], first[0]);
    assert_eq!(third[1], first[0]);
    assert_eq!(f.stored(), 4);
}

fn unknown_device_is_refused_and_nothing_stored(b: Backend) {
    let f = fixture(b);
    let mut stranger = f.client(&f.tenant.id, "stranger");
    let envelopes = seal_revisions(&f.tenant, &stranger.key, 1, "c");
    let err = f.push(&mut stranger, &push_body(&envelopes)).unwrap_err();
    assert_eq!(err.code(), "unknown_device");
    assert_eq!(f.stored(), 0);
}

fn revoked_device_is_refused_and_nothing_stored(b: Backend) {
    let f = fixture(b);
    let mut laptop = f.client(&f.tenant.id, "laptop-1");
    f.enrol(&mut laptop, Role::Counsellor).unwrap();
    f.service.revoke_device(&f.tenant.id, "laptop-1").unwrap();
    let envelopes = seal_revisions(&f.tenant, &laptop.key, 1, "d");
    let err = f.push(&mut laptop, &push_body(&envelopes)).unwrap_err();
    assert_eq!(err.code(), "revoked_device");
    assert_eq!(err.http_status(), 403);
    assert_eq!(
        f.pull(&mut laptop, 0, 10).unwrap_err().code(),
        "revoked_device"
    );
    assert_eq!(f.stored(), 0);
    assert_eq!(f.service.devices(None).unwrap()[0].status, "revoked");
}

fn replayed_request_is_refused_and_nothing_stored_twice(b: Backend) {
    let f = fixture(b);
    let mut laptop = f.client(&f.tenant.id, "laptop-1");
    f.enrol(&mut laptop, Role::Counsellor).unwrap();
    let body = push_body(&seal_revisions(&f.tenant, &laptop.key, 1, "e"));
    let auth = laptop.auth(f.now(), "POST", "/v1/push", &body);
    f.service
        .push(&req("POST", "/v1/push", auth.clone(), &body))
        .unwrap();
    let before = f.stored();
    let err = f
        .service
        .push(&req("POST", "/v1/push", auth.clone(), &body))
        .unwrap_err();
    assert_eq!(err.code(), "replayed_request");
    // Replayed later, after the window, it is stale.
    f.now.fetch_add(11 * 60_000, Ordering::SeqCst);
    let err = f
        .service
        .push(&req("POST", "/v1/push", auth, &body))
        .unwrap_err();
    assert_eq!(err.code(), "stale_request");
    assert_eq!(f.stored(), before);
}

fn a_device_pushing_for_another_tenant_is_refused(b: Backend) {
    let f = fixture(b);
    let other = TenantKeys::new("gemeente-zeist");
    f.service
        .create_tenant(&other.id, "Gemeente Zeist", &other.root_b64())
        .unwrap();
    let mut laptop = f.client(&f.tenant.id, "laptop-1");
    f.enrol(&mut laptop, Role::Counsellor).unwrap();

    // Envelopes sealed under Zeist's list, pushed by Utrecht's device.
    let foreign = seal_revisions(&other, &laptop.key, 2, "f");
    let err = f.push(&mut laptop, &push_body(&foreign)).unwrap_err();
    assert_eq!(err.code(), "wrong_tenant");
    assert_eq!(err.index(), Some(0));

    // The device signs a request naming Zeist: it is not enrolled there.
    let mut as_zeist = Client {
        signer: RequestSigner::new(&laptop.key, &other.id),
        key: DeviceKey::from_secret_bytes("laptop-1", &laptop.key.secret_bytes()).unwrap(),
        nonce: 100,
    };
    let err = f.push(&mut as_zeist, &push_body(&foreign)).unwrap_err();
    assert_eq!(err.code(), "unknown_device");
    assert_eq!(f.storage.envelope_count(&other.id).unwrap(), 0);
    assert_eq!(f.stored(), 0);
}

fn another_devices_envelope_or_a_tampered_one_is_refused(b: Backend) {
    let f = fixture(b);
    let mut a = f.client(&f.tenant.id, "laptop-a");
    let mut b = f.client(&f.tenant.id, "laptop-b");
    f.enrol(&mut a, Role::Counsellor).unwrap();
    f.enrol(&mut b, Role::Counsellor).unwrap();
    let by_b = seal_revisions(&f.tenant, &b.key, 1, "g");
    let err = f.push(&mut a, &push_body(&by_b)).unwrap_err();
    assert_eq!(err.code(), "author_mismatch");

    // An envelope naming laptop-a but signed by another key.
    let impostor = DeviceKey::generate("laptop-a", &mut aankomst_seal::system_rng()).unwrap();
    let forged = seal_revisions(&f.tenant, &impostor, 1, "h");
    let mut good = seal_revisions(&f.tenant, &a.key, 1, "i");
    good.push(forged[0].clone());
    let err = f.push(&mut a, &push_body(&good)).unwrap_err();
    assert_eq!(err.code(), "bad_signature");
    assert_eq!(err.index(), Some(2));
    // The whole batch is refused: the good envelopes before it are not stored either.
    assert_eq!(f.stored(), 0);
}

fn oversized_body_and_batch_are_refused(b: Backend) {
    let f = fixture_with(
        b,
        Limits {
            max_body_bytes: 8 * 1024,
            max_batch: 3,
            ..Limits::default()
        },
    );
    let mut laptop = f.client(&f.tenant.id, "laptop-1");
    f.enrol(&mut laptop, Role::Counsellor).unwrap();
    let big = vec![b' '; 9 * 1024];
    let err = f.push(&mut laptop, &big).unwrap_err();
    assert_eq!(err.code(), "body_too_large");
    assert_eq!(err.http_status(), 413);
    let four = seal_revisions(&f.tenant, &laptop.key, 3, "j");
    let err = f.push(&mut laptop, &push_body(&four)).unwrap_err();
    assert_eq!(err.code(), "batch_too_large");
    assert_eq!(f.stored(), 0);
}

fn malformed_json_is_refused_and_nothing_stored(b: Backend) {
    let f = fixture(b);
    let mut laptop = f.client(&f.tenant.id, "laptop-1");
    f.enrol(&mut laptop, Role::Counsellor).unwrap();
    let good = push_body(&seal_revisions(&f.tenant, &laptop.key, 1, "k"));
    let mut cases: Vec<Vec<u8>> = vec![
        b"{".to_vec(),
        b"not json".to_vec(),
        b"{\"envelopes\":{}}".to_vec(),
        b"{\"envelopes\":[],\"extra\":1}".to_vec(),
        b"{\"envelopes\":[{\"format\":\"aankomst-envelope/1\"}]}".to_vec(),
        b"{\"envelopes\":[{\"format\":\"aankomst-envelope/9\"}]}".to_vec(),
    ];
    // A good batch with one field of the envelope removed.
    cases.push(
        String::from_utf8(good.clone())
            .unwrap()
            .replacen("\"hlc\":", "\"hlc_\":", 1)
            .into_bytes(),
    );
    for body in cases {
        let err = f.push(&mut laptop, &body).unwrap_err();
        assert_eq!(
            err.code(),
            "malformed",
            "{}",
            String::from_utf8_lossy(&body)
        );
        assert_eq!(err.http_status(), 400);
    }
    assert_eq!(f.stored(), 0);
}

fn request_authentication_refusals(b: Backend) {
    let f = fixture(b);
    let mut laptop = f.client(&f.tenant.id, "laptop-1");
    f.enrol(&mut laptop, Role::Counsellor).unwrap();
    let body = push_body(&seal_revisions(&f.tenant, &laptop.key, 1, "l"));

    // Signed for another body / path / method.
    let auth = laptop.auth(f.now(), "POST", "/v1/push", b"{\"envelopes\":[]}");
    let err = f
        .service
        .push(&req("POST", "/v1/push", auth, &body))
        .unwrap_err();
    assert_eq!(err.code(), "bad_request_signature");
    let auth = laptop.auth(f.now(), "POST", "/v1/other", &body);
    let err = f
        .service
        .push(&req("POST", "/v1/push", auth, &body))
        .unwrap_err();
    assert_eq!(err.code(), "bad_request_signature");
    // Too far in the future.
    let auth = laptop.auth(f.now() + 6 * 60_000, "POST", "/v1/push", &body);
    let err = f
        .service
        .push(&req("POST", "/v1/push", auth, &body))
        .unwrap_err();
    assert_eq!(err.code(), "stale_request");
    // Missing headers.
    let err = aankomst_server::protocol::parse_auth(|_| None).unwrap_err();
    assert_eq!(err.code(), "unauthenticated");
    assert_eq!(f.stored(), 0);
}

fn rate_limit_per_device(b: Backend) {
    let f = fixture_with(
        b,
        Limits {
            requests_per_minute: 60,
            burst: 3,
            ..Limits::default()
        },
    );
    let mut a = f.client(&f.tenant.id, "laptop-a");
    let mut b = f.client(&f.tenant.id, "laptop-b");
    f.enrol(&mut a, Role::Counsellor).unwrap();
    f.enrol(&mut b, Role::Counsellor).unwrap();
    for _ in 0..3 {
        f.pull(&mut a, 0, 10).unwrap();
    }
    let err = f.pull(&mut a, 0, 10).unwrap_err();
    assert_eq!(err.code(), "rate_limited");
    assert_eq!(err.http_status(), 429);
    // Another device is not affected; a second later one token is back.
    f.pull(&mut b, 0, 10).unwrap();
    f.now.fetch_add(1_000, Ordering::SeqCst);
    f.pull(&mut a, 0, 10).unwrap();
}

fn enrolment_codes_are_one_time_expire_and_only_their_hash_is_stored(b: Backend) {
    let f = fixture(b);
    let code = f
        .service
        .issue_enrolment_code(&f.tenant.id, Role::Supervisor, 60_000)
        .unwrap();
    assert_eq!(code.len(), 24);
    let mut first = f.client(&f.tenant.id, "supervisor-1");
    // Codes are read without dashes and case.
    f.enrol_with_code(&mut first, &code.replace('-', "").to_lowercase())
        .unwrap();
    let mut second = f.client(&f.tenant.id, "supervisor-2");
    assert_eq!(
        f.enrol_with_code(&mut second, &code).unwrap_err().code(),
        "invalid_code"
    );
    // Expired.
    let late = f
        .service
        .issue_enrolment_code(&f.tenant.id, Role::Counsellor, 60_000)
        .unwrap();
    f.now.fetch_add(61_000, Ordering::SeqCst);
    assert_eq!(
        f.enrol_with_code(&mut second, &late).unwrap_err().code(),
        "invalid_code"
    );
    // A device id already taken.
    let mut dup = f.client(&f.tenant.id, "supervisor-1");
    assert_eq!(
        f.enrol(&mut dup, Role::Counsellor).unwrap_err().code(),
        "device_exists"
    );
    let devices = f.service.devices(Some(&f.tenant.id)).unwrap();
    assert_eq!(devices.len(), 1);
    assert_eq!(devices[0].role, Role::Supervisor);

    for (name, bytes) in f.raw_storage() {
        assert!(!contains(&bytes, &code), "code in {name}");
        assert!(!contains(&bytes, &code.replace('-', "")), "code in {name}");
    }
}

fn recipient_list_not_signed_by_the_tenant_root_is_refused(b: Backend) {
    let f = fixture(b);
    let impostor = TenantKeys::new(&f.tenant.id); // same tenant id, another root key
    let err = f
        .service
        .set_recipient_list(&f.tenant.id, &impostor.signed_list.to_json())
        .unwrap_err();
    assert_eq!(err.code(), "recipient_list_refused");
    let other = TenantKeys::new("gemeente-zeist");
    let err = f
        .service
        .set_recipient_list(&f.tenant.id, &other.signed_list.to_json())
        .unwrap_err();
    assert_eq!(err.code(), "recipient_list_refused");
    // The same list again is fine.
    f.service
        .set_recipient_list(&f.tenant.id, &f.tenant.signed_list.to_json())
        .unwrap();
}

fn concurrent_pushes_get_unique_gap_free_sequences(b: Backend) {
    let f = fixture(b);
    let mut clients: Vec<Client> = (0..6)
        .map(|i| f.client(&f.tenant.id, &format!("laptop-{i}")))
        .collect();
    for c in &mut clients {
        f.enrol(c, Role::Counsellor).unwrap();
    }
    let batches: Vec<Vec<Envelope>> = clients
        .iter()
        .map(|c| seal_revisions(&f.tenant, &c.key, 9, c.key.device_id()))
        .collect();
    std::thread::scope(|scope| {
        for (c, batch) in clients.iter_mut().zip(&batches) {
            let f = &f;
            scope.spawn(move || {
                // Each device pushes its batch in two halves, the second one twice (a retry).
                f.push(c, &push_body(&batch[..5])).unwrap();
                f.push(c, &push_body(&batch[5..])).unwrap();
                f.push(c, &push_body(&batch[5..])).unwrap();
            });
        }
    });
    let page = f.pull(&mut clients[0], 0, 1000).unwrap();
    let sequences: Vec<u64> = page.envelopes.iter().map(|p| p.sequence).collect();
    assert_eq!(sequences, (1..=60).collect::<Vec<u64>>());
    let mut ids: Vec<_> = page
        .envelopes
        .iter()
        .map(|p| {
            Envelope::from_json(p.envelope.get().as_bytes())
                .unwrap()
                .id()
        })
        .collect();
    ids.sort_by_key(|id| *id.as_bytes());
    ids.dedup();
    assert_eq!(ids.len(), 60);
}

/// A log sink the test can read back.
#[derive(Clone, Default)]
struct LogSink(Arc<Mutex<Vec<u8>>>);

impl Write for LogSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn log_sink() -> LogSink {
    static SINK: std::sync::OnceLock<LogSink> = std::sync::OnceLock::new();
    SINK.get_or_init(|| {
        let sink = LogSink::default();
        let writer = sink.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || writer.clone())
            .finish();
        // Global (not scoped): the other tests of this binary log into the sink as well, which
        // is fine, since no log line may hold a marker.
        tracing::subscriber::set_global_default(subscriber).unwrap();
        sink
    })
    .clone()
}

fn raw_storage_and_logs_hold_no_plaintext_markers(b: Backend) {
    let sink = log_sink();
    let f = fixture(b);
    let dir = f.dir.path().to_owned();
    {
        let mut laptop = f.client(&f.tenant.id, "laptop-1");
        f.enrol(&mut laptop, Role::Counsellor).unwrap();
        let envelopes = seal_revisions(&f.tenant, &laptop.key, 20, "m");
        f.push(&mut laptop, &push_body(&envelopes)).unwrap();
        f.push(&mut laptop, &push_body(&envelopes)).unwrap();
        f.pull(&mut laptop, 0, 100).unwrap();
        // A refusal is logged too.
        let _ = f.push(&mut laptop, b"{\"envelopes\":[");
        if b == Backend::Sqlite {
            f.storage.backup(&dir.join("backup.sqlite3")).unwrap();
        }
    }
    let log = sink.0.lock().unwrap().clone();
    assert!(contains(&log, "push"), "the log recorded the push");
    let mut files: Vec<(String, Vec<u8>)> = vec![("log".into(), log)];
    files.extend(f.raw_storage());
    if b == Backend::Sqlite {
        assert!(
            files.iter().any(|(n, _)| n.ends_with("-wal")),
            "a WAL file exists"
        );
    }
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    assert!(total > 20 * 1000, "the envelopes are in storage");
    for (name, bytes) in &files {
        for marker in MARKERS {
            assert!(!contains(bytes, marker), "{marker} found in {name}");
        }
    }
}

fn grant_request_body(
    tenant: &str,
    client: &Client,
    grant_key: &[u8; 32],
    sign_with: &DeviceKey,
) -> Vec<u8> {
    use base64::Engine as _;
    use ed25519_dalek::Signer as _;
    let b64 = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
    let signed = aankomst_server::protocol::grant_request_signed_bytes(
        tenant,
        client.key.device_id(),
        grant_key,
    );
    let signature = ed25519_dalek::SigningKey::from_bytes(&sign_with.secret_bytes()).sign(&signed);
    serde_json::to_vec(&serde_json::json!({
        "grant_public_key": b64(grant_key),
        "signature": b64(&signature.to_bytes()),
    }))
    .unwrap()
}

/// The team-key grant relay: a device's signed request, a supervisor's list and upload, the
/// device's fetch; counsellors cannot list or upload, a request signed by another key is
/// refused, and a granted device is no longer pending.
fn team_key_grants_are_relayed_between_supervisor_and_device(b: Backend) {
    let f = fixture(b);
    let mut supervisor = f.client(&f.tenant.id, "supervisor-1");
    f.enrol(&mut supervisor, Role::Supervisor).unwrap();
    let mut laptop = f.client(&f.tenant.id, "laptop-1");
    f.enrol(&mut laptop, Role::Counsellor).unwrap();
    let call = |c: &mut Client, method: &str, pq: &str, body: &[u8]| {
        let auth = c.auth(f.now(), method, pq, body);
        let r = req(method, pq, auth, body);
        match pq {
            "/v1/grants/request" => f
                .service
                .request_grant(&r)
                .map(|()| serde_json::Value::Null),
            "/v1/grants/pending" => f
                .service
                .pending_grants(&r)
                .map(|p| serde_json::to_value(p).unwrap()),
            "/v1/grants" => f.service.upload_grant(&r).map(|()| serde_json::Value::Null),
            "/v1/grants/mine" => f
                .service
                .my_grants(&r)
                .map(|p| serde_json::to_value(p).unwrap()),
            "/v1/devices" => f
                .service
                .tenant_devices(&r)
                .map(|p| serde_json::to_value(p).unwrap()),
            _ => unreachable!(),
        }
    };
    let grant_key = aankomst_seal::RecipientKeyPair::generate(&mut aankomst_seal::system_rng());
    let key = grant_key.public().to_bytes();

    // Signed by another key than the device's: refused, nothing pending.
    let other = DeviceKey::generate("laptop-1", &mut aankomst_seal::system_rng()).unwrap();
    let forged = grant_request_body(&f.tenant.id, &laptop, &key, &other);
    let err = call(&mut laptop, "POST", "/v1/grants/request", &forged).unwrap_err();
    assert_eq!(err.code(), "bad_request_signature");
    let pending = call(&mut supervisor, "GET", "/v1/grants/pending", b"").unwrap();
    assert_eq!(pending["pending"].as_array().unwrap().len(), 0);

    let body = grant_request_body(
        &f.tenant.id,
        &laptop,
        &key,
        &DeviceKey::from_secret_bytes("laptop-1", &laptop.key.secret_bytes()).unwrap(),
    );
    call(&mut laptop, "POST", "/v1/grants/request", &body).unwrap();
    let err = call(&mut laptop, "GET", "/v1/grants/pending", b"").unwrap_err();
    assert_eq!(err.code(), "not_supervisor");
    let pending = call(&mut supervisor, "GET", "/v1/grants/pending", b"").unwrap();
    assert_eq!(pending["pending"][0]["device_id"], "laptop-1");

    let grant = aankomst_seal::TeamKeyGrant::wrap(
        &mut aankomst_seal::system_rng(),
        &f.tenant.id,
        "laptop-1",
        1,
        &f.tenant.team,
        grant_key.public(),
    )
    .unwrap();
    let upload = serde_json::to_vec(&serde_json::json!({
        "device_id": "laptop-1",
        "grant": serde_json::from_slice::<serde_json::Value>(&grant.to_json()).unwrap(),
    }))
    .unwrap();
    let err = call(&mut laptop, "POST", "/v1/grants", &upload).unwrap_err();
    assert_eq!(err.code(), "not_supervisor");
    call(&mut supervisor, "POST", "/v1/grants", &upload).unwrap();
    let pending = call(&mut supervisor, "GET", "/v1/grants/pending", b"").unwrap();
    assert_eq!(pending["pending"].as_array().unwrap().len(), 0);

    let mine = call(&mut laptop, "GET", "/v1/grants/mine", b"").unwrap();
    let relayed =
        aankomst_seal::TeamKeyGrant::from_json(mine["grants"][0].to_string().as_bytes()).unwrap();
    assert_eq!(relayed, grant);
    let devices = call(&mut laptop, "GET", "/v1/devices", b"").unwrap();
    assert_eq!(devices["devices"].as_array().unwrap().len(), 2);
}

/// Device management from a supervisor's app: enrolment codes, the device list with last
/// contact, revocation. Counsellors are refused each; a code works once; a revoked device's
/// next request is refused; the log names the revocation but never a code.
fn supervisor_manages_devices(b: Backend) {
    let sink = log_sink();
    let f = fixture(b);
    let mut supervisor = f.client(&f.tenant.id, "supervisor-1");
    f.enrol(&mut supervisor, Role::Supervisor).unwrap();
    let mut laptop = f.client(&f.tenant.id, "laptop-1");
    f.enrol(&mut laptop, Role::Counsellor).unwrap();
    let call = |c: &mut Client, method: &str, pq: &str, body: &[u8]| {
        let auth = c.auth(f.now(), method, pq, body);
        let r = req(method, pq, auth, body);
        match pq {
            "/v1/admin/enrolment-codes" => f
                .service
                .issue_code_for_supervisor(&r)
                .map(|p| serde_json::to_value(p).unwrap()),
            "/v1/admin/devices" => f
                .service
                .managed_devices(&r)
                .map(|p| serde_json::to_value(p).unwrap()),
            "/v1/admin/devices/revoke" => f
                .service
                .revoke_for_supervisor(&r)
                .map(|p| serde_json::to_value(p).unwrap()),
            _ => unreachable!(),
        }
    };
    let code_body = |role: &str, s: u64| {
        serde_json::to_vec(
            &serde_json::json!({"role": role, "valid_for_s": s, "label": " Desk 2 "}),
        )
        .unwrap()
    };
    let revoke_body = |d: &str| serde_json::to_vec(&serde_json::json!({"device_id": d})).unwrap();

    // A counsellor's device is refused every one of them.
    for (method, pq, body) in [
        (
            "POST",
            "/v1/admin/enrolment-codes",
            code_body("counsellor", 3600),
        ),
        ("GET", "/v1/admin/devices", Vec::new()),
        (
            "POST",
            "/v1/admin/devices/revoke",
            revoke_body("supervisor-1"),
        ),
    ] {
        let err = call(&mut laptop, method, pq, &body).unwrap_err();
        assert_eq!(err.code(), "not_supervisor", "{pq}");
        assert_eq!(err.http_status(), 403);
    }

    // A code: validity bounds, then one that works once, with the role asked for.
    for bad in [0, 60, 15 * 24 * 3600] {
        let err = call(
            &mut supervisor,
            "POST",
            "/v1/admin/enrolment-codes",
            &code_body("counsellor", bad),
        )
        .unwrap_err();
        assert_eq!(err.code(), "malformed");
    }
    let issued = call(
        &mut supervisor,
        "POST",
        "/v1/admin/enrolment-codes",
        &code_body("supervisor", 3600),
    )
    .unwrap();
    assert_eq!(issued["role"], "supervisor");
    assert_eq!(issued["label"], "Desk 2");
    assert_eq!(issued["expires_at_ms"], T0 + 3_600_000);
    let code = issued["code"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 24);
    let mut second = f.client(&f.tenant.id, "supervisor-2");
    f.enrol_with_code(&mut second, &code).unwrap();
    let mut third = f.client(&f.tenant.id, "laptop-3");
    assert_eq!(
        f.enrol_with_code(&mut third, &code).unwrap_err().code(),
        "invalid_code"
    );
    // An expired one does not work at all.
    let short = call(
        &mut supervisor,
        "POST",
        "/v1/admin/enrolment-codes",
        &code_body("counsellor", 300),
    )
    .unwrap();
    f.now.fetch_add(301_000, Ordering::SeqCst);
    assert_eq!(
        f.enrol_with_code(&mut third, short["code"].as_str().unwrap())
            .unwrap_err()
            .code(),
        "invalid_code"
    );

    // The list: roles, enrolment, last contact (a request moves it on).
    f.pull(&mut laptop, 0, 10).unwrap();
    let listed = call(&mut supervisor, "GET", "/v1/admin/devices", b"").unwrap();
    let devices = listed["devices"].as_array().unwrap();
    let find = |id: &str| {
        devices
            .iter()
            .find(|d| d["device_id"] == id)
            .unwrap_or_else(|| panic!("{id} listed"))
            .clone()
    };
    assert_eq!(devices.len(), 3);
    let l = find("laptop-1");
    assert_eq!(l["role"], "counsellor");
    assert_eq!(l["status"], "active");
    assert_eq!(l["enrolled_at_ms"], T0);
    assert_eq!(l["last_contact_ms"], T0 + 301_000);
    assert_eq!(find("supervisor-2")["role"], "supervisor");
    assert_eq!(find("supervisor-2")["label"], "Desk 2");
    assert!(l["label"].is_null());
    assert_eq!(find("supervisor-2")["last_contact_ms"], T0);
    assert!(l["revoked_at_ms"].is_null());

    // Revocation: never itself, never a device the tenant does not have.
    let err = call(
        &mut supervisor,
        "POST",
        "/v1/admin/devices/revoke",
        &revoke_body("supervisor-1"),
    )
    .unwrap_err();
    assert_eq!(err.code(), "cannot_revoke_self");
    let err = call(
        &mut supervisor,
        "POST",
        "/v1/admin/devices/revoke",
        &revoke_body("laptop-99"),
    )
    .unwrap_err();
    assert_eq!(err.code(), "no_such_device");
    f.now.fetch_add(1_000, Ordering::SeqCst);
    let revoked = call(
        &mut supervisor,
        "POST",
        "/v1/admin/devices/revoke",
        &revoke_body("laptop-1"),
    )
    .unwrap();
    assert_eq!(revoked["status"], "revoked");
    assert_eq!(revoked["revoked_at_ms"], T0 + 302_000);
    // The revoked device's next request is refused.
    let err = f.pull(&mut laptop, 0, 10).unwrap_err();
    assert_eq!(err.code(), "revoked_device");
    let listed = call(&mut supervisor, "GET", "/v1/admin/devices", b"").unwrap();
    let l = listed["devices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["device_id"] == "laptop-1")
        .unwrap()
        .clone();
    assert_eq!(l["status"], "revoked");
    assert_eq!(l["revoked_at_ms"], T0 + 302_000);

    let log = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("device revoked by a supervisor"));
    assert!(log.contains("enrolment code issued"));
    assert!(!log.contains(&code), "the code is never logged");
}

/// A grant request signed by the device itself, with a fresh X25519 key.
fn request_grant_for(f: &Fixture, c: &mut Client) -> aankomst_seal::RecipientKeyPair {
    let grant_key = aankomst_seal::RecipientKeyPair::generate(&mut aankomst_seal::system_rng());
    let own = DeviceKey::from_secret_bytes(c.key.device_id(), &c.key.secret_bytes()).unwrap();
    let body = grant_request_body(&f.tenant.id, c, &grant_key.public().to_bytes(), &own);
    let auth = c.auth(f.now(), "POST", "/v1/grants/request", &body);
    f.service
        .request_grant(&req("POST", "/v1/grants/request", auth, &body))
        .unwrap();
    grant_key
}

/// The device ids pending for the current generation, as a supervisor lists them.
fn pending_ids(f: &Fixture, supervisor: &mut Client) -> Vec<(String, u64)> {
    let auth = supervisor.auth(f.now(), "GET", "/v1/grants/pending", b"");
    f.service
        .pending_grants(&req("GET", "/v1/grants/pending", auth, b""))
        .unwrap()
        .pending
        .into_iter()
        .map(|p| (p.device_id, p.team_generation))
        .collect()
}

fn upload_grant(
    f: &Fixture,
    supervisor: &mut Client,
    device_id: &str,
    grant: &aankomst_seal::TeamKeyGrant,
) -> Result<(), ServiceError> {
    let body = serde_json::to_vec(&serde_json::json!({
        "device_id": device_id,
        "grant": serde_json::from_slice::<serde_json::Value>(&grant.to_json()).unwrap(),
    }))
    .unwrap();
    let auth = supervisor.auth(f.now(), "POST", "/v1/grants", &body);
    f.service
        .upload_grant(&req("POST", "/v1/grants", auth, &body))
}

fn wrap_grant(
    f: &Fixture,
    device_id: &str,
    generation: u64,
    team: &aankomst_seal::RecipientKeyPair,
    grantee: &aankomst_seal::RecipientKeyPair,
) -> aankomst_seal::TeamKeyGrant {
    aankomst_seal::TeamKeyGrant::wrap(
        &mut aankomst_seal::system_rng(),
        &f.tenant.id,
        device_id,
        generation,
        team,
        grantee.public(),
    )
    .unwrap()
}

/// Grants are per device and team key generation: after a rotation every active device is
/// pending again for the new generation (not only devices that never had a grant), a revoked
/// one is never pending and cannot be given a grant, a second grant of one generation
/// replaces the first, and a grant must be for the device the upload names.
fn grants_are_per_device_and_generation_and_rotation_makes_active_devices_pending(b: Backend) {
    let f = fixture(b);
    let mut supervisor = f.client(&f.tenant.id, "supervisor-1");
    f.enrol(&mut supervisor, Role::Supervisor).unwrap();
    let mut keys = Vec::new();
    let mut laptops = Vec::new();
    for id in ["laptop-1", "laptop-2"] {
        let mut c = f.client(&f.tenant.id, id);
        f.enrol(&mut c, Role::Counsellor).unwrap();
        keys.push(request_grant_for(&f, &mut c));
        laptops.push(c);
    }
    assert_eq!(
        pending_ids(&f, &mut supervisor),
        [("laptop-1".to_owned(), 1), ("laptop-2".to_owned(), 1)]
    );
    for (i, id) in ["laptop-1", "laptop-2"].into_iter().enumerate() {
        let grant = wrap_grant(&f, id, 1, &f.tenant.team, &keys[i]);
        upload_grant(&f, &mut supervisor, id, &grant).unwrap();
    }
    assert!(pending_ids(&f, &mut supervisor).is_empty());
    assert!(f
        .storage
        .pending_grants(&f.tenant.id, 1)
        .unwrap()
        .is_empty());

    // laptop-2 is revoked, then the team key rotated (generation 2, the old one kept as
    // previous).
    f.service.revoke_device(&f.tenant.id, "laptop-2").unwrap();
    let new_team = aankomst_seal::RecipientKeyPair::generate(&mut aankomst_seal::system_rng());
    let mut sealing = std::collections::BTreeMap::new();
    sealing.insert("ggd".to_owned(), f.tenant.ggd.public().clone());
    let rotated = aankomst_seal::RecipientList {
        tenant: f.tenant.id.clone(),
        generation: 2,
        team: aankomst_seal::TeamKey {
            generation: 2,
            key: new_team.public().clone(),
        },
        previous_team: vec![aankomst_seal::TeamKey {
            generation: 1,
            key: f.tenant.team.public().clone(),
        }],
        recovery: f.tenant.recovery.public().clone(),
        sealing,
    }
    .sign(&f.tenant.root)
    .unwrap();
    f.service
        .set_recipient_list(&f.tenant.id, &rotated.to_json())
        .unwrap();

    // Every active device lacking generation 2 is pending for it; the revoked one is not.
    assert_eq!(
        pending_ids(&f, &mut supervisor),
        [("laptop-1".to_owned(), 2)]
    );
    assert_eq!(
        f.storage
            .pending_grants(&f.tenant.id, 2)
            .unwrap()
            .iter()
            .map(|r| r.device_id.as_str())
            .collect::<Vec<_>>(),
        ["laptop-1"]
    );
    // The revoked device gets no grant of the new key.
    let for_revoked = wrap_grant(&f, "laptop-2", 2, &new_team, &keys[1]);
    let err = upload_grant(&f, &mut supervisor, "laptop-2", &for_revoked).unwrap_err();
    assert_eq!(err.code(), "grant_for_revoked_device");
    // A grant for another device than the upload names is refused.
    let misnamed = wrap_grant(&f, "laptop-1", 2, &new_team, &keys[0]);
    assert_eq!(
        upload_grant(&f, &mut supervisor, "supervisor-1", &misnamed)
            .unwrap_err()
            .code(),
        "malformed"
    );
    upload_grant(&f, &mut supervisor, "laptop-1", &misnamed).unwrap();
    assert!(pending_ids(&f, &mut supervisor).is_empty());
    // Granting generation 1 again replaces that generation's grant: one per generation.
    let again = wrap_grant(&f, "laptop-1", 1, &f.tenant.team, &keys[0]);
    upload_grant(&f, &mut supervisor, "laptop-1", &again).unwrap();
    let stored = f.storage.grants(&f.tenant.id, "laptop-1").unwrap();
    let mut generations: Vec<u64> = stored
        .iter()
        .map(|g| {
            aankomst_seal::TeamKeyGrant::from_json(g.as_bytes())
                .unwrap()
                .team_generation()
        })
        .collect();
    generations.sort_unstable();
    assert_eq!(generations, [1, 2]);
    assert_eq!(f.storage.grants(&f.tenant.id, "laptop-2").unwrap().len(), 1);
    // The revoked device cannot fetch anything any more.
    let auth = laptops[1].auth(f.now(), "GET", "/v1/grants/mine", b"");
    let err = f
        .service
        .my_grants(&req("GET", "/v1/grants/mine", auth, b""))
        .unwrap_err();
    assert_eq!(err.code(), "revoked_device");
}

fn head_hash(n: u64) -> String {
    format!("{n:064x}")
}

fn push_with_head(
    f: &Fixture,
    c: &mut Client,
    envelopes: &[Envelope],
    head: Option<(u64, &str)>,
) -> Result<PushResponse, ServiceError> {
    let envelopes: Vec<serde_json::Value> = envelopes
        .iter()
        .map(|e| serde_json::from_slice(&e.to_json()).unwrap())
        .collect();
    let mut body = serde_json::json!({ "envelopes": envelopes });
    if let Some((seq, hash)) = head {
        body["audit_head"] = serde_json::json!({ "seq": seq, "hash": hash });
    }
    f.push(c, &serde_json::to_vec(&body).unwrap())
}

/// An audit envelope as a device pushes one: record id = the device, revision id =
/// `<seq>:<hash>`, parents = `[<previous hash>]`.
fn audit_envelope(f: &Fixture, device: &DeviceKey, seq: u64, hash: &str, prev: &str) -> Envelope {
    let link = format!("{seq}:{hash}");
    let parents = vec![prev.to_owned()];
    let sealer =
        aankomst_seal::Sealer::new(&f.tenant.list, aankomst_seal::Audience::Team, device).unwrap();
    sealer
        .seal_batch(
            &mut aankomst_seal::system_rng(),
            &[aankomst_seal::Revision {
                record_id: device.device_id(),
                record_kind: "audit",
                revision_id: &link,
                hlc: "2026-12-07T12:00:00.000000Z",
                parents: &parents,
                plaintext: b"{\"entry\":\"sealed\"}",
            }],
        )
        .unwrap()
        .remove(0)
}

/// The audit chain head each push carries: the server keeps the highest per device, flags a
/// lower one (regression) and one with the same sequence number and another hash (fork),
/// also a pushed audit entry that contradicts the head shown; the push is accepted anyway
/// (nothing lost), a finding repeated by later pushes is one flag, a malformed head is
/// refused, and the supervisor's device list shows the flags.
fn audit_head_regressions_and_forks_are_flagged_and_nothing_is_lost(b: Backend) {
    let f = fixture(b);
    let mut supervisor = f.client(&f.tenant.id, "supervisor-1");
    f.enrol(&mut supervisor, Role::Supervisor).unwrap();
    let mut laptop = f.client(&f.tenant.id, "laptop-1");
    f.enrol(&mut laptop, Role::Counsellor).unwrap();
    let flags = || f.service.audit_flags(&f.tenant.id).unwrap();

    // Growing heads: no flag; the high-water mark follows.
    push_with_head(&f, &mut laptop, &[], Some((5, &head_hash(5)))).unwrap();
    push_with_head(&f, &mut laptop, &[], Some((7, &head_hash(7)))).unwrap();
    push_with_head(&f, &mut laptop, &[], Some((7, &head_hash(7)))).unwrap();
    // A push without a head (an older client) changes nothing.
    push_with_head(&f, &mut laptop, &[], None).unwrap();
    assert!(flags().is_empty());
    assert_eq!(
        f.storage.audit_head(&f.tenant.id, "laptop-1").unwrap(),
        Some((7, head_hash(7)))
    );

    // A malformed head is refused and nothing of the push is stored.
    let batch = seal_revisions(&f.tenant, &laptop.key, 2, "head");
    let err = push_with_head(&f, &mut laptop, &batch, Some((9, "not-a-hash"))).unwrap_err();
    assert_eq!(err.code(), "malformed");
    assert_eq!(f.stored(), 0);

    // Rolled back to entry 3: flagged, and the envelopes pushed with it are stored.
    let resp = push_with_head(&f, &mut laptop, &batch, Some((3, &head_hash(3)))).unwrap();
    assert_eq!(resp.receipts.len(), batch.len());
    assert_eq!(f.stored(), batch.len() as u64);
    let found = flags();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "laptop-1");
    assert_eq!(
        found[0].1.kind,
        aankomst_server::protocol::AuditFlagKind::Regression
    );
    assert_eq!((found[0].1.seen_seq, found[0].1.claimed_seq), (7, 3));
    assert_eq!(found[0].1.at_ms, T0);
    // The same rolled-back head again is the same finding: still one flag. The mark stays.
    push_with_head(&f, &mut laptop, &[], Some((3, &head_hash(3)))).unwrap();
    assert_eq!(flags().len(), 1);
    assert_eq!(
        f.storage.audit_head(&f.tenant.id, "laptop-1").unwrap(),
        Some((7, head_hash(7)))
    );

    // Rewritten from entry 7 on: the same sequence number with another hash is a fork.
    push_with_head(&f, &mut laptop, &[], Some((7, &head_hash(77)))).unwrap();
    let found = flags();
    assert_eq!(found.len(), 2);
    assert_eq!(
        found[1].1.kind,
        aankomst_server::protocol::AuditFlagKind::Fork
    );
    assert_eq!(found[1].1.claimed_hash, head_hash(77));

    // Rolled back and written past the old head: the head looks fine (9 > 7), but the entry
    // pushed under number 7 is not the one shown: a fork.
    let rewritten = audit_envelope(&f, &laptop.key, 7, &head_hash(700), &head_hash(600));
    push_with_head(&f, &mut laptop, &[rewritten], Some((9, &head_hash(900)))).unwrap();
    let found = flags();
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(
        found[2].1.kind,
        aankomst_server::protocol::AuditFlagKind::Fork
    );
    assert_eq!((found[2].1.seen_seq, found[2].1.claimed_seq), (7, 7));
    // The entry that matches the head shown is no finding.
    let honest = audit_envelope(&f, &laptop.key, 9, &head_hash(900), &head_hash(800));
    push_with_head(&f, &mut laptop, &[honest], Some((9, &head_hash(900)))).unwrap();
    assert_eq!(flags().len(), 3);

    // The supervisor's device list carries the flags; the supervisor's own device has none.
    let auth = supervisor.auth(f.now(), "GET", "/v1/admin/devices", b"");
    let listed = f
        .service
        .managed_devices(&req("GET", "/v1/admin/devices", auth, b""))
        .unwrap();
    let of = |id: &str| {
        listed
            .devices
            .iter()
            .find(|d| d.device_id == id)
            .unwrap()
            .audit_flags
            .len()
    };
    assert_eq!(of("laptop-1"), 3);
    assert_eq!(of("supervisor-1"), 0);
}

/// Device certificates on the server (DESIGN §4.11): an enrolled device pushes nothing until
/// certified; a supervisor's device certifies with its own key; an upload that does not chain
/// to the tenant root, or whose issuer may not sign it, is refused and nothing is stored; a
/// signed revocation blocks the device and is sent with its refusal, a server-side block is
/// not a revocation.
fn certificates_decide_who_pushes_and_only_signed_revocations_are_proof(b: Backend) {
    use aankomst_seal::{DeviceCertificate, DeviceRole, Issuer, Statement, StatementKind};
    let f = fixture(b);
    let mut supervisor = f.client(&f.tenant.id, "supervisor-1");
    f.enrol(&mut supervisor, Role::Supervisor).unwrap();
    let mut laptop = f.client(&f.tenant.id, "laptop-1");
    f.enrol_uncertified(&mut laptop, Role::Counsellor);
    let mut other = f.client(&f.tenant.id, "laptop-2");
    f.enrol_uncertified(&mut other, Role::Counsellor);

    // Enrolled, not certified: no envelope is taken.
    let body = push_body(&seal_revisions(&f.tenant, &laptop.key, 2, "c"));
    assert_eq!(
        f.push(&mut laptop, &body).unwrap_err().code(),
        "not_certified"
    );
    assert_eq!(f.stored(), 0);

    // A certificate by a key the server does not know chains to nothing.
    let stranger = DeviceKey::generate("stranger", &mut aankomst_seal::system_rng()).unwrap();
    let forged = DeviceCertificate::issue(
        Issuer::Device(&stranger),
        &f.tenant.id,
        &laptop.key.public(),
        DeviceRole::Supervisor,
        f.now(),
    )
    .unwrap();
    let err = f
        .upload_trust(&mut supervisor, &[forged.to_json()], &[])
        .unwrap_err();
    assert_eq!(err.code(), "trust_refused");

    // The supervisor certifies the laptop with its device key (later than its own
    // certificate: the directory orders by issue time): the laptop may push.
    f.now.fetch_add(1_000, Ordering::SeqCst);
    let cert = DeviceCertificate::issue(
        Issuer::Device(&supervisor.key),
        &f.tenant.id,
        &laptop.key.public(),
        DeviceRole::Counsellor,
        f.now(),
    )
    .unwrap();
    f.upload_trust(&mut supervisor, &[cert.to_json()], &[])
        .unwrap();
    f.push(&mut laptop, &body).unwrap();
    assert!(f.stored() > 0);

    // A counsellor may certify no one, and may not promote itself.
    let by_counsellor = DeviceCertificate::issue(
        Issuer::Device(&laptop.key),
        &f.tenant.id,
        &other.key.public(),
        DeviceRole::Counsellor,
        f.now(),
    )
    .unwrap();
    let promote_self = Statement::issue(
        Issuer::Device(&laptop.key),
        &f.tenant.id,
        StatementKind::RoleChange(DeviceRole::Supervisor),
        &laptop.key.public(),
        f.now(),
    )
    .unwrap();
    assert_eq!(
        f.upload_trust(&mut laptop, &[by_counsellor.to_json()], &[])
            .unwrap_err()
            .code(),
        "trust_refused"
    );
    assert_eq!(
        f.upload_trust(&mut laptop, &[], &[promote_self.to_json()])
            .unwrap_err()
            .code(),
        "trust_refused"
    );
    let devices = f.tenant_devices(&mut supervisor);
    assert_eq!(devices.certificates.len(), 2, "root's and the supervisor's");
    assert!(devices.statements.is_empty());
    // The device table's role is not what makes a supervisor: the directory is.
    assert_eq!(f.pending(&mut laptop).unwrap_err().code(), "not_supervisor");

    // A signed revocation blocks the laptop, and its refusal carries the revocation.
    f.now.fetch_add(1_000, Ordering::SeqCst);
    let revocation = Statement::issue(
        Issuer::Device(&supervisor.key),
        &f.tenant.id,
        StatementKind::Revocation,
        &laptop.key.public(),
        f.now(),
    )
    .unwrap();
    f.upload_trust(&mut supervisor, &[], &[revocation.to_json()])
        .unwrap();
    let ServiceError::RevokedDevice(Some(proof)) = f.push(&mut laptop, &body).unwrap_err() else {
        panic!("a revoked device's refusal carries its revocation");
    };
    let shown = Statement::from_json(proof.revocation.as_bytes()).unwrap();
    let certificates: Vec<_> = proof
        .certificates
        .iter()
        .map(|c| DeviceCertificate::from_json(c.as_bytes()).unwrap())
        .collect();
    aankomst_seal::verify_revocation_of(
        &laptop.key.public(),
        &shown,
        &f.tenant.id,
        &f.tenant.root.public(),
        &certificates,
        &[],
    )
    .unwrap();
    let wire = ServiceError::RevokedDevice(Some(proof)).to_wire();
    assert!(wire.error.revocation.is_some() && wire.error.trust.is_some());

    // A block by the server's admin is no revocation: the refusal carries none.
    f.service.revoke_device(&f.tenant.id, "laptop-2").unwrap();
    let err = f.pull(&mut other, 0, 10).unwrap_err();
    assert!(matches!(err, ServiceError::RevokedDevice(None)), "{err:?}");
    assert!(err.to_wire().error.revocation.is_none());
}

fn signed_policy(root: &aankomst_seal::TenantRootKey, tenant: &str, version: u64) -> Vec<u8> {
    let content = aankomst_core::policy::Policy::default()
        .to_canonical_json()
        .unwrap();
    aankomst_seal::SignedPolicy::sign(
        aankomst_seal::Issuer::Root(root),
        tenant,
        version,
        T0 + version,
        &content,
    )
    .unwrap()
    .to_json()
}

/// The server relays the tenant's newest signed policy; it takes one from a supervisor's device
/// or the admin CLI only for the caller's tenant, signed, and newer than the one it holds.
fn policies_are_published_by_supervisors_and_fetched_by_every_device(b: Backend) {
    let f = fixture(b);
    let mut supervisor = f.client(&f.tenant.id, "supervisor-1");
    f.enrol(&mut supervisor, Role::Supervisor).unwrap();
    let mut laptop = f.client(&f.tenant.id, "laptop-1");
    f.enrol(&mut laptop, Role::Counsellor).unwrap();
    let fetch = |c: &mut Client| {
        let auth = c.auth(f.now(), "GET", "/v1/policy", b"");
        f.service
            .policy(&req("GET", "/v1/policy", auth, b""))
            .unwrap()
            .policy
            .map(|raw| aankomst_seal::SignedPolicy::from_json(raw.get().as_bytes()).unwrap())
    };
    let upload = |c: &mut Client, body: &[u8]| {
        let auth = c.auth(f.now(), "POST", "/v1/admin/policy", body);
        f.service
            .upload_policy(&req("POST", "/v1/admin/policy", auth, body))
    };
    assert!(fetch(&mut laptop).is_none(), "no policy published yet");

    // The admin CLI publishes version 1; every device fetches it.
    assert_eq!(
        f.service
            .set_policy(
                &f.tenant.id,
                &signed_policy(&f.tenant.root, &f.tenant.id, 1)
            )
            .unwrap(),
        1
    );
    assert_eq!(fetch(&mut laptop).unwrap().version(), 1);

    // A counsellor's device may not publish.
    let v2 = signed_policy(&f.tenant.root, &f.tenant.id, 2);
    assert_eq!(
        upload(&mut laptop, &v2).unwrap_err().code(),
        "not_supervisor"
    );
    // Not newer, another tenant's, unsigned: refused, typed, and the held one stays.
    let again = signed_policy(&f.tenant.root, &f.tenant.id, 1);
    assert_eq!(
        upload(&mut supervisor, &again).unwrap_err().code(),
        "policy_not_newer"
    );
    let other = TenantKeys::new("gemeente-zeist");
    assert_eq!(
        upload(&mut supervisor, &signed_policy(&other.root, &other.id, 9))
            .unwrap_err()
            .code(),
        "policy_wrong_tenant"
    );
    let mut unsigned: serde_json::Value = serde_json::from_slice(&v2).unwrap();
    unsigned.as_object_mut().unwrap().remove("signature");
    assert_eq!(
        upload(&mut supervisor, &serde_json::to_vec(&unsigned).unwrap())
            .unwrap_err()
            .code(),
        "malformed"
    );
    assert_eq!(fetch(&mut laptop).unwrap().version(), 1);

    // A supervisor publishes version 2: the newest is served.
    assert_eq!(upload(&mut supervisor, &v2).unwrap().version, 2);
    let served = fetch(&mut laptop).unwrap();
    assert_eq!(served.version(), 2);
    assert_eq!(served.to_json(), v2);
    assert_eq!(
        f.service
            .set_policy(
                &f.tenant.id,
                &signed_policy(&f.tenant.root, &f.tenant.id, 2)
            )
            .unwrap_err()
            .code(),
        "policy_not_newer"
    );
    assert_eq!(
        f.service
            .set_policy("gemeente-nergens", &v2)
            .unwrap_err()
            .code(),
        "unknown_tenant"
    );
}

/// Runs each test on SQLite, and on PostgreSQL when `AANKOMST_TEST_POSTGRES_URL` is set.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[test]
            fn $name() {
                super::$name(super::Backend::Sqlite)
            })*
        }
        mod postgres {
            $(#[test]
            fn $name() {
                if std::env::var(super::POSTGRES_ENV).is_err() {
                    eprintln!(
                        "skipped on PostgreSQL: set {} to a postgres:// URL to run it",
                        super::POSTGRES_ENV
                    );
                    return;
                }
                super::$name(super::Backend::Postgres)
            })*
        }
    };
}

on_both_backends!(
    concurrent_pushes_get_unique_gap_free_sequences,
    enrol_push_pull_round_trip_with_real_sealed_envelopes,
    repushing_returns_the_original_receipts_and_stores_once,
    unknown_device_is_refused_and_nothing_stored,
    revoked_device_is_refused_and_nothing_stored,
    replayed_request_is_refused_and_nothing_stored_twice,
    a_device_pushing_for_another_tenant_is_refused,
    another_devices_envelope_or_a_tampered_one_is_refused,
    oversized_body_and_batch_are_refused,
    malformed_json_is_refused_and_nothing_stored,
    request_authentication_refusals,
    rate_limit_per_device,
    enrolment_codes_are_one_time_expire_and_only_their_hash_is_stored,
    recipient_list_not_signed_by_the_tenant_root_is_refused,
    raw_storage_and_logs_hold_no_plaintext_markers,
    team_key_grants_are_relayed_between_supervisor_and_device,
    supervisor_manages_devices,
    grants_are_per_device_and_generation_and_rotation_makes_active_devices_pending,
    audit_head_regressions_and_forks_are_flagged_and_nothing_is_lost,
    certificates_decide_who_pushes_and_only_signed_revocations_are_proof,
    policies_are_published_by_supervisors_and_fetched_by_every_device,
);
