//! Fuzzes the QR dossier-code reader: `decode` and `verify` must never
//! panic, whatever the input. Each input is tried twice: as the scanned text
//! (when it is UTF-8), and as a raw body behind a valid prefix,
//! `"DVC1:" + base45(bytes)`, so the fuzzer reaches the binary parser
//! without having to discover base45 first.
#![no_main]

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use dvc_core::qr::keyring::{Revocation, TrustedKey, verify};
use dvc_core::qr::payload::{PREFIX, decode};
use libfuzzer_sys::fuzz_target;

struct World {
    keys: Vec<TrustedKey>,
    revocations: Vec<Revocation>,
    now: DateTime<Utc>,
}

static WORLD: LazyLock<World> = LazyLock::new(|| World {
    keys: dvc_fuzz::keys(),
    revocations: dvc_fuzz::revocations(),
    now: dvc_fuzz::now(),
});

fn check(text: &str) {
    let _ = decode(text);
    let _ = verify(text, &WORLD.keys, &WORLD.revocations, WORLD.now);
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        check(text);
    }
    check(&format!("{PREFIX}{}", base45::encode(data)));
});
