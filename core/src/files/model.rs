//! Files as the phone, the server and the apps see them: a page of a
//! document, an upload in progress, a file of a dossier.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::kind::FileType;

/// One page attached to a document of a draft or dossier: a photo, a scan
/// or a PDF, by its content hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// The document (catalogue id) it belongs to.
    pub document_id: String,
    /// Its place among the document's pages, from 1.
    pub page: i32,
    /// SHA-256 of the file, lowercase hex.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: i64,
    /// JPEG, PNG or PDF.
    #[serde(rename = "type")]
    pub file_type: FileType,
}

/// `POST /v1/uploads`: the file about to be sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUpload {
    /// SHA-256 of the whole file, lowercase hex.
    pub sha256: String,
    /// Its size in bytes.
    pub bytes: i64,
    /// Its type (checked against its first bytes at the end).
    #[serde(rename = "type")]
    pub file_type: FileType,
}

/// An upload as the server has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Upload {
    /// The upload's id (chunks go to `/v1/uploads/{id}`).
    pub id: String,
    /// SHA-256 of the file.
    pub sha256: String,
    /// The file's size.
    pub bytes: i64,
    /// The file's type.
    #[serde(rename = "type")]
    pub file_type: FileType,
    /// Bytes received so far: the next chunk starts here.
    pub received: i64,
    /// True once every byte arrived and the hash and type were checked
    /// (also at once when the account had sent this file before).
    pub complete: bool,
}

/// What a file of a dossier is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum FileRole {
    /// A page of one of the dossier's documents.
    Page,
    /// The recipient's signature at the home delivery.
    Signature,
    /// A photo taken at the home delivery.
    DeliveryPhoto,
    /// A photo of the papers collected at a home pickup.
    PickupPhoto,
}

/// One file of a dossier, as listed to its owner and its office's staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DossierFile {
    /// What it is.
    pub role: FileRole,
    /// The document of a page (none for proofs of delivery and pickup).
    #[serde(default)]
    pub document_id: Option<String>,
    /// Its place among the document's pages (or the visit's photos), from 1.
    pub page: i32,
    /// SHA-256 of the file.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: i64,
    /// JPEG, PNG or PDF.
    #[serde(rename = "type")]
    pub file_type: FileType,
    /// When it was linked to the dossier.
    pub added_at: DateTime<Utc>,
}

/// The files of one dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DossierFiles {
    /// The dossier's server id.
    pub dossier_id: String,
    /// Its national code.
    #[serde(default)]
    pub dossier_code: Option<String>,
    /// Pages in document order, then proofs of pickup and delivery.
    pub files: Vec<DossierFile>,
}
