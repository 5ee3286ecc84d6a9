//! Files on the server: uploads in chunks, bytes behind the
//! [`blob::BlobStore`] trait (a folder by default), links to dossiers and
//! field actions, who may read them, and how long they stay.

pub mod blob;
pub mod disk;
pub mod links;
pub mod memory;
pub mod retention;
pub mod uploads;

pub use blob::BlobStore;
pub use uploads::FileSettings;
