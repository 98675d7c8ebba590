//! The municipality's key ceremony, run offline on a machine that never joins the network:
//!
//! ```sh
//! aankomst-keys ceremony --tenant gemeente-utrecht --ggd-public-key <from aankomst-ggd keygen> --out DIR
//! ```
//!
//! writes into DIR (which must not exist), each secret readable by its owner only:
//! `root.secret` (the tenant root key: keep offline, e.g. in a safe), `recovery.secret`
//! (offline), `team.secret` (entered once in the first supervisor's app), and the public
//! `root.pub` (given on paper to every counsellor for enrolment and to the GGD) and
//! `recipients.json` (registered on the server with `aankomst-server tenant set-recipients`).
//!
//! Then, still offline:
//!
//! ```sh
//! # the first supervisor's device key, as its app shows it:
//! aankomst-keys certify --root-secret DIR/root.secret --tenant gemeente-utrecht \
//!     --device-id desk-1 --device-public-key <base64url> --role supervisor --out cert.json
//! # a functional administrator's signing key, certified by the root, signs the policy:
//! aankomst-keys signer-keygen --id beheer-1 --out ADMIN
//! aankomst-keys certify ... --device-id beheer-1 --device-public-key "$(cat ADMIN/signer.pub)" \
//!     --role administrator --out ADMIN/cert.json
//! aankomst-keys default-policy --out policy.json   # edit it
//! aankomst-keys sign-policy --key ADMIN/signer.secret --cert ADMIN/cert.json \
//!     --tenant gemeente-utrecht --version 1 --out policy.signed.json policy.json
//! ```

use aankomst_keys::{
    base64_32, base64url, ceremony, certify, rotate_team, sign_policy, PolicySigner,
};
use aankomst_seal::{
    DeviceCertificate, DeviceKey, DeviceRole, RecipientPublicKey, SignedRecipientList,
    TenantRootKey,
};
use anyhow::Context;
use clap::{Parser, Subcommand};
use std::collections::BTreeMap;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

#[derive(Parser)]
#[command(about = "Aankomst key ceremony (offline)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Make a tenant's root, team and recovery keys and its signed recipient list.
    Ceremony {
        /// Tenant id, as the server knows it.
        #[arg(long)]
        tenant: String,
        /// The GGD's public key (base64url), from `aankomst-ggd keygen`.
        // base64url keys may begin with '-': a value, not a flag.
        #[arg(long, allow_hyphen_values = true)]
        ggd_public_key: String,
        /// Output directory (must not exist).
        #[arg(long)]
        out: PathBuf,
    },
    /// After revoking a laptop: a new team key and the next recipient list, signed by the root.
    RotateTeam {
        /// The root secret from the ceremony.
        #[arg(long)]
        root_secret: PathBuf,
        /// The current signed recipient list (`recipients.json`).
        #[arg(long)]
        current: PathBuf,
        /// Output directory (must not exist): `team.secret` and `recipients.json`.
        #[arg(long)]
        out: PathBuf,
    },
    /// Certify a device key with the root: the first supervisor at the ceremony, or a
    /// functional administrator's signing key.
    Certify {
        /// The root secret from the ceremony.
        #[arg(long)]
        root_secret: PathBuf,
        /// Tenant id.
        #[arg(long)]
        tenant: String,
        /// The device id the key is enrolled under (the administrator's signer id).
        #[arg(long)]
        device_id: String,
        /// The device's Ed25519 public key, base64url.
        #[arg(long, allow_hyphen_values = true)]
        device_public_key: String,
        /// counsellor, supervisor, ggd or administrator.
        #[arg(long)]
        role: String,
        /// The certificate file to write (must not exist).
        #[arg(long)]
        out: PathBuf,
    },
    /// Revoke a device with the root (a lost laptop when no supervisor's laptop is at hand):
    /// a signed `aankomst-revocation/1`, added on the server with `aankomst-server devices
    /// add-certificate`. The laptop wipes itself at its next contact, and only on this.
    Revoke {
        /// The root secret from the ceremony.
        #[arg(long)]
        root_secret: PathBuf,
        /// Tenant id.
        #[arg(long)]
        tenant: String,
        /// The device id.
        #[arg(long)]
        device_id: String,
        /// The device's Ed25519 public key, base64url (from its certificate or `aankomst-server
        /// devices list`).
        #[arg(long, allow_hyphen_values = true)]
        device_public_key: String,
        /// The revocation file to write (must not exist).
        #[arg(long)]
        out: PathBuf,
    },
    /// A signing key for a functional administrator (to be certified with `certify --role
    /// administrator`): `signer.secret` (keep offline) and `signer.pub`.
    SignerKeygen {
        /// The signer's id (used as its device id in the certificate).
        #[arg(long)]
        id: String,
        /// Output directory (must not exist).
        #[arg(long)]
        out: PathBuf,
    },
    /// Write today's default policy as JSON, to edit before signing.
    DefaultPolicy {
        /// The file to write (must not exist).
        #[arg(long)]
        out: PathBuf,
    },
    /// Sign a policy (JSON, every field present) as a version of the tenant's policy, with the
    /// root or a certified administrator's or supervisor's key.
    SignPolicy {
        /// Sign with the root secret...
        #[arg(long, conflicts_with_all = ["key", "cert"])]
        root_secret: Option<PathBuf>,
        /// ...or with a signer key (`signer.secret`)...
        #[arg(long, requires = "cert")]
        key: Option<PathBuf>,
        /// ...and its certificate.
        #[arg(long, requires = "key")]
        cert: Option<PathBuf>,
        /// Tenant id.
        #[arg(long)]
        tenant: String,
        /// The policy version: higher than every version signed before.
        #[arg(long)]
        version: u64,
        /// The signed policy file to write (must not exist).
        #[arg(long)]
        out: PathBuf,
        /// The policy JSON.
        policy: PathBuf,
    },
}

fn read_secret(path: &Path, what: &str) -> anyhow::Result<Zeroizing<[u8; 32]>> {
    let text = Zeroizing::new(
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?,
    );
    Ok(Zeroizing::new(
        base64_32(&text).with_context(|| format!("the {what} is not valid"))?,
    ))
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

fn write_new(path: &Path, contents: &[u8], mode: u32) -> anyhow::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(contents)?;
    file.sync_all()?;
    Ok(())
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Ceremony {
            tenant,
            ggd_public_key,
            out,
        } => {
            let ggd = RecipientPublicKey::from_base64url(ggd_public_key.trim())
                .context("the GGD public key is not valid")?;
            let c = ceremony(&tenant, BTreeMap::from([("ggd".to_owned(), ggd)]))?;
            std::fs::DirBuilder::new()
                .mode(0o700)
                .create(&out)
                .with_context(|| format!("creating {} (it must not exist)", out.display()))?;
            write_new(
                &out.join("root.secret"),
                base64url(c.root.secret_bytes().as_slice()).as_bytes(),
                0o600,
            )?;
            write_new(
                &out.join("team.secret"),
                base64url(c.team.secret_bytes().as_slice()).as_bytes(),
                0o600,
            )?;
            write_new(
                &out.join("recovery.secret"),
                base64url(c.recovery.secret_bytes().as_slice()).as_bytes(),
                0o600,
            )?;
            let root_pub = c.root.public().to_base64url();
            write_new(&out.join("root.pub"), root_pub.as_bytes(), 0o644)?;
            write_new(
                &out.join("recipients.json"),
                &c.signed_list.to_json(),
                0o644,
            )?;
            println!("tenant root public key: {root_pub}");
            println!("written to {}: root.secret, team.secret, recovery.secret (keep offline), root.pub, recipients.json", out.display());
            Ok(())
        }
        Command::RotateTeam {
            root_secret,
            current,
            out,
        } => {
            let root =
                TenantRootKey::from_secret_bytes(&*read_secret(&root_secret, "root secret")?);
            let current = SignedRecipientList::from_json(&std::fs::read(&current)?)
                .context("the current recipient list does not parse")?;
            let (team, next) = rotate_team(&current, &root)?;
            std::fs::DirBuilder::new()
                .mode(0o700)
                .create(&out)
                .with_context(|| format!("creating {} (it must not exist)", out.display()))?;
            write_new(
                &out.join("team.secret"),
                base64url(team.secret_bytes().as_slice()).as_bytes(),
                0o600,
            )?;
            write_new(&out.join("recipients.json"), &next.to_json(), 0o644)?;
            println!(
                "recipient list generation {} with a new team key written to {}",
                next.generation(),
                out.display()
            );
            Ok(())
        }
        Command::Certify {
            root_secret,
            tenant,
            device_id,
            device_public_key,
            role,
            out,
        } => {
            let root =
                TenantRootKey::from_secret_bytes(&*read_secret(&root_secret, "root secret")?);
            let role = DeviceRole::parse(role.trim()).context("unknown role")?;
            let cert = certify(
                &root,
                &tenant,
                &device_id,
                device_public_key.trim(),
                role,
                now_ms(),
            )
            .context("the device id or public key is not valid")?;
            write_new(&out, &cert.to_json(), 0o644)?;
            println!(
                "certified {} as {} for {}, written to {}",
                cert.device_id(),
                cert.role(),
                cert.tenant(),
                out.display()
            );
            Ok(())
        }
        Command::Revoke {
            root_secret,
            tenant,
            device_id,
            device_public_key,
            out,
        } => {
            let root =
                TenantRootKey::from_secret_bytes(&*read_secret(&root_secret, "root secret")?);
            let key = base64_32(device_public_key.trim())
                .context("the device public key is not 32 bytes of base64url")?;
            let device = aankomst_seal::DevicePublicKey::from_bytes(&device_id, &key)
                .context("the device id or public key is not valid")?;
            let revocation = aankomst_seal::Statement::issue(
                aankomst_seal::Issuer::Root(&root),
                &tenant,
                aankomst_seal::StatementKind::Revocation,
                &device,
                now_ms(),
            )
            .context("the revocation could not be signed")?;
            write_new(&out, &revocation.to_json(), 0o644)?;
            println!(
                "revocation of {device_id} for {tenant} written to {}",
                out.display()
            );
            Ok(())
        }
        Command::SignerKeygen { id, out } => {
            let key = DeviceKey::generate(&id, &mut aankomst_seal::system_rng())
                .context("the id is not valid")?;
            std::fs::DirBuilder::new()
                .mode(0o700)
                .create(&out)
                .with_context(|| format!("creating {} (it must not exist)", out.display()))?;
            write_new(
                &out.join("signer.secret"),
                base64url(key.secret_bytes().as_slice()).as_bytes(),
                0o600,
            )?;
            let public = key.public().to_base64url();
            write_new(&out.join("signer.pub"), public.as_bytes(), 0o644)?;
            println!("signer {id} public key: {public}");
            Ok(())
        }
        Command::DefaultPolicy { out } => {
            let policy = aankomst_core::policy::Policy::default();
            let mut text = serde_json::to_vec_pretty(&policy)?;
            text.push(b'\n');
            write_new(&out, &text, 0o644)?;
            println!("default policy written to {}", out.display());
            Ok(())
        }
        Command::SignPolicy {
            root_secret,
            key,
            cert,
            tenant,
            version,
            out,
            policy,
        } => {
            let content =
                std::fs::read(&policy).with_context(|| format!("reading {}", policy.display()))?;
            let signed = match (root_secret, key, cert) {
                (Some(root_secret), None, None) => {
                    let root = TenantRootKey::from_secret_bytes(&*read_secret(
                        &root_secret,
                        "root secret",
                    )?);
                    sign_policy(
                        PolicySigner::Root(&root),
                        &tenant,
                        version,
                        now_ms(),
                        &content,
                    )?
                }
                (None, Some(key), Some(cert)) => {
                    let cert = DeviceCertificate::from_json(
                        &std::fs::read(&cert)
                            .with_context(|| format!("reading {}", cert.display()))?,
                    )
                    .context("the certificate does not parse")?;
                    let key = DeviceKey::from_secret_bytes(
                        cert.device_id(),
                        &*read_secret(&key, "signer secret")?,
                    )?;
                    sign_policy(
                        PolicySigner::Certified(&key, &cert),
                        &tenant,
                        version,
                        now_ms(),
                        &content,
                    )?
                }
                _ => anyhow::bail!("give either --root-secret, or --key and --cert"),
            };
            write_new(&out, &signed.to_json(), 0o644)?;
            println!(
                "policy version {} for {} signed, written to {}",
                signed.version(),
                signed.tenant(),
                out.display()
            );
            Ok(())
        }
    }
}
