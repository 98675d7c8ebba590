//! Tauri commands, generated from the one command list in `aankomst-app`
//! ([`aankomst_app::for_each_command!`]): a wrapper per command that moves its arguments onto
//! Tauri's blocking pool (SQLite, Typst, blocking HTTP and the sync engine's client never run
//! on the async threads), where a panic becomes the `internal` error, and the handler list.
//! Nothing else lives here: a command's body is a method of `AppService`.

use aankomst_app::commands::types::*;
use std::sync::Arc;
use tauri::State;

/// Runs a command on the blocking pool; a pool task that fails anyway is `internal`.
async fn off_the_async_threads<T: Send + 'static>(
    service: &Arc<AppService>,
    job: impl FnOnce(&AppService) -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let service = Arc::clone(service);
    tauri::async_runtime::spawn_blocking(move || job(&service))
        .await
        .unwrap_or_else(|_| Err(AppError::new("internal")))
}

macro_rules! tauri_commands {
    ($( $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty => $body:expr ; )*) => {
        $(
            // snake_case like every argument the UI sends (Tauri's default would be camelCase).
            #[tauri::command(rename_all = "snake_case")]
            async fn $name(
                service: State<'_, Arc<AppService>>,
                $( $arg: $ty ),*
            ) -> Result<$ret, AppError> {
                // The body's panic is caught by `run` and becomes `internal`.
                off_the_async_threads(&service, move |s| aankomst_app::commands::run(s, $body))
                    .await
            }
        )*

        /// Every command, for `Builder::invoke_handler`; generic so tests can use the mock
        /// runtime.
        pub fn handler<R: tauri::Runtime>(
        ) -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$( $name ),*]
        }
    };
}

aankomst_app::for_each_command!(tauri_commands);
