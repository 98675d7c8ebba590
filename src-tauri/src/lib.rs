//! The desktop shell: starts logging, builds the [`AppService`] and exposes its methods
//! as Tauri commands. Each command only converts arguments and errors; the bodies live
//! in `aankomst-app`, where they are tested without a window.

pub mod commands;

use aankomst_app::ipc::{LockReasonPayload, LockedEvent};
use aankomst_app::{AppService, Host, LockReason, ServiceConfig};
use aankomst_store::OsKeychain;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};
use tauri::{Emitter, Manager};

/// The keychain service name under which database keys are stored.
pub const KEYCHAIN_SERVICE: &str = "nl.aankomst.desktop";

/// Where profiles live: `$AANKOMST_DATA_DIR`, else `$XDG_DATA_HOME/aankomst`, else
/// `~/.local/share/aankomst`.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("AANKOMST_DATA_DIR") {
        return PathBuf::from(dir);
    }
    if let Some(dir) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("aankomst");
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    home.join(".local/share/aankomst")
}

struct TauriHost {
    app: OnceLock<tauri::AppHandle>,
}

impl Host for TauriHost {
    fn locked(&self, reason: LockReason) {
        let Some(app) = self.app.get() else { return };
        let reason = match reason {
            LockReason::Idle => LockReasonPayload::Idle,
            LockReason::Manual => LockReasonPayload::Manual,
        };
        // Client-facing windows (other than the main one) close with the lock.
        for (label, window) in app.webview_windows() {
            if label != "main" {
                let _ = window.close();
            }
        }
        if let Err(e) = app.emit("locked", LockedEvent { reason }) {
            tracing::warn!(error = %e, "could not tell the UI about the lock");
        }
    }

    fn sync_progress(&self, progress: &aankomst_app::sync_ipc::SyncProgress) {
        let Some(app) = self.app.get() else { return };
        if let Err(e) = app.emit("sync-progress", progress) {
            tracing::warn!(error = %e, "could not send sync progress to the UI");
        }
    }

    fn downloads_dir(&self) -> Option<PathBuf> {
        let app = self.app.get()?;
        app.path()
            .download_dir()
            .or_else(|_| app.path().home_dir())
            .ok()
    }

    /// The GTK save dialog, opened from Rust only (the webview has no `dialog:` permission),
    /// so the path a file is written to always comes from the user.
    fn choose_save_path(&self, dialog: &aankomst_app::exports::SaveDialog) -> Option<PathBuf> {
        use tauri_plugin_dialog::DialogExt;
        let app = self.app.get()?;
        let extensions: Vec<&str> = dialog.extensions.iter().map(String::as_str).collect();
        app.dialog()
            .file()
            .set_title(&dialog.title)
            .add_filter(&dialog.filter_name, &extensions)
            .set_file_name(&dialog.file_name)
            .blocking_save_file()?
            .into_path()
            .ok()
    }

    fn wiped(&self) {
        let Some(app) = self.app.get() else { return };
        for (label, window) in app.webview_windows() {
            if label != "main" {
                let _ = window.close();
            }
        }
        if let Err(e) = app.emit("wiped", ()) {
            tracing::warn!(error = %e, "could not tell the UI about the wipe");
        }
    }
}

fn init_logging(data_dir: &std::path::Path) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    use tracing_subscriber::prelude::*;
    let filter = tracing_subscriber::EnvFilter::try_from_env("AANKOMST_LOG")
        .unwrap_or_else(|_| "info".into());
    let logs = data_dir.join("logs");
    let file = std::fs::create_dir_all(&logs)
        .ok()
        .map(|_| tracing_appender::rolling::daily(&logs, "aankomst.log"));
    let (writer, guard) = match file {
        Some(f) => {
            let (w, g) = tracing_appender::non_blocking(f);
            (Some(w), Some(g))
        }
        None => (None, None),
    };
    let registry = tracing_subscriber::registry()
        .with(filter)
        .with(tracing_subscriber::fmt::layer().with_writer(std::io::stderr));
    let result = match writer {
        Some(w) => registry
            .with(
                tracing_subscriber::fmt::layer()
                    .with_ansi(false)
                    .with_writer(w),
            )
            .try_init(),
        None => registry.try_init(),
    };
    let _ = result;
    guard
}

/// Replaces the default panic hook, which prints the panic message to stderr. A message can
/// carry values (an unwrapped field, say), and a desktop session may keep an app's stderr in
/// its journal: record only where the panic happened.
pub fn install_private_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()));
        tracing::error!(
            location = location.as_deref().unwrap_or("unknown"),
            "panic (message withheld)"
        );
    }));
}

pub fn run() {
    let data_dir = data_dir();
    let _log_guard = init_logging(&data_dir);
    install_private_panic_hook();
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "Aankomst starting");

    let host = Arc::new(TauriHost {
        app: OnceLock::new(),
    });
    let mut config = ServiceConfig::new(data_dir, Arc::new(OsKeychain::new(KEYCHAIN_SERVICE)));
    // Measuring the whole app with a large demo profile (docs/benchmarks.md) needs a bigger one.
    let env_number = |name: &str| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
    };
    if let Some(n) = env_number("AANKOMST_DEMO_CLIENTS") {
        config.demo_clients = n;
    }
    if let Some(n) = env_number("AANKOMST_DEMO_CONVERSATIONS_PER_CASE") {
        config.demo_conversations_per_case = n;
    }
    let service = Arc::new(AppService::new(config, host.clone()));

    let app = tauri::Builder::default()
        // The save dialog for documents. It is opened from Rust only (no `dialog:` permission
        // for the webview), so the path a PDF is written to always comes from the user.
        .plugin(tauri_plugin_dialog::init())
        .manage(service.clone())
        .invoke_handler(commands::handler())
        .setup(move |app| {
            let _ = host.app.set(app.handle().clone());
            let watched = service.clone();
            std::thread::Builder::new()
                .name("auto-lock".into())
                .spawn(move || loop {
                    std::thread::sleep(Duration::from_secs(2));
                    watched.check_idle(Instant::now());
                })?;
            Ok(())
        })
        .build(tauri::generate_context!())
        .expect("the Tauri application could not be built");
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            handle.state::<Arc<AppService>>().lock(LockReason::Manual);
            tracing::info!("Aankomst stopped");
        }
    });
}
