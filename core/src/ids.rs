//! Random identifiers: ids for records and idempotency keys, and secrets.

use crate::error::{CoreError, CoreResult};

/// `n` random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> CoreResult<[u8; N]> {
    let mut buf = [0u8; N];
    getrandom::fill(&mut buf).map_err(CoreError::internal)?;
    Ok(buf)
}

/// A new random 128-bit id as 32 lowercase hex characters.
pub fn new_id() -> CoreResult<String> {
    Ok(hex(&random_bytes::<16>()?))
}

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_hex_and_distinct() {
        let a = new_id().unwrap();
        let b = new_id().unwrap();
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
