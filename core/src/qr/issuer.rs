//! Signing codes: what the server does with its current key.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::signature::{Ed25519KeyPair, KeyPair};

use super::error::QrError;
use super::payload::Credential;
use crate::error::{CoreError, CoreResult};

/// A signing key and its id.
pub struct Issuer {
    key_id: String,
    secret: [u8; 32],
    key: Ed25519KeyPair,
}

impl Issuer {
    /// A new random key.
    pub fn generate(key_id: &str) -> CoreResult<Self> {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).map_err(CoreError::internal)?;
        Ok(Self::from_secret(key_id, secret))
    }

    /// The key with this 32-byte secret.
    pub fn from_secret(key_id: &str, secret: [u8; 32]) -> Self {
        // Any 32 bytes are a valid Ed25519 seed; ring only refuses a seed of
        // another length.
        #[allow(clippy::expect_used)]
        let key = Ed25519KeyPair::from_seed_unchecked(&secret).expect("a 32-byte seed");
        Self {
            key_id: key_id.to_owned(),
            secret,
            key,
        }
    }

    /// The key id.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// The secret, to store (server side only).
    pub fn secret(&self) -> [u8; 32] {
        self.secret
    }

    /// The public key in unpadded base64url.
    pub fn public_key(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.key.public_key().as_ref())
    }

    /// Signs `credential` (its key id must be this key's) into payload text.
    pub fn sign(&self, credential: &Credential) -> Result<String, QrError> {
        if credential.key_id != self.key_id {
            return Err(QrError::UnknownKey);
        }
        let message = credential.signed_message()?;
        let signature = self.key.sign(&message);
        let signature: [u8; 64] = signature
            .as_ref()
            .try_into()
            .map_err(|_| QrError::BadSignature)?;
        credential.to_text(&signature)
    }
}
