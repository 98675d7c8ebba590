//! A panic's message never reaches the log (nor stderr): only its location does.

use std::io::Write;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn the_panic_hook_logs_the_location_and_withholds_the_message() {
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    aankomst_lib::install_private_panic_hook();
    let result = std::panic::catch_unwind(|| {
        let bsn = "ZZMARKER-PANIC-111222333";
        panic!("a value in a panic message: {bsn}");
    });
    assert!(result.is_err());
    let logged = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    assert!(logged.contains("panic (message withheld)"), "{logged}");
    assert!(logged.contains("panic_hook.rs"), "{logged}");
    assert!(!logged.contains("ZZMARKER"), "{logged}");
}
