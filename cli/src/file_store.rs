//! A [`SecureStore`] for the terminal: a JSON file readable only by the
//! user (0600). Phones use Keychain / Keystore instead.

use std::collections::BTreeMap;
use std::path::PathBuf;

use dvc_core::platform::SecureStore;
use dvc_core::{CoreError, CoreResult};

/// Secrets kept in one file.
#[derive(Debug)]
pub struct FileSecureStore {
    path: PathBuf,
}

impl FileSecureStore {
    /// A store in `path` (created on first save).
    pub fn new(path: PathBuf) -> Self {
        Self { path }
    }

    fn read(&self) -> CoreResult<BTreeMap<String, String>> {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => match serde_json::from_str(&text) {
                Ok(values) => Ok(values),
                Err(e) => self.move_aside(&e.to_string()),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
            Err(e) => Err(CoreError::file(&self.path, &e)),
        }
    }

    /// An unreadable store is kept aside (never deleted) and counts as
    /// empty: the user is told where it went and signs in again.
    fn move_aside(&self, why: &str) -> CoreResult<BTreeMap<String, String>> {
        let mut aside = self.path.clone().into_os_string();
        aside.push(format!(".corrupt-{}", chrono::Utc::now().timestamp()));
        let aside = PathBuf::from(aside);
        std::fs::rename(&self.path, &aside).map_err(|e| CoreError::file(&self.path, &e))?;
        eprintln!(
            "dvc: {} không đọc được ({why}); đã chuyển sang {} — hãy đăng nhập lại.\n\
             dvc: {} was unreadable ({why}); it was moved to {} — please sign in again.",
            self.path.display(),
            aside.display(),
            self.path.display(),
            aside.display()
        );
        Ok(BTreeMap::new())
    }

    fn write(&self, values: &BTreeMap<String, String>) -> CoreResult<()> {
        // A temporary file of this process's own: two `dvc` at once never
        // write into each other's.
        let tmp = self
            .path
            .with_extension(format!("tmp-{}", std::process::id()));
        let text = serde_json::to_string_pretty(values)?;
        write_private(&tmp, text.as_bytes()).map_err(|e| CoreError::file(&tmp, &e))?;
        std::fs::rename(&tmp, &self.path).map_err(|e| CoreError::file(&self.path, &e))
    }
}

/// Writes `bytes` to a new file only the user can read.
pub fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

impl SecureStore for FileSecureStore {
    fn load(&self, key: String) -> CoreResult<Option<String>> {
        Ok(self.read()?.remove(&key))
    }

    fn save(&self, key: String, value: String) -> CoreResult<()> {
        let mut values = self.read()?;
        values.insert(key, value);
        self.write(&values)
    }

    fn delete(&self, key: String) -> CoreResult<()> {
        let mut values = self.read()?;
        if values.remove(&key).is_some() {
            self.write(&values)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corrupt_store_is_moved_aside_and_counts_as_signed_out() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secure-store.json");
        std::fs::write(&path, "{1: not json").unwrap();
        let store = FileSecureStore::new(path.clone());
        assert_eq!(store.load("session".into()).unwrap(), None);
        let kept: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with("secure-store.json.corrupt-")
            })
            .collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(
            std::fs::read_to_string(kept[0].path()).unwrap(),
            "{1: not json"
        );
        store.save("k".into(), "v".into()).unwrap();
        assert_eq!(store.load("k".into()).unwrap().as_deref(), Some("v"));
    }

    #[test]
    fn values_survive_a_new_store_on_the_same_file_and_the_file_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.json");
        FileSecureStore::new(path.clone())
            .save("k".into(), "v".into())
            .unwrap();
        let again = FileSecureStore::new(path.clone());
        assert_eq!(again.load("k".into()).unwrap().as_deref(), Some("v"));
        again.delete("k".into()).unwrap();
        assert_eq!(again.load("k".into()).unwrap(), None);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
