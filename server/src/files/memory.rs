//! Files in memory, for a server with no data folder (tests, previews):
//! the same contract as the disk store, gone when the server stops.

use std::collections::HashMap;
use std::io;
use std::sync::Mutex;

use sha2::{Digest, Sha256};

use super::blob::{BlobStore, HEAD_BYTES, Hashed};

/// A [`BlobStore`] in memory.
#[derive(Debug, Default)]
pub struct MemoryBlobs {
    parts: Mutex<HashMap<String, Vec<u8>>>,
    files: Mutex<HashMap<String, std::sync::Arc<Vec<u8>>>>,
}

fn locked<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl BlobStore for MemoryBlobs {
    fn part_len(&self, upload: &str) -> io::Result<u64> {
        Ok(locked(&self.parts)
            .get(upload)
            .map_or(0, |p| p.len() as u64))
    }

    fn append_part(&self, upload: &str, offset: u64, bytes: &[u8]) -> io::Result<bool> {
        let mut parts = locked(&self.parts);
        let part = parts.entry(upload.to_owned()).or_default();
        if part.len() as u64 != offset {
            return Ok(false);
        }
        part.extend_from_slice(bytes);
        Ok(true)
    }

    fn hash_part(&self, upload: &str) -> io::Result<Hashed> {
        let parts = locked(&self.parts);
        let part = parts
            .get(upload)
            .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?;
        Ok(Hashed {
            sha256: dvc_core::ids::hex(&Sha256::digest(part)),
            head: part[..HEAD_BYTES.min(part.len())].to_vec(),
        })
    }

    fn commit_part(&self, upload: &str, sha256: &str) -> io::Result<()> {
        let part = locked(&self.parts)
            .remove(upload)
            .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?;
        locked(&self.files)
            .entry(sha256.to_owned())
            .or_insert_with(|| std::sync::Arc::new(part));
        Ok(())
    }

    fn drop_part(&self, upload: &str) -> io::Result<()> {
        locked(&self.parts).remove(upload);
        Ok(())
    }

    fn read(&self, sha256: &str, offset: u64, len: usize) -> io::Result<Vec<u8>> {
        let file = locked(&self.files)
            .get(sha256)
            .cloned()
            .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?;
        let start = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(file.len());
        Ok(file[start..(start.saturating_add(len)).min(file.len())].to_vec())
    }

    fn delete(&self, sha256: &str) -> io::Result<()> {
        locked(&self.files).remove(sha256);
        Ok(())
    }

    fn has(&self, sha256: &str) -> bool {
        locked(&self.files).contains_key(sha256)
    }
}
