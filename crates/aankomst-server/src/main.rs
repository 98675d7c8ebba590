//! `aankomst-server`: the municipal sync server and its admin CLI. See the README.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use aankomst_server::config::{FileConfig, StorageConfig, DEFAULT_DATA_DIR, DEFAULT_LISTEN};
use aankomst_server::protocol::Role;
use aankomst_server::{http, tls, Limits, Service, SqliteStorage, Storage, DATABASE_FILE};
use anyhow::{bail, Context as _};
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "aankomst-server",
    version,
    about = "Aankomst municipal sync server"
)]
struct Cli {
    /// Configuration file (TOML).
    #[arg(long, global = true, env = "AANKOMST_SERVER_CONFIG")]
    config: Option<PathBuf>,
    /// Data directory (database, server key, generated TLS certificate).
    #[arg(long, global = true, env = "AANKOMST_SERVER_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Storage: `sqlite` (default) or a postgres:// URL.
    #[arg(long, global = true)]
    storage: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server (the default when no command is given).
    Serve {
        /// Address to listen on, e.g. 0.0.0.0:8443 (port 0 picks a free port).
        #[arg(long)]
        listen: Option<String>,
        /// TLS certificate chain (PEM); a self-signed one is generated if absent.
        #[arg(long, requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// TLS private key (PEM).
        #[arg(long, requires = "tls_cert")]
        tls_key: Option<PathBuf>,
    },
    /// Tenants (municipalities).
    Tenant {
        #[command(subcommand)]
        command: TenantCommand,
    },
    /// Issue a one-time enrolment code (printed once; only its hash is stored).
    EnrolCode {
        /// Tenant id.
        tenant: String,
        /// Role of the device that will enrol with it.
        #[arg(long, value_enum, default_value = "supervisor")]
        role: RoleArg,
        /// Hours the code stays valid.
        #[arg(long, default_value_t = 72)]
        valid_hours: u64,
    },
    /// Enrolled devices.
    Devices {
        #[command(subcommand)]
        command: DevicesCommand,
    },
    /// Export what was sealed for a sealing recipient (the GGD) for its reader
    /// (`aankomst-ggd open`): envelopes only, which the server cannot read either.
    ExportSealed {
        /// Tenant id.
        tenant: String,
        /// The sealing recipient's name in the recipient list.
        #[arg(long, default_value = "ggd")]
        recipient: String,
        /// Only envelopes after this server sequence (the previous export's `last_sequence`).
        #[arg(long, default_value_t = 0)]
        after: u64,
        /// Destination file (must not exist).
        file: PathBuf,
    },
    /// Check every device's audit chain in a tenant for gaps and broken links, and list the
    /// flags raised on devices' audit chain heads (a regression or a fork); exits non-zero
    /// when a chain is broken or a device is flagged.
    AuditCheck {
        /// Tenant id.
        tenant: String,
    },
    /// Write a consistent copy of the SQLite database to FILE (safe while the server runs).
    Backup {
        /// Destination file (must not exist).
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum TenantCommand {
    /// Create a tenant with its root public key (Ed25519, base64url).
    Create {
        /// Tenant id, as envelopes name it (e.g. gemeente-utrecht).
        id: String,
        /// Display name.
        #[arg(long)]
        name: String,
        /// The tenant root public key (base64url, 32 bytes).
        // base64url keys may begin with '-': a value, not a flag.
        #[arg(long, allow_hyphen_values = true)]
        root_public_key: String,
    },
    /// Register the tenant's signed recipient list (team, recovery and sealing keys), from a
    /// JSON file; refused unless signed by the tenant's root key and newer than the current.
    SetRecipients {
        /// Tenant id.
        tenant: String,
        /// The signed list (`aankomst-recipients/1` JSON); `-` for standard input.
        file: PathBuf,
    },
    /// Publish the tenant's signed municipal policy (`aankomst-policy/1` JSON, made with
    /// `aankomst-keys sign-policy`); refused unless for this tenant and newer than the one
    /// held. Every laptop verifies its signer and content at its next sync.
    SetPolicy {
        /// Tenant id.
        tenant: String,
        /// The signed policy; `-` for standard input.
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum DevicesCommand {
    /// List devices.
    List {
        /// Only this tenant.
        #[arg(long)]
        tenant: Option<String>,
    },
    /// Add a device certificate (or a signed revocation or role change) from a JSON file, as
    /// `aankomst-keys certify` writes it at the key ceremony for the first supervisor and for
    /// administrators. Refused unless it chains to the tenant's root key; `-` reads standard
    /// input.
    AddCertificate {
        /// Tenant id.
        tenant: String,
        /// The `aankomst-device-certificate/1` (or statement) JSON file.
        file: PathBuf,
    },
    /// Block a device: the server refuses it from now on. This is no revocation: the device
    /// keeps its data (only a revocation signed by a supervisor makes a laptop wipe itself;
    /// revoke from a supervisor's app).
    Revoke {
        /// Tenant id.
        tenant: String,
        /// Device id.
        device: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum RoleArg {
    Supervisor,
    Counsellor,
}

struct Settings {
    data_dir: PathBuf,
    storage: StorageConfig,
    file: FileConfig,
}

fn settings(cli: &Cli) -> anyhow::Result<Settings> {
    let file = match &cli.config {
        Some(p) => FileConfig::read(p)?,
        None => FileConfig::default(),
    };
    let data_dir = cli
        .data_dir
        .clone()
        .or_else(|| file.data_dir.clone())
        .unwrap_or_else(|| PathBuf::from(DEFAULT_DATA_DIR));
    let storage = StorageConfig::parse(
        cli.storage
            .as_deref()
            .or(file.storage.as_deref())
            .unwrap_or("sqlite"),
    )?;
    std::fs::create_dir_all(&data_dir)
        .with_context(|| format!("creating data directory {}", data_dir.display()))?;
    Ok(Settings {
        data_dir,
        storage,
        file,
    })
}

fn open_storage(s: &Settings) -> anyhow::Result<Arc<dyn Storage>> {
    match &s.storage {
        StorageConfig::Sqlite => Ok(Arc::new(
            SqliteStorage::open(&s.data_dir.join(DATABASE_FILE)).context("opening the database")?,
        )),
        StorageConfig::Postgres(url) => Ok(Arc::new(
            aankomst_server::PostgresStorage::connect(url).context("connecting to PostgreSQL")?,
        )),
    }
}

fn service(s: &Settings, limits: Limits) -> anyhow::Result<Service> {
    let storage = open_storage(s)?;
    let key = aankomst_server::load_or_create_server_key(&s.data_dir)?;
    Ok(Service::new(storage, key, limits))
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let s = settings(&cli)?;
    let limits = s.file.limits;
    match cli.command.unwrap_or(Command::Serve {
        listen: None,
        tls_cert: None,
        tls_key: None,
    }) {
        Command::Serve {
            listen,
            tls_cert,
            tls_key,
        } => {
            let listen = listen
                .or_else(|| s.file.listen.clone())
                .unwrap_or_else(|| DEFAULT_LISTEN.to_owned());
            let cert = tls_cert.or_else(|| s.file.tls_cert.clone());
            let key = tls_key.or_else(|| s.file.tls_key.clone());
            let service = Arc::new(service(&s, limits)?);
            serve(
                service,
                &listen,
                cert.as_deref(),
                key.as_deref(),
                &s.data_dir,
                &s.file.tls_names,
            )
        }
        Command::Tenant { command } => {
            let svc = service(&s, limits)?;
            match command {
                TenantCommand::Create {
                    id,
                    name,
                    root_public_key,
                } => {
                    svc.create_tenant(&id, &name, &root_public_key)?;
                    println!("tenant {id} created");
                }
                TenantCommand::SetRecipients { tenant, file } => {
                    let json = read_input(&file)?;
                    let generation = svc.set_recipient_list(&tenant, &json)?;
                    println!("recipient list generation {generation} registered for {tenant}");
                }
                TenantCommand::SetPolicy { tenant, file } => {
                    let json = read_input(&file)?;
                    let version = svc.set_policy(&tenant, &json)?;
                    println!("policy version {version} published for {tenant}");
                }
            }
            Ok(())
        }
        Command::EnrolCode {
            tenant,
            role,
            valid_hours,
        } => {
            let svc = service(&s, limits)?;
            let role = match role {
                RoleArg::Supervisor => Role::Supervisor,
                RoleArg::Counsellor => Role::Counsellor,
            };
            let code = svc.issue_enrolment_code(&tenant, role, valid_hours * 3_600_000)?;
            println!("{code}");
            Ok(())
        }
        Command::Devices { command } => {
            let svc = service(&s, limits)?;
            match command {
                DevicesCommand::List { tenant } => {
                    for d in svc.devices(tenant.as_deref())? {
                        println!(
                            "{}\t{}\t{}\t{}\t{}",
                            d.tenant,
                            d.device_id,
                            d.role.as_str(),
                            d.status,
                            d.public_key
                        );
                    }
                }
                DevicesCommand::AddCertificate { tenant, file } => {
                    let json = if file == Path::new("-") {
                        let mut buf = String::new();
                        std::io::Read::read_to_string(&mut std::io::stdin(), &mut buf)?;
                        buf
                    } else {
                        std::fs::read_to_string(&file)
                            .with_context(|| format!("reading {}", file.display()))?
                    };
                    let new = svc.admit_trust(&tenant, &[json.trim().to_owned()])?;
                    if new == 0 {
                        println!("already held for {tenant}");
                    } else {
                        println!("admitted for {tenant}");
                    }
                }
                DevicesCommand::Revoke { tenant, device } => {
                    svc.revoke_device(&tenant, &device)?;
                    println!("device {device} of {tenant} blocked");
                }
            }
            Ok(())
        }
        Command::ExportSealed {
            tenant,
            recipient,
            after,
            file,
        } => {
            let storage = open_storage(&s)?;
            let export = aankomst_server::export::export_sealed(
                storage.as_ref(),
                &tenant,
                &recipient,
                after,
            )?;
            let mut out = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&file)
                .with_context(|| format!("creating {} (it must not exist)", file.display()))?;
            serde_json::to_writer(&mut out, &export)?;
            println!(
                "{} envelopes sealed for {recipient} written to {} (last sequence {})",
                export.envelopes.len(),
                file.display(),
                export.last_sequence
            );
            Ok(())
        }
        Command::AuditCheck { tenant } => {
            let storage = open_storage(&s)?;
            let reports =
                aankomst_server::audit_check::check_audit_chains(storage.as_ref(), &tenant)?;
            let mut broken = 0;
            for r in &reports {
                if r.breaks.is_empty() {
                    println!("{}	intact	{} entries", r.device, r.entries);
                } else {
                    broken += 1;
                    for b in &r.breaks {
                        println!("{}	BROKEN	{b}", r.device);
                    }
                }
            }
            let flags = storage.audit_flags(&tenant)?;
            for (device, f) in &flags {
                let what = match f.kind {
                    aankomst_server::protocol::AuditFlagKind::Regression => {
                        "head went back (entries cut or store restored)"
                    }
                    aankomst_server::protocol::AuditFlagKind::Fork => {
                        "chain rewritten (same entry number, other hash)"
                    }
                };
                println!(
                    "{device}	FLAGGED	{}: {what}: had shown entry {} ({}), then entry {} ({}) at {} ms",
                    f.kind.as_str(),
                    f.seen_seq,
                    f.seen_hash,
                    f.claimed_seq,
                    f.claimed_hash,
                    f.at_ms
                );
            }
            if broken > 0 || !flags.is_empty() {
                bail!(
                    "{broken} device audit chain(s) broken, {} audit head flag(s)",
                    flags.len()
                );
            }
            Ok(())
        }
        Command::Backup { file } => {
            if file.exists() {
                bail!("{} exists; choose a new file", file.display());
            }
            open_storage(&s)?.backup(&file)?;
            println!("backup written to {}", file.display());
            Ok(())
        }
    }
}

fn serve(
    service: Arc<Service>,
    listen: &str,
    cert: Option<&Path>,
    key: Option<&Path>,
    data_dir: &Path,
    tls_names: &[String],
) -> anyhow::Result<()> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let material = tls::load_or_generate(cert, key, data_dir, tls_names)?;
    let fingerprint = tls::fingerprint(&material.cert_pem)?;
    let addr: SocketAddr = listen
        .parse()
        .with_context(|| format!("listen address {listen:?}"))?;
    let listener = std::net::TcpListener::bind(addr).with_context(|| format!("binding {addr}"))?;
    listener.set_nonblocking(true)?;
    let local = listener.local_addr()?;
    let info = service.server_info();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let config = axum_server::tls_rustls::RustlsConfig::from_pem(
            material.cert_pem.clone(),
            material.key_pem.clone(),
        )
        .await
        .context("loading the TLS certificate and key")?;
        println!("certificate: {}", material.cert_path.display());
        println!("certificate sha256 fingerprint: {fingerprint}");
        println!(
            "server receipt key: {} ({})",
            info.server_public_key, info.server_key_id
        );
        println!("listening on https://{local}");
        let handle = axum_server::Handle::new();
        let shutdown = handle.clone();
        tokio::spawn(async move {
            let _ = tokio::signal::ctrl_c().await;
            shutdown.graceful_shutdown(Some(std::time::Duration::from_secs(10)));
        });
        axum_server::from_tcp_rustls(listener, config)
            .handle(handle)
            .serve(http::router(service).into_make_service())
            .await
            .context("serving")
    })
}

/// A file's bytes, or standard input's for `-`.
fn read_input(file: &Path) -> anyhow::Result<Vec<u8>> {
    if file == Path::new("-") {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(file).with_context(|| format!("reading {}", file.display()))
    }
}
