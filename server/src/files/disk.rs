//! Files on disk under the server's data folder: `parts/<upload id>` while
//! an upload is in progress, then `<first two hex digits>/<sha256>`.
//! Commits are renames (atomic), synced before the database records them.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use sha2::{Digest, Sha256};

use super::blob::{BlobStore, HEAD_BYTES, Hashed};

/// A [`BlobStore`] in a folder.
#[derive(Debug)]
pub struct DiskBlobs {
    root: PathBuf,
    /// Appends to one part at a time: two requests for one upload cannot
    /// interleave their bytes.
    appending: Mutex<()>,
}

impl DiskBlobs {
    /// The store in `root` (created if missing).
    pub fn open(root: &Path) -> io::Result<Self> {
        std::fs::create_dir_all(root.join("parts"))?;
        Ok(Self {
            root: root.to_owned(),
            appending: Mutex::new(()),
        })
    }

    fn part(&self, upload: &str) -> io::Result<PathBuf> {
        if upload.is_empty() || !upload.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "upload id"));
        }
        Ok(self.root.join("parts").join(upload))
    }

    fn file(&self, sha256: &str) -> io::Result<PathBuf> {
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "sha256"));
        }
        Ok(self.root.join(&sha256[..2]).join(sha256))
    }
}

fn missing_is_zero(r: io::Result<std::fs::Metadata>) -> io::Result<u64> {
    match r {
        Ok(m) => Ok(m.len()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(0),
        Err(e) => Err(e),
    }
}

impl BlobStore for DiskBlobs {
    fn part_len(&self, upload: &str) -> io::Result<u64> {
        missing_is_zero(std::fs::metadata(self.part(upload)?))
    }

    fn append_part(&self, upload: &str, offset: u64, bytes: &[u8]) -> io::Result<bool> {
        let path = self.part(upload)?;
        let _one = self.appending.lock().unwrap_or_else(|p| p.into_inner());
        let mut f = OpenOptions::new().create(true).append(true).open(&path)?;
        if f.metadata()?.len() != offset {
            return Ok(false);
        }
        if let Err(e) = f.write_all(bytes) {
            // A full disk: the part goes back to where it stood.
            let _ = f.set_len(offset);
            return Err(e);
        }
        f.sync_data()?;
        Ok(true)
    }

    fn hash_part(&self, upload: &str) -> io::Result<Hashed> {
        let mut f = File::open(self.part(upload)?)?;
        let mut digest = Sha256::new();
        let mut head = Vec::with_capacity(HEAD_BYTES);
        let mut buf = vec![0u8; 256 * 1024];
        loop {
            let n = f.read(&mut buf)?;
            if n == 0 {
                break;
            }
            if head.len() < HEAD_BYTES {
                let take = (HEAD_BYTES - head.len()).min(n);
                head.extend_from_slice(&buf[..take]);
            }
            digest.update(&buf[..n]);
        }
        Ok(Hashed {
            sha256: dvc_core::ids::hex(&digest.finalize()),
            head,
        })
    }

    fn commit_part(&self, upload: &str, sha256: &str) -> io::Result<()> {
        let part = self.part(upload)?;
        let target = self.file(sha256)?;
        if target.is_file() {
            return std::fs::remove_file(part);
        }
        let dir = self.root.join(&sha256[..2]);
        std::fs::create_dir_all(&dir)?;
        std::fs::rename(&part, &target)?;
        File::open(&dir)?.sync_all()
    }

    fn drop_part(&self, upload: &str) -> io::Result<()> {
        match std::fs::remove_file(self.part(upload)?) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    fn read(&self, sha256: &str, offset: u64, len: usize) -> io::Result<Vec<u8>> {
        let mut f = File::open(self.file(sha256)?)?;
        f.seek(SeekFrom::Start(offset))?;
        let mut out = Vec::with_capacity(len);
        f.take(len as u64).read_to_end(&mut out)?;
        Ok(out)
    }

    fn delete(&self, sha256: &str) -> io::Result<()> {
        match std::fs::remove_file(self.file(sha256)?) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    fn has(&self, sha256: &str) -> bool {
        self.file(sha256).is_ok_and(|p| p.is_file())
    }
}
