//! Against the real Secret Service (gnome-keyring in a private D-Bus session). Ignored by
//! default; `scripts/run-tests.sh` runs them with `--ignored` inside `dbus-run-session`.

mod common;

use aankomst_store::{OpenOptions, OsKeychain, Profiles, SecretError, SecretStore};
use common::*;
use std::sync::Arc;

const SERVICE: &str = "nl.aankomst.desktop.test";

#[test]
#[ignore = "needs a Secret Service (run by scripts/run-tests.sh)"]
fn keychain_round_trip() {
    let k = OsKeychain::new(SERVICE);
    let account = format!("roundtrip-{}", uuid::Uuid::now_v7());
    assert_eq!(k.get(&account), Err(SecretError::NotFound));
    k.set(&account, "v1.bm9uY2U.c2VjcmV0").unwrap();
    assert_eq!(k.get(&account).unwrap(), "v1.bm9uY2U.c2VjcmV0");
    k.set(&account, "v1.b3RoZXI.dmFsdWU").unwrap();
    assert_eq!(k.get(&account).unwrap(), "v1.b3RoZXI.dmFsdWU");
    k.delete(&account).unwrap();
    assert_eq!(k.get(&account), Err(SecretError::NotFound));
}

#[test]
#[ignore = "needs a Secret Service (run by scripts/run-tests.sh)"]
fn keychain_profile_create_and_unlock_through_the_secret_service() {
    let dir = tempfile::tempdir().unwrap();
    let p = Profiles::new(dir.path(), Arc::new(OsKeychain::new(SERVICE)));
    let (meta, store) = p
        .create("Keychain test", PASSPHRASE, false, cheap_kdf())
        .unwrap();
    drop(store);
    // A new keychain handle (as after a restart) finds the wrapped key.
    let p2 = Profiles::new(dir.path(), Arc::new(OsKeychain::new(SERVICE)));
    assert!(p2
        .unlock(&meta.id, PASSPHRASE, 0, &OpenOptions::default())
        .is_ok());
    assert!(p2
        .unlock(
            &meta.id,
            "not the passphrase at all",
            0,
            &OpenOptions::default()
        )
        .is_err());
    OsKeychain::new(SERVICE)
        .delete(&format!("profile-{}", meta.id))
        .unwrap();
}
