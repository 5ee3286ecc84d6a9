//! Staff passwords, hashed with argon2id (PHC string format).

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use dvc_core::{CoreError, CoreResult};

/// The least length of a staff password.
pub const MIN_LENGTH: usize = 10;

/// Hashes `password` with a fresh random salt.
pub fn hash(password: &str) -> CoreResult<String> {
    if password.chars().count() < MIN_LENGTH {
        return Err(CoreError::invalid(
            "password",
            format!("Mật khẩu cần ít nhất {MIN_LENGTH} ký tự."),
            format!("The password needs at least {MIN_LENGTH} characters."),
        ));
    }
    let salt_bytes = dvc_core::ids::random_bytes::<16>()?;
    let salt = SaltString::encode_b64(&salt_bytes).map_err(CoreError::internal)?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(CoreError::internal)?
        .to_string())
}

/// True when `password` matches `phc`. A malformed hash never matches.
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A valid hash of a random password nobody knows: verified against when
/// the username does not exist, so both cases take the same time.
pub fn decoy() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| {
        let secret = dvc_core::ids::new_id().unwrap_or_else(|_| "fallback-decoy-secret".to_owned());
        hash(&secret).unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let h = hash("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", &h));
        assert!(!verify("correct horse batterY", &h));
        assert!(!verify("anything", "not a hash"));
        assert!(!verify("anything", decoy()));
    }

    #[test]
    fn short_passwords_are_refused() {
        assert_eq!(hash("short").unwrap_err().field(), Some("password"));
    }
}
