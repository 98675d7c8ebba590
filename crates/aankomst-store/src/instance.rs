use crate::StoreError;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

/// Held while the app runs, so that a second instance cannot open the same profiles
/// (two writers would each believe they hold the only copy of the clock). The OS drops
/// the lock when the process dies, even by SIGKILL.
#[derive(Debug)]
pub struct InstanceLock {
    _file: File,
}

impl InstanceLock {
    pub fn acquire(data_dir: &Path) -> Result<Self, StoreError> {
        crate::profiles::create_private_dir(data_dir)?;
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(data_dir.join("aankomst.lock"))?;
        match file.try_lock() {
            Ok(()) => Ok(InstanceLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(StoreError::AlreadyRunning),
            Err(TryLockError::Error(e)) => Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_directory_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let first = InstanceLock::acquire(dir.path()).unwrap();
        assert!(matches!(
            InstanceLock::acquire(dir.path()),
            Err(StoreError::AlreadyRunning)
        ));
        drop(first);
        assert!(InstanceLock::acquire(dir.path()).is_ok());
    }
}
