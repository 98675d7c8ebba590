// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // WebKitGTK's accelerated compositing costs about 100 MiB in the web process and buys
    // nothing for forms and tables; without it WebKit also renders reliably on the weak or
    // virtual GPUs of shared reception-centre laptops (docs/benchmarks.md). Set
    // AANKOMST_WEBKIT_COMPOSITING=1 to keep WebKit's default. This runs before GTK starts
    // and before any other thread exists.
    #[cfg(target_os = "linux")]
    if std::env::var_os("AANKOMST_WEBKIT_COMPOSITING").is_none()
        && std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none()
    {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    aankomst_lib::run();
}
