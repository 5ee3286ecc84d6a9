//! Services the core needs from the phone, implemented natively (Kotlin,
//! Swift) or in Rust for tests and the terminal shell.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::error::CoreResult;

/// Secure storage for secrets such as the session token: Keychain on iOS,
/// Keystore-backed storage on Android.
#[cfg_attr(feature = "uniffi", uniffi::export(foreign))]
pub trait SecureStore: Send + Sync {
    /// The value stored under `key`, if any.
    fn load(&self, key: String) -> CoreResult<Option<String>>;
    /// Stores `value` under `key`, replacing any earlier value.
    fn save(&self, key: String, value: String) -> CoreResult<()>;
    /// Removes `key`; removing a missing key is not an error.
    fn delete(&self, key: String) -> CoreResult<()>;
}

/// A [`SecureStore`] kept in memory only: for tests and previews.
#[derive(Debug, Default)]
pub struct MemorySecureStore {
    values: Mutex<HashMap<String, String>>,
}

impl MemorySecureStore {
    fn values(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        self.values.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl SecureStore for MemorySecureStore {
    fn load(&self, key: String) -> CoreResult<Option<String>> {
        Ok(self.values().get(&key).cloned())
    }

    fn save(&self, key: String, value: String) -> CoreResult<()> {
        self.values().insert(key, value);
        Ok(())
    }

    fn delete(&self, key: String) -> CoreResult<()> {
        self.values().remove(&key);
        Ok(())
    }
}
