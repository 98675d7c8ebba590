//! A fault-injecting proxy between a sync client and the real server. It terminates TLS (the
//! client is given the proxy's certificate to trust), so it sees whole HTTP requests, and then
//! talks TLS to the server. Per request, decided by a seeded generator:
//!
//! * **cut the request** after a random number of bytes (the server gets a truncated request,
//!   the client a dropped connection);
//! * **cut the response** after a random number of bytes (the server did the work; the client
//!   never learns it);
//! * **duplicate** the request (the server gets the same bytes twice on two connections; the
//!   client gets the first or the second answer);
//! * **delay** before forwarding.
//!
//! Every fault is counted, so a test can show it really exercised each kind.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};

/// How often each fault happens (probabilities per request) and the longest delay.
#[derive(Clone, Copy, Debug)]
pub struct Faults {
    pub cut_request: f64,
    pub cut_response: f64,
    pub duplicate: f64,
    pub max_delay_ms: u64,
}

/// Counts of what the proxy did.
#[derive(Default, Debug)]
pub struct Stats {
    pub requests: AtomicU64,
    pub cut_requests: AtomicU64,
    pub cut_responses: AtomicU64,
    pub duplicated: AtomicU64,
    pub delayed: AtomicU64,
}

pub struct FaultProxy {
    pub addr: SocketAddr,
    pub cert_pem: String,
    pub stats: Arc<Stats>,
    pub enabled: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
    }
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

impl FaultProxy {
    pub fn start(upstream: SocketAddr, upstream_cert_pem: &str, faults: Faults, seed: u64) -> Self {
        let generated =
            rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()])
                .unwrap();
        let cert_pem = generated.cert.pem();
        let server_config = Arc::new(
            rustls::ServerConfig::builder_with_provider(provider())
                .with_safe_default_protocol_versions()
                .unwrap()
                .with_no_client_auth()
                .with_single_cert(
                    vec![generated.cert.der().clone()],
                    PrivateKeyDer::from_pem_slice(generated.signing_key.serialize_pem().as_bytes())
                        .unwrap(),
                )
                .unwrap(),
        );
        let mut roots = rustls::RootCertStore::empty();
        for cert in CertificateDer::pem_slice_iter(upstream_cert_pem.as_bytes()) {
            roots.add(cert.unwrap()).unwrap();
        }
        let client_config = Arc::new(
            rustls::ClientConfig::builder_with_provider(provider())
                .with_safe_default_protocol_versions()
                .unwrap()
                .with_root_certificates(roots)
                .with_no_client_auth(),
        );
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let stats = Arc::new(Stats::default());
        let stop = Arc::new(AtomicBool::new(false));
        let enabled = Arc::new(AtomicBool::new(true));
        let rng = Arc::new(Mutex::new(StdRng::seed_from_u64(seed)));
        {
            let (stats, stop, enabled) = (stats.clone(), stop.clone(), enabled.clone());
            std::thread::spawn(move || {
                for conn in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(conn) = conn else { continue };
                    let ctx = Conn {
                        server_config: server_config.clone(),
                        client_config: client_config.clone(),
                        upstream,
                        faults,
                        stats: stats.clone(),
                        rng: rng.clone(),
                        enabled: enabled.clone(),
                    };
                    std::thread::spawn(move || {
                        let _ = ctx.serve(conn);
                    });
                }
            });
        }
        FaultProxy {
            addr,
            cert_pem,
            stats,
            enabled,
            stop,
        }
    }

    pub fn settings(&self) -> aankomst_sync::ServerSettings {
        aankomst_sync::ServerSettings {
            url: format!("https://127.0.0.1:{}", self.addr.port()),
            ca_pem: self.cert_pem.clone(),
        }
    }
}

struct Conn {
    server_config: Arc<rustls::ServerConfig>,
    client_config: Arc<rustls::ClientConfig>,
    upstream: SocketAddr,
    faults: Faults,
    stats: Arc<Stats>,
    rng: Arc<Mutex<StdRng>>,
    enabled: Arc<AtomicBool>,
}

enum Fault {
    None,
    CutRequest(usize),
    CutResponse(usize),
    Duplicate(bool),
}

/// Reads one HTTP/1.1 message (head and a Content-Length body); None at a clean end.
fn read_message(r: &mut impl BufRead) -> std::io::Result<Option<Vec<u8>>> {
    let mut msg = Vec::new();
    let mut content_length = 0usize;
    loop {
        let mut line = Vec::new();
        let n = r.read_until(b'\n', &mut line)?;
        if n == 0 {
            return if msg.is_empty() {
                Ok(None)
            } else {
                Err(std::io::ErrorKind::UnexpectedEof.into())
            };
        }
        let text = String::from_utf8_lossy(&line).to_ascii_lowercase();
        if let Some(v) = text.strip_prefix("content-length:") {
            content_length = v.trim().parse().unwrap_or(0);
        }
        assert!(
            !text.starts_with("transfer-encoding:"),
            "the proxy handles Content-Length bodies only"
        );
        msg.extend_from_slice(&line);
        if line == b"\r\n" {
            break;
        }
    }
    let start = msg.len();
    msg.resize(start + content_length, 0);
    r.read_exact(&mut msg[start..])?;
    Ok(Some(msg))
}

impl Conn {
    fn upstream(
        &self,
    ) -> std::io::Result<rustls::StreamOwned<rustls::ClientConnection, TcpStream>> {
        let tcp = TcpStream::connect(self.upstream)?;
        tcp.set_read_timeout(Some(Duration::from_secs(60)))?;
        let conn = rustls::ClientConnection::new(
            self.client_config.clone(),
            ServerName::try_from("127.0.0.1").unwrap().to_owned(),
        )
        .map_err(std::io::Error::other)?;
        Ok(rustls::StreamOwned::new(conn, tcp))
    }

    /// Sends a request upstream on a fresh connection; the full response.
    fn forward(&self, request: &[u8]) -> std::io::Result<Vec<u8>> {
        let mut up = self.upstream()?;
        up.write_all(request)?;
        up.flush()?;
        let mut reader = BufReader::new(up);
        read_message(&mut reader)?.ok_or_else(|| std::io::ErrorKind::UnexpectedEof.into())
    }

    fn choose(&self, request_len: usize, response_guess: usize) -> (Fault, u64) {
        if !self.enabled.load(Ordering::SeqCst) {
            return (Fault::None, 0);
        }
        let mut rng = self.rng.lock().unwrap();
        let delay = if self.faults.max_delay_ms > 0 && rng.random_bool(0.3) {
            rng.random_range(0..=self.faults.max_delay_ms)
        } else {
            0
        };
        let roll: f64 = rng.random();
        let f = self.faults;
        let fault = if roll < f.cut_request {
            Fault::CutRequest(rng.random_range(0..request_len.max(1)))
        } else if roll < f.cut_request + f.cut_response {
            Fault::CutResponse(rng.random_range(0..response_guess.max(1)))
        } else if roll < f.cut_request + f.cut_response + f.duplicate {
            Fault::Duplicate(rng.random_bool(0.5))
        } else {
            Fault::None
        };
        (fault, delay)
    }

    fn serve(self, client: TcpStream) -> std::io::Result<()> {
        client.set_read_timeout(Some(Duration::from_secs(60)))?;
        let tls = rustls::ServerConnection::new(self.server_config.clone())
            .map_err(std::io::Error::other)?;
        let mut client = BufReader::new(rustls::StreamOwned::new(tls, client));
        while let Some(request) = read_message(&mut client)? {
            self.stats.requests.fetch_add(1, Ordering::SeqCst);
            let (fault, delay) = self.choose(request.len(), 400);
            if delay > 0 {
                self.stats.delayed.fetch_add(1, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(delay));
            }
            let response = match fault {
                Fault::None => self.forward(&request)?,
                Fault::CutRequest(at) => {
                    self.stats.cut_requests.fetch_add(1, Ordering::SeqCst);
                    let mut up = self.upstream()?;
                    up.write_all(&request[..at])?;
                    up.flush()?;
                    // Hang up on both sides mid-request.
                    return Ok(());
                }
                Fault::CutResponse(at) => {
                    self.stats.cut_responses.fetch_add(1, Ordering::SeqCst);
                    let response = self.forward(&request)?;
                    let at = at.min(response.len().saturating_sub(1));
                    client.get_mut().write_all(&response[..at])?;
                    client.get_mut().flush()?;
                    return Ok(());
                }
                Fault::Duplicate(second) => {
                    self.stats.duplicated.fetch_add(1, Ordering::SeqCst);
                    let first = self.forward(&request)?;
                    let again = self.forward(&request)?;
                    if second {
                        again
                    } else {
                        first
                    }
                }
            };
            client.get_mut().write_all(&response)?;
            client.get_mut().flush()?;
        }
        Ok(())
    }
}
