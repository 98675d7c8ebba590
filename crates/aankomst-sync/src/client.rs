//! HTTPS to the server: signed requests (`aankomst-request/1`), typed refusals. Blocking
//! (reqwest's blocking client over rustls); the app runs a sync on a worker thread.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use aankomst_protocol::{ErrorBody, RequestSigner};
use serde::de::DeserializeOwned;

use crate::SyncError;

/// How long a connection attempt may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one request may take in all (a push of a full batch over a slow link included).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

/// The server to talk to and how to trust it: its base URL (`https://host:port`) and the PEM
/// certificate to trust as the only root — the server's own self-signed certificate, or the
/// municipality's CA (see the server README). The system's roots are not trusted.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ServerSettings {
    /// `https://host:port`, no trailing slash needed.
    pub url: String,
    /// PEM certificate(s) to trust.
    pub ca_pem: String,
}

pub(crate) struct Http {
    client: reqwest::blocking::Client,
    base: String,
    /// How long one request may take (the app's tests shorten it).
    timeout: Duration,
    /// Set by the app to stop a running sync: checked before every request, so a sync stops
    /// at its next step (the request in flight runs to its answer or its timeout).
    stop: Arc<AtomicBool>,
}

impl Http {
    pub(crate) fn new(settings: &ServerSettings) -> Result<Self, SyncError> {
        if !settings.url.starts_with("https://") {
            return Err(SyncError::BadServerSettings(
                "the server URL must start with https://".into(),
            ));
        }
        let certs = reqwest::Certificate::from_pem_bundle(settings.ca_pem.as_bytes())
            .map_err(|_| SyncError::BadServerSettings("the certificate is not PEM".into()))?;
        if certs.is_empty() {
            return Err(SyncError::BadServerSettings(
                "no certificate in the PEM text".into(),
            ));
        }
        let mut builder = reqwest::blocking::Client::builder()
            .use_rustls_tls()
            .tls_built_in_root_certs(false)
            .https_only(true)
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .pool_max_idle_per_host(2);
        for cert in certs {
            builder = builder.add_root_certificate(cert);
        }
        let client = builder
            .build()
            .map_err(|e| SyncError::BadServerSettings(e.to_string()))?;
        Ok(Http {
            client,
            base: settings.url.trim_end_matches('/').to_owned(),
            timeout: REQUEST_TIMEOUT,
            stop: Arc::new(AtomicBool::new(false)),
        })
    }

    pub(crate) fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = timeout;
    }

    pub(crate) fn stop_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.stop)
    }

    /// Sends a signed request; the answer's JSON or a typed refusal.
    pub(crate) fn call<T: DeserializeOwned>(
        &self,
        signer: &RequestSigner,
        method: &str,
        path_and_query: &str,
        body: Vec<u8>,
    ) -> Result<(T, usize), SyncError> {
        if self.stop.load(Ordering::SeqCst) {
            return Err(SyncError::Cancelled);
        }
        let auth = signer.sign(method, path_and_query, &body);
        let url = format!("{}{path_and_query}", self.base);
        let mut req = match method {
            "GET" => self.client.get(url),
            _ => self
                .client
                .post(url)
                .header("content-type", "application/json")
                .body(body),
        };
        req = req.timeout(self.timeout);
        for (name, value) in auth.headers() {
            req = req.header(name, value);
        }
        let resp = req.send().map_err(network)?;
        let status = resp.status().as_u16();
        let bytes = resp.bytes().map_err(network)?;
        if status == 200 {
            let value = serde_json::from_slice(&bytes)
                .map_err(|e| SyncError::Protocol(format!("{path_and_query}: {e}")))?;
            return Ok((value, bytes.len()));
        }
        Err(refusal(status, &bytes))
    }
}

fn network(e: reqwest::Error) -> SyncError {
    // reqwest's text names the URL and the failing layer, never a body.
    SyncError::Network(e.without_url().to_string())
}

fn refusal(status: u16, bytes: &[u8]) -> SyncError {
    match serde_json::from_slice::<ErrorBody>(bytes) {
        Ok(body) => match body.error.code.as_str() {
            // Verified by the engine before anything is wiped (see `SyncEngine::call`).
            "revoked_device" => SyncError::RevocationUnverified(body.error.revocation.map(|r| {
                let trust = body.error.trust.unwrap_or_default();
                let text = |v: &serde_json::value::RawValue| v.get().to_owned();
                Box::new(crate::error::ClaimedRevocation {
                    revocation: r.get().to_owned(),
                    certificates: trust.certificates.iter().map(|v| text(v)).collect(),
                    statements: trust.statements.iter().map(|v| text(v)).collect(),
                })
            })),
            "rate_limited" => SyncError::RateLimited {
                retry_after_s: body.error.retry_after_s.unwrap_or(1),
            },
            _ => SyncError::Refused {
                code: body.error.code,
                message: body.error.message,
            },
        },
        // A proxy or a cut connection can answer with something else entirely.
        Err(_) => SyncError::Network(format!("HTTP {status} without a protocol answer")),
    }
}
