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

use aankomst_keys::{base64_32, base64url, ceremony, rotate_team};
use aankomst_seal::{RecipientPublicKey, SignedRecipientList, TenantRootKey};
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
            let secret = Zeroizing::new(std::fs::read_to_string(&root_secret)?);
            let secret =
                Zeroizing::new(base64_32(&secret).context("the root secret is not valid")?);
            let root = TenantRootKey::from_secret_bytes(&secret);
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
    }
}
