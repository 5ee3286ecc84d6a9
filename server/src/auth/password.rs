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

/// Largest argon2 memory a stored hash may ask for (64 MiB).
const MAX_BLOCKS: usize = 64 * 1024;

/// Like [`verify`], computing in `memory`, which is grown once to the
/// hash's size and kept by the caller: a checking thread reuses one
/// block of memory instead of asking the allocator for ~19 MiB each time.
pub fn verify_in(password: &str, phc: &str, memory: &mut Vec<argon2::Block>) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    let (Ok(params), Some(expected), Some(salt)) =
        (argon2::Params::try_from(&parsed), parsed.hash, parsed.salt)
    else {
        return false;
    };
    let Ok(algorithm) = argon2::Algorithm::try_from(parsed.algorithm) else {
        return false;
    };
    let version = match parsed.version.map(argon2::Version::try_from).transpose() {
        Ok(v) => v.unwrap_or_default(),
        Err(_) => return false,
    };
    let blocks = params.block_count();
    if blocks > MAX_BLOCKS {
        return false;
    }
    if memory.len() < blocks {
        memory.resize(blocks, argon2::Block::default());
    }
    let mut salt_buf = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_buf) else {
        return false;
    };
    let mut out = vec![0u8; expected.len()];
    Argon2::new(algorithm, version, params)
        .hash_password_into_with_memory(password.as_bytes(), salt, &mut out, &mut memory[..blocks])
        .is_ok()
        && argon2::password_hash::Output::new(&out).is_ok_and(|o| o == expected)
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
        let mut memory = Vec::new();
        assert!(verify_in("correct horse battery", &h, &mut memory));
        assert!(!verify_in("correct horse batterY", &h, &mut memory));
        assert!(!verify_in("anything", "not a hash", &mut memory));
        assert_eq!(memory.len(), argon2::Params::DEFAULT_M_COST as usize);
    }

    #[test]
    fn short_passwords_are_refused() {
        assert_eq!(hash("short").unwrap_err().field(), Some("password"));
    }
}
