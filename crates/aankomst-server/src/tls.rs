//! TLS material: the configured certificate, or a self-signed one generated once into the data
//! directory so that its fingerprint (which apps pin) survives restarts.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use sha2::{Digest, Sha256};

/// PEM certificate chain and key.
pub struct TlsMaterial {
    /// Certificate chain, PEM.
    pub cert_pem: Vec<u8>,
    /// Private key, PEM.
    pub key_pem: Vec<u8>,
    /// Where the certificate came from.
    pub cert_path: PathBuf,
}

/// Loads the configured certificate and key, or (if none is configured) the self-signed pair
/// in `data_dir/tls/`, generating it on first start for `localhost`, `127.0.0.1`, `::1` and
/// the extra names given.
pub fn load_or_generate(
    cert: Option<&Path>,
    key: Option<&Path>,
    data_dir: &Path,
    extra_names: &[String],
) -> anyhow::Result<TlsMaterial> {
    if let (Some(cert), Some(key)) = (cert, key) {
        return Ok(TlsMaterial {
            cert_pem: std::fs::read(cert).with_context(|| format!("reading {}", cert.display()))?,
            key_pem: std::fs::read(key).with_context(|| format!("reading {}", key.display()))?,
            cert_path: cert.to_owned(),
        });
    }
    let dir = data_dir.join("tls");
    let cert_path = dir.join("cert.pem");
    let key_path = dir.join("key.pem");
    if !cert_path.exists() {
        std::fs::create_dir_all(&dir)?;
        let mut names = vec![
            "localhost".to_owned(),
            "127.0.0.1".to_owned(),
            "::1".to_owned(),
        ];
        names.extend(extra_names.iter().cloned());
        let generated =
            rcgen::generate_simple_self_signed(names).context("generating a certificate")?;
        crate::write_private(&key_path, generated.signing_key.serialize_pem().as_bytes())?;
        std::fs::write(&cert_path, generated.cert.pem())?;
    }
    Ok(TlsMaterial {
        cert_pem: std::fs::read(&cert_path)?,
        key_pem: std::fs::read(&key_path)?,
        cert_path,
    })
}

/// SHA-256 fingerprint of the first certificate in a PEM chain, as colon-separated hex
/// (the form browsers and `openssl x509 -fingerprint -sha256` show).
pub fn fingerprint(cert_pem: &[u8]) -> anyhow::Result<String> {
    let der = pem_first_der(cert_pem).context("no certificate in the PEM file")?;
    let digest = Sha256::digest(&der);
    Ok(digest
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":"))
}

fn pem_first_der(pem: &[u8]) -> Option<Vec<u8>> {
    use base64::Engine as _;
    let text = std::str::from_utf8(pem).ok()?;
    let start = text.find("-----BEGIN CERTIFICATE-----")? + "-----BEGIN CERTIFICATE-----".len();
    let end = start + text[start..].find("-----END CERTIFICATE-----")?;
    let b64: String = text[start..end].split_whitespace().collect();
    base64::engine::general_purpose::STANDARD.decode(b64).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_certificate_is_kept_and_its_fingerprint_is_stable() {
        let dir = tempfile::tempdir().unwrap();
        let first = load_or_generate(None, None, dir.path(), &["sync.example".into()]).unwrap();
        let again = load_or_generate(None, None, dir.path(), &[]).unwrap();
        assert_eq!(first.cert_pem, again.cert_pem);
        let fp = fingerprint(&first.cert_pem).unwrap();
        assert_eq!(fp, fingerprint(&again.cert_pem).unwrap());
        assert_eq!(fp.len(), 95);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(dir.path().join("tls/key.pem"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(
                mode & 0o077,
                0,
                "the private key is readable by its owner only"
            );
        }
    }
}
