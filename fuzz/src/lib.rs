//! The fixed world the QR fuzz target checks codes against, shared with the
//! seed generator (`cargo run --example seeds`) so the seeds verify.

use chrono::{DateTime, Duration, TimeZone, Utc};
use dvc_core::qr::documents::DocumentMarks;
use dvc_core::qr::issuer::Issuer;
use dvc_core::qr::keyring::{Revocation, TrustedKey};
use dvc_core::qr::payload::{CodeContent, Credential, DraftCode};

/// Key id of the trusted key.
pub const KEY_ID: &str = "k1";
/// Its secret (fixed, so every run and every seed agree).
pub const SECRET: [u8; 32] = [9; 32];

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0)
        .single()
        .unwrap_or_default()
}

/// The verifier's clock.
pub fn now() -> DateTime<Utc> {
    at(23, 4)
}

/// The signing key of the trusted key.
pub fn issuer() -> Issuer {
    Issuer::from_secret(KEY_ID, SECRET)
}

/// The verifier's keyring: the trusted key, plus a broken key under another
/// id and a retired copy, so the key-lookup paths are all reachable.
pub fn keys() -> Vec<TrustedKey> {
    let public_key = issuer().public_key();
    vec![
        TrustedKey {
            id: KEY_ID.into(),
            public_key: public_key.clone(),
            valid_from: at(1, 0),
            valid_until: None,
        },
        TrustedKey {
            id: "old".into(),
            public_key,
            valid_from: at(1, 0),
            valid_until: Some(at(2, 0)),
        },
        TrustedKey {
            id: "bad".into(),
            public_key: "not-a-key".into(),
            valid_from: at(1, 0),
            valid_until: None,
        },
    ]
}

/// One revoked dossier.
pub fn revocations() -> Vec<Revocation> {
    vec![Revocation {
        dossier_code: "000.00.01.H26-261123-0007".into(),
        issued_before: at(23, 12),
        reason: "withdrawn".into(),
    }]
}

/// A typical signed credential; `sequence` picks the dossier number
/// (7 is the revoked one).
pub fn credential(sequence: u16) -> Credential {
    let dossier_code = format!("000.00.01.H26-261123-{sequence:04}")
        .parse()
        .unwrap_or_else(|e| panic!("seed dossier code: {e:?}"));
    Credential {
        key_id: KEY_ID.into(),
        dossier_code,
        content: CodeContent {
            procedure: "1.001193".into(),
            documents: DocumentMarks::new(0x1234, (0..11).map(|i| i % 4 != 3).collect()),
            appointment: Some(at(24, 2)),
            home_delivery: true,
            issued_at: at(23, 3),
        },
        expires_at: at(23, 3) + Duration::days(30),
    }
}

/// An unsigned draft code with an office and a non-national procedure.
pub fn draft() -> DraftCode {
    DraftCode {
        office_id: Some("vnp-hoan-kiem".into()),
        content: CodeContent {
            procedure: "x.cap-the-can-cuoc".into(),
            documents: DocumentMarks::new(0xbeef, vec![true, false, true]),
            appointment: None,
            home_delivery: false,
            issued_at: at(22, 9),
        },
    }
}
