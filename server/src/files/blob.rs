//! Where the bytes of files live, behind one trait: parts of uploads in
//! progress, and finished files stored once by their SHA-256. The server
//! keeps what a file is and who sent it in its database; the store only
//! holds bytes. [`super::disk::DiskBlobs`] is the default;
//! [`super::memory::MemoryBlobs`] serves a server with no data folder. An
//! S3-compatible store is the documented next step (docs/SECURITY.md):
//! parts map onto multipart uploads, finished files onto objects named by
//! their hash.

use std::io;

/// A file's SHA-256 (lowercase hex) and its first bytes, as hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hashed {
    /// SHA-256 of every byte, lowercase hex.
    pub sha256: String,
    /// The first bytes (up to 8), to tell the type.
    pub head: Vec<u8>,
}

/// The bytes of uploads and files.
pub trait BlobStore: Send + Sync {
    /// Bytes received so far for upload `upload` (0 when none).
    fn part_len(&self, upload: &str) -> io::Result<u64>;

    /// Appends `bytes` to the part of `upload`, which must hold exactly
    /// `offset` bytes; `Ok(false)` when it does not (nothing written).
    fn append_part(&self, upload: &str, offset: u64, bytes: &[u8]) -> io::Result<bool>;

    /// Hashes the part of `upload`.
    fn hash_part(&self, upload: &str) -> io::Result<Hashed>;

    /// Makes the part of `upload` the file `sha256`; when that file is
    /// stored already the part is dropped and the file kept.
    fn commit_part(&self, upload: &str, sha256: &str) -> io::Result<()>;

    /// Drops the part of `upload`, if any.
    fn drop_part(&self, upload: &str) -> io::Result<()>;

    /// Up to `len` bytes of file `sha256` from `offset` (fewer at its end).
    fn read(&self, sha256: &str, offset: u64, len: usize) -> io::Result<Vec<u8>>;

    /// Deletes file `sha256`, if stored.
    fn delete(&self, sha256: &str) -> io::Result<()>;

    /// True when file `sha256` is stored.
    fn has(&self, sha256: &str) -> bool;
}

/// The first bytes kept by [`Hashed::head`].
pub const HEAD_BYTES: usize = 8;
