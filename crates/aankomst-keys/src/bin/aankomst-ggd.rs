//! The GGD's reader for what counsellors sealed for it (the K10):
//!
//! ```sh
//! aankomst-ggd keygen --out ggd.secret          # once; give the printed public key to the municipality
//! aankomst-ggd open --key ggd.secret --tenant-root <root.pub> export.json [--json]
//! ```
//!
//! `open` reads an export made by the server's IT admin (`aankomst-server export-sealed`),
//! checks it against the tenant root key (on paper from the municipality), opens the
//! envelopes sealed for the GGD and prints each administration with its answers, score, band
//! and raised safety flags, which device started it and which device wrote each revision.
//! Revisions that break the write rules (only the starting device writes an administration;
//! its definition and seal never change) are listed as refused with their author and not
//! applied. It opens nothing else: it cannot.

use aankomst_instruments::Registry;
use aankomst_keys::{base64_32, base64url, open_sealed_export};
use aankomst_protocol::sealed_export::SealedExport;
use aankomst_seal::{RecipientKeyPair, TenantRootPublicKey};
use anyhow::Context;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;
use zeroize::Zeroizing;

#[derive(Parser)]
#[command(about = "Aankomst: the GGD's reader for sealed questionnaires")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Make the GGD's key pair: the secret to FILE (owner-only), the public key printed.
    Keygen {
        #[arg(long)]
        out: PathBuf,
    },
    /// Open an export of sealed envelopes.
    Open {
        /// The GGD's secret key file (from keygen).
        #[arg(long)]
        key: PathBuf,
        /// The tenant root public key (base64url), from the municipality on paper.
        // base64url keys may begin with '-': a value, not a flag.
        #[arg(long, allow_hyphen_values = true)]
        tenant_root: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// The export file.
        export: PathBuf,
    },
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Keygen { out } => {
            let key = RecipientKeyPair::generate(&mut aankomst_seal::system_rng());
            let secret = Zeroizing::new(base64url(key.secret_bytes().as_slice()));
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&out)
                .with_context(|| format!("creating {} (it must not exist)", out.display()))?;
            file.write_all(secret.as_bytes())?;
            file.sync_all()?;
            println!("{}", key.public().to_base64url());
            Ok(())
        }
        Command::Open {
            key,
            tenant_root,
            json,
            export,
        } => {
            let secret = Zeroizing::new(
                std::fs::read_to_string(&key)
                    .with_context(|| format!("reading {}", key.display()))?,
            );
            let secret =
                Zeroizing::new(base64_32(&secret).context("the key file is not a GGD key")?);
            let key = RecipientKeyPair::from_secret_bytes(&secret);
            let root = TenantRootPublicKey::from_base64url(tenant_root.trim())
                .context("the tenant root key is not valid")?;
            let export: SealedExport = serde_json::from_slice(
                &std::fs::read(&export).with_context(|| format!("reading {}", export.display()))?,
            )
            .context("the export does not parse")?;
            let registry = Registry::with_shipped()?;
            let report = open_sealed_export(&export, &root, &key, &registry)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
                return Ok(());
            }
            for a in &report.administrations {
                println!(
                    "{} {} — client {} — {} ({}, {})",
                    a.definition_id.as_deref().unwrap_or("?"),
                    a.definition_version.as_deref().unwrap_or(""),
                    a.client_id.as_deref().unwrap_or("?"),
                    a.status.as_deref().unwrap_or("?"),
                    a.completed_at
                        .as_deref()
                        .or(a.started_at.as_deref())
                        .unwrap_or("?"),
                    a.language.as_deref().unwrap_or("?"),
                );
                println!(
                    "  total {} — band {}{}",
                    a.total
                        .as_deref()
                        .unwrap_or("none (too many items missing)"),
                    a.band.as_deref().unwrap_or("none"),
                    if a.raised_safety_flags.is_empty() {
                        String::new()
                    } else {
                        format!(" — SAFETY SIGNAL: {}", a.raised_safety_flags.join(", "))
                    }
                );
                println!("  started on device {}", a.created_by);
                for (code, value) in &a.answers {
                    println!("    {code}: {value}");
                }
                for r in &a.history {
                    match &r.refused {
                        None => {
                            println!("  revision {} by device {}", r.revision_id, r.author_device)
                        }
                        Some(why) => println!(
                            "  REFUSED revision {} by device {}: {why}",
                            r.revision_id, r.author_device
                        ),
                    }
                }
            }
            for r in report.refused_revisions.iter().filter(|r| {
                !report
                    .administrations
                    .iter()
                    .any(|a| a.administration_id == r.administration_id)
            }) {
                println!(
                    "REFUSED revision {} of administration {} by device {}: {}",
                    r.revision_id, r.administration_id, r.author_device, r.reason
                );
            }
            println!(
                "{} administrations opened; {} envelopes refused (bad signature or unknown author); {} revisions refused (written by a device that did not start the administration, or changing what its start fixed); {} not sealed for this key",
                report.administrations.len(),
                report.refused,
                report.refused_revisions.len(),
                report.not_for_us
            );
            Ok(())
        }
    }
}
