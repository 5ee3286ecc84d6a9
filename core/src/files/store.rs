//! Files on the phone, content-addressed: each stored once under the data
//! folder as `files/<first two hex digits>/<sha256>`, whatever page,
//! signature or photo refers to it.
//!
//! Storing is two steps so that the database decides what is kept: a
//! file is first copied into `files/tmp/` while it is hashed, checked and
//! synced ([`FileStore::stage`], slow, outside any transaction), then moved
//! into place inside the write transaction that records what refers to it
//! ([`Staged::place`]). [`FileStore::sweep`] deletes, inside a write
//! transaction too, every file nothing refers to, so a file is never
//! deleted under a reference being written by another thread or process.

use std::collections::HashSet;
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::kind::{FileType, SNIFF_BYTES, not_a_page};
use super::limits::FileLimits;
use crate::{CoreError, CoreResult};

/// A file the store holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Type, from the first bytes.
    pub file_type: FileType,
}

/// The phone's file store.
#[derive(Debug)]
pub struct FileStore {
    root: PathBuf,
    /// Removed with the store (a core with no data folder).
    temporary: bool,
}

/// A checked copy waiting in `files/tmp/` to be placed; removed if dropped.
#[derive(Debug)]
pub struct Staged {
    tmp: Option<PathBuf>,
    /// What it is.
    pub file: StoredFile,
}

/// A file an action or page brings: copied in for it, or stored before.
#[derive(Debug)]
pub enum Proof {
    /// Copied in, to be placed.
    Staged(Staged),
    /// In the store already.
    Stored(StoredFile),
}

impl Proof {
    /// What the file is.
    pub fn file(&self) -> &StoredFile {
        match self {
            Self::Staged(s) => &s.file,
            Self::Stored(f) => f,
        }
    }

    /// Places a staged copy (see [`Staged::place`]).
    pub fn place(&mut self, store: &FileStore) -> CoreResult<()> {
        match self {
            Self::Staged(s) => s.place(store),
            Self::Stored(_) => Ok(()),
        }
    }
}

/// Beside a recovered damaged database: its marker's suffix.
const RECOVERED: &str = ".recovered";

/// Files in `tmp/` older than this are leftovers of a killed process.
const TMP_MAX_AGE: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

impl FileStore {
    /// The store under `data_dir/files`; with no data folder, a folder of
    /// its own in the system's temporary folder, removed with the store.
    pub fn open(data_dir: &str) -> CoreResult<Self> {
        let (root, temporary) = if data_dir.is_empty() {
            let id = crate::ids::new_id()?;
            (std::env::temp_dir().join(format!("dvc-files-{id}")), true)
        } else {
            (Path::new(data_dir).join("files"), false)
        };
        let tmp = root.join("tmp");
        std::fs::create_dir_all(&tmp).map_err(|e| CoreError::file(&tmp, &e))?;
        Ok(Self { root, temporary })
    }

    /// Where the file with `sha256` lives (whether or not it is there).
    pub fn path(&self, sha256: &str) -> PathBuf {
        self.root.join(&sha256[..2.min(sha256.len())]).join(sha256)
    }

    /// True when the file with `sha256` is stored.
    pub fn has(&self, sha256: &str) -> bool {
        is_sha256(sha256) && self.path(sha256).is_file()
    }

    /// Copies `source` into `tmp/`, hashing it: refused when it is over
    /// `limits` (checked before and while reading: a file that grows is
    /// refused, never cut) or is not a JPEG, PNG or PDF.
    pub fn stage(&self, source: &Path, limits: &FileLimits) -> CoreResult<Staged> {
        let name = source.file_name().map_or_else(
            || source.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mut input = File::open(source).map_err(|e| CoreError::file(source, &e))?;
        let declared = input
            .metadata()
            .map_err(|e| CoreError::file(source, &e))?
            .len();
        limits.check_file(&name, declared)?;
        let tmp = self.root.join("tmp").join(crate::ids::new_id()?);
        let mut staged = Staged {
            tmp: Some(tmp.clone()),
            file: StoredFile {
                sha256: String::new(),
                bytes: 0,
                file_type: FileType::Pdf,
            },
        };
        let mut out = File::create(&tmp).map_err(|e| CoreError::file(&tmp, &e))?;
        let mut digest = ring::digest::Context::new(&ring::digest::SHA256);
        let mut buf = vec![0u8; 64 * 1024];
        let mut head = Vec::with_capacity(SNIFF_BYTES);
        let mut total: u64 = 0;
        loop {
            let n = input
                .read(&mut buf)
                .map_err(|e| CoreError::file(source, &e))?;
            if n == 0 {
                break;
            }
            total += n as u64;
            limits.check_file(&name, total)?;
            let chunk = &buf[..n];
            if head.len() < SNIFF_BYTES {
                let take = (SNIFF_BYTES - head.len()).min(n);
                head.extend_from_slice(&chunk[..take]);
            }
            digest.update(chunk);
            out.write_all(chunk)
                .map_err(|e| CoreError::file(&tmp, &e))?;
        }
        out.sync_all().map_err(|e| CoreError::file(&tmp, &e))?;
        staged.file = StoredFile {
            sha256: crate::ids::hex(digest.finish().as_ref()),
            bytes: total,
            file_type: FileType::sniff(&head).ok_or_else(|| not_a_page(&name))?,
        };
        Ok(staged)
    }

    /// The stored file `sha256`: its size and type; an error naming the
    /// hash when this phone does not hold it.
    pub fn describe(&self, sha256: &str) -> CoreResult<StoredFile> {
        if !self.has(sha256) {
            return Err(CoreError::invalid(
                "signature_sha256",
                format!("Tệp {sha256} không có trên máy này: hãy đưa tệp (chụp hoặc ký lại)."),
                format!(
                    "The file {sha256} is not on this device: give the file (take or sign again)."
                ),
            ));
        }
        let path = self.path(sha256);
        let bytes = std::fs::metadata(&path)
            .map_err(|e| CoreError::file(&path, &e))?
            .len();
        let head = self.read_at(sha256, 0, SNIFF_BYTES)?;
        Ok(StoredFile {
            sha256: sha256.to_owned(),
            bytes,
            file_type: FileType::sniff(&head).ok_or_else(|| not_a_page(sha256))?,
        })
    }

    /// `len` bytes of the file `sha256` from `offset` (fewer at its end).
    pub fn read_at(&self, sha256: &str, offset: u64, len: usize) -> CoreResult<Vec<u8>> {
        use std::io::Seek;
        let path = self.path(sha256);
        let mut f = File::open(&path).map_err(|e| CoreError::file(&path, &e))?;
        f.seek(std::io::SeekFrom::Start(offset))
            .map_err(|e| CoreError::file(&path, &e))?;
        let mut out = Vec::with_capacity(len);
        f.take(len as u64)
            .read_to_end(&mut out)
            .map_err(|e| CoreError::file(&path, &e))?;
        Ok(out)
    }

    /// True while a database of this data folder found corrupt and moved
    /// aside (`*.corrupt-*`) has not been recovered: the files its unsent
    /// actions bring must not be swept before the recovery lists them.
    pub fn awaiting_recovery(&self) -> bool {
        let Some(folder) = self.root.parent().filter(|_| !self.temporary) else {
            return false;
        };
        let Ok(entries) = std::fs::read_dir(folder) else {
            return false;
        };
        entries.flatten().any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.contains(".corrupt-")
                && !name.ends_with("-wal")
                && !name.ends_with("-shm")
                && !name.ends_with(RECOVERED)
                && !folder.join(format!("{name}{RECOVERED}")).exists()
        })
    }

    /// Marks the damaged database `path` recovered (see
    /// [`FileStore::awaiting_recovery`]).
    pub fn recovered(&self, path: &Path) {
        let mut marker = path.as_os_str().to_owned();
        marker.push(RECOVERED);
        let _ = std::fs::write(marker, b"");
    }

    /// Deletes every stored file not in `held`, and leftovers in `tmp/`
    /// older than a day. Call inside the write transaction that read
    /// `held`. Returns how many files were deleted; none while a damaged
    /// database awaits recovery.
    pub fn sweep(&self, held: &HashSet<String>) -> usize {
        if self.awaiting_recovery() {
            return 0;
        }
        let mut deleted = 0;
        let Ok(dirs) = std::fs::read_dir(&self.root) else {
            return 0;
        };
        for dir in dirs.flatten() {
            let is_tmp = dir.file_name() == "tmp";
            let Ok(files) = std::fs::read_dir(dir.path()) else {
                continue;
            };
            for f in files.flatten() {
                let name = f.file_name().to_string_lossy().into_owned();
                let drop = if is_tmp {
                    f.metadata()
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|age| age > TMP_MAX_AGE)
                } else {
                    !held.contains(&name)
                };
                if drop && std::fs::remove_file(f.path()).is_ok() {
                    deleted += 1;
                }
            }
        }
        deleted
    }
}

impl Drop for FileStore {
    fn drop(&mut self) {
        if self.temporary {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }
}

impl Staged {
    /// Moves the copy into place (call inside the transaction recording
    /// what refers to it); a file with the same hash already there is
    /// kept and the copy dropped.
    pub fn place(&mut self, store: &FileStore) -> CoreResult<()> {
        let Some(tmp) = self.tmp.take() else {
            return Ok(());
        };
        let target = store.path(&self.file.sha256);
        if target.is_file() {
            let _ = std::fs::remove_file(&tmp);
            return Ok(());
        }
        let dir = target.parent().unwrap_or(&store.root).to_owned();
        std::fs::create_dir_all(&dir).map_err(|e| CoreError::file(&dir, &e))?;
        std::fs::rename(&tmp, &target).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            CoreError::file(&target, &e)
        })?;
        // The rename itself survives a power cut once the folder is synced.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some(tmp) = self.tmp.take() {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// True for 64 lowercase hex digits (how the store names files).
pub fn is_sha256(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(len: usize) -> Vec<u8> {
        let mut v = vec![0xFF, 0xD8, 0xFF, 0xE0];
        v.resize(len, 7);
        v
    }

    #[test]
    fn a_file_is_stored_once_by_its_hash_and_unheld_files_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileStore::open(dir.path().to_str().unwrap()).unwrap();
        let src = dir.path().join("a.jpg");
        std::fs::write(&src, jpeg(200_000)).unwrap();
        let limits = FileLimits::default();
        let mut a = store.stage(&src, &limits).unwrap();
        let mut b = store.stage(&src, &limits).unwrap();
        assert_eq!(a.file, b.file);
        assert_eq!(a.file.file_type, FileType::Jpeg);
        assert_eq!(a.file.bytes, 200_000);
        a.place(&store).unwrap();
        b.place(&store).unwrap();
        let sha = a.file.sha256.clone();
        assert!(store.has(&sha));
        assert_eq!(std::fs::read(store.path(&sha)).unwrap(), jpeg(200_000));
        assert_eq!(store.read_at(&sha, 199_990, 100).unwrap().len(), 10);
        // Nothing left in tmp/, one file in its folder.
        assert_eq!(
            std::fs::read_dir(dir.path().join("files/tmp"))
                .unwrap()
                .count(),
            0
        );
        assert_eq!(store.sweep(&HashSet::from([sha.clone()])), 0);
        assert_eq!(store.sweep(&HashSet::new()), 1);
        assert!(!store.has(&sha));
    }

    #[test]
    fn oversized_or_unknown_files_are_refused_and_leave_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileStore::open(dir.path().to_str().unwrap()).unwrap();
        let big = dir.path().join("big.jpg");
        std::fs::write(&big, jpeg(5_000_001)).unwrap();
        let e = store.stage(&big, &FileLimits::default()).unwrap_err();
        assert_eq!(e.reason(), Some("file_too_large"));
        let heic = dir.path().join("photo.heic");
        std::fs::write(&heic, b"\0\0\0\x18ftypheic0000").unwrap();
        let e = store.stage(&heic, &FileLimits::default()).unwrap_err();
        assert_eq!(e.reason(), Some("wrong_file_type"));
        assert!(e.vi().contains("photo.heic") && e.en().contains("JPEG"));
        let e = store
            .stage(&dir.path().join("gone.pdf"), &FileLimits::default())
            .unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Storage);
        assert_eq!(
            std::fs::read_dir(dir.path().join("files/tmp"))
                .unwrap()
                .count(),
            0
        );
    }

    #[test]
    fn a_store_without_a_data_folder_cleans_up_after_itself() {
        let store = FileStore::open("").unwrap();
        let root = store.root.clone();
        assert!(root.is_dir());
        drop(store);
        assert!(!root.exists());
    }
}
