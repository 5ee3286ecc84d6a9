//! Offline verification: the trusted server keys (several at once, so keys
//! can rotate) and the revocation list, both fetched from the server and
//! cached on the device.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use ring::signature::{ED25519, UnparsedPublicKey};
use serde::{Deserialize, Serialize};

use super::error::QrError;
use super::payload::{Credential, Payload, decode};

/// A server public key trusted to sign dossier codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TrustedKey {
    /// Key id, as written in the codes it signs.
    pub id: String,
    /// Ed25519 public key, 32 bytes in unpadded base64url.
    pub public_key: String,
    /// Codes issued from this instant on may use the key.
    pub valid_from: DateTime<Utc>,
    /// Codes issued after this instant may not (open-ended when absent).
    pub valid_until: Option<DateTime<Utc>>,
}

/// A withdrawn credential: every code of `dossier_code` issued before
/// `issued_before` (a reissue revokes the older codes; a withdrawn dossier
/// revokes them all).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Revocation {
    /// The dossier code.
    pub dossier_code: String,
    /// Codes issued before this instant are revoked.
    pub issued_before: DateTime<Utc>,
    /// Why, for the record (`reissued`, `withdrawn`, …).
    pub reason: String,
}

/// What the server publishes for verifiers: `GET /v1/keys`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Keyring {
    /// Trusted keys, newest first.
    pub keys: Vec<TrustedKey>,
    /// Revoked credentials.
    pub revocations: Vec<Revocation>,
}

impl TrustedKey {
    /// The key as its 32 bytes; `None` when the text is not base64url of
    /// 32 bytes.
    pub fn key_bytes(&self) -> Option<[u8; 32]> {
        let raw = URL_SAFE_NO_PAD.decode(&self.public_key).ok()?;
        raw.try_into().ok()
    }

    fn covers(&self, at: DateTime<Utc>) -> bool {
        at >= super::payload::to_minute(self.valid_from) && self.valid_until.is_none_or(|u| at <= u)
    }
}

/// Verifies a signed code at `now`: format, key, signature, expiry and
/// revocation, in that order. Drafts fail with `BadSignature`.
pub fn verify(
    text: &str,
    keys: &[TrustedKey],
    revocations: &[Revocation],
    now: DateTime<Utc>,
) -> Result<Credential, QrError> {
    let (credential, signed, signature) = match decode(text)? {
        Payload::Credential {
            credential,
            signed,
            signature,
        } => (credential, signed, signature),
        Payload::Draft(_) => return Err(QrError::BadSignature),
    };
    let key = keys
        .iter()
        .find(|k| k.id == credential.key_id && k.covers(credential.content.issued_at))
        .and_then(TrustedKey::key_bytes)
        .ok_or(QrError::UnknownKey)?;
    // ring checks the point encodings and refuses a non-canonical S, so a
    // code has one valid signature under a key.
    UnparsedPublicKey::new(&ED25519, key)
        .verify(&signed, &signature)
        .map_err(|_| QrError::BadSignature)?;
    if now > credential.expires_at {
        return Err(QrError::Expired);
    }
    let code = credential.dossier_code.to_string();
    if revocations
        .iter()
        .any(|r| r.dossier_code == code && credential.content.issued_at < r.issued_before)
    {
        return Err(QrError::Revoked);
    }
    Ok(credential)
}
