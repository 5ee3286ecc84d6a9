//! QR dossier codes: signing and drawing a typical credential, and verifying
//! it offline against a keyring of 3 keys and 100 revocations. Before the
//! timings it prints the size of the typical code next to the same fields
//! encoded the EU Digital COVID Certificate way (CBOR, COSE_Sign1, zlib,
//! base45; see `support/dcc.rs`), both measured in this run, and checks
//! that the DCC-style code verifies too.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

mod support {
    pub mod dcc;
}

use std::hint::black_box;

use chrono::{DateTime, Duration, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use dvc_core::dossier::code::DossierCode;
use dvc_core::qr::documents::DocumentMarks;
use dvc_core::qr::issuer::Issuer;
use dvc_core::qr::keyring::{Revocation, TrustedKey, verify};
use dvc_core::qr::payload::{CodeContent, Credential, PREFIX};
use dvc_core::qr::render::Symbol;
use ed25519_dalek::{SigningKey, VerifyingKey};
use support::dcc;

const SECRET: [u8; 32] = [9; 32];
/// Pixels the SVG is drawn at, as a phone screen shows it.
const SVG_PX: u32 = 300;
/// Pixels per module of the PNG.
const PNG_SCALE: u32 = 6;

fn at(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap()
}

/// A typical dossier (as in the QR unit tests): a national procedure with
/// 11 documents, 8 held, an appointment, home delivery.
fn typical() -> Credential {
    Credential {
        key_id: "k1".into(),
        dossier_code: "000.00.01.H26-261123-0042".parse::<DossierCode>().unwrap(),
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

/// Three trusted keys, newest first: a next key, ours, a retired one.
fn keyring() -> Vec<TrustedKey> {
    let key = |id: &str, secret: [u8; 32], from: DateTime<Utc>, until: Option<DateTime<Utc>>| {
        TrustedKey {
            id: id.into(),
            public_key: Issuer::from_secret(id, secret).public_key(),
            valid_from: from,
            valid_until: until,
        }
    };
    vec![
        key("k2", [10; 32], at(28, 0), None),
        key("k1", SECRET, at(1, 0), None),
        key("k0", [8; 32], at(1, 0) - Duration::days(90), Some(at(1, 0))),
    ]
}

/// The same keys by raw id for the DCC-style verifier.
fn dcc_keys() -> Vec<(Vec<u8>, VerifyingKey)> {
    [("k2", [10; 32]), ("k1", SECRET), ("k0", [8; 32])]
        .into_iter()
        .map(|(id, s)| {
            (
                id.as_bytes().to_vec(),
                SigningKey::from_bytes(&s).verifying_key(),
            )
        })
        .collect()
}

/// 100 revocations, all of other dossiers of the same office.
fn revocations() -> Vec<Revocation> {
    (0..100)
        .map(|i| Revocation {
            dossier_code: format!("000.00.01.H26-2611{:02}-{:04}", 10 + i % 13, 1 + i * 7),
            issued_before: at(20, 0),
            reason: if i % 3 == 0 { "withdrawn" } else { "reissued" }.into(),
        })
        .collect()
}

fn now() -> DateTime<Utc> {
    at(23, 4)
}

/// Sizes of both encodings of the typical dossier, printed once; asserts
/// that both codes verify and read back the same fields.
fn size_report(text: &str) {
    let ours_bytes = base45::decode(&text[PREFIX.len()..]).unwrap().len();
    let ours_v = Symbol::new(text).unwrap().version();
    let ours = verify(text, &keyring(), &revocations(), now()).unwrap();
    assert_eq!(ours, typical());

    let fields = dcc::Fields::of(&typical());
    let encoded = fields.encode(&SigningKey::from_bytes(&SECRET)).unwrap();
    let read = dcc::verify(&encoded.text, &dcc_keys(), now().timestamp()).unwrap();
    assert_eq!(read, fields, "the DCC-style code reads back as written");
    let forged = dcc::Fields {
        home_delivery: false,
        ..fields.clone()
    }
    .encode(&SigningKey::from_bytes(&[8; 32]))
    .unwrap();
    assert!(
        dcc::verify(&forged.text, &dcc_keys(), now().timestamp()).is_err(),
        "a DCC-style code signed with another key must fail"
    );
    let dcc_v = Symbol::new(&encoded.text).unwrap().version();

    println!(
        "\nqr size: ours {} chars, {ours_bytes} bytes, QR v{ours_v}-M | DCC-style {} chars, {} bytes zlib (COSE_Sign1 {} B, CWT claims {} B), QR v{dcc_v}-M\n",
        text.chars().count(),
        encoded.text.chars().count(),
        encoded.zlib_len,
        encoded.cose_len,
        encoded.cwt_len,
    );
}

fn bench(c: &mut Criterion) {
    let issuer = Issuer::from_secret("k1", SECRET);
    let credential = typical();
    let text = issuer.sign(&credential).unwrap();
    size_report(&text);

    let keys = keyring();
    let revoked = revocations();
    let mut group = c.benchmark_group("qr");
    group.bench_function("make_and_render_svg", |b| {
        b.iter(|| {
            let text = issuer.sign(black_box(&credential)).unwrap();
            black_box(Symbol::new(&text).unwrap().svg(SVG_PX))
        })
    });
    group.bench_function("render_png", |b| {
        b.iter(|| {
            black_box(
                Symbol::new(black_box(&text))
                    .unwrap()
                    .png(PNG_SCALE)
                    .unwrap(),
            )
        })
    });
    group.bench_function("decode_and_verify", |b| {
        b.iter(|| black_box(verify(black_box(&text), &keys, &revoked, now()).unwrap()))
    });

    // The DCC-style code through the same steps, for comparison.
    let fields = dcc::Fields::of(&credential);
    let key = SigningKey::from_bytes(&SECRET);
    let dcc_text = fields.encode(&key).unwrap().text;
    let verifiers = dcc_keys();
    group.bench_function("dcc_style_make_and_render_svg", |b| {
        b.iter(|| {
            let text = dcc::Fields::of(black_box(&credential))
                .encode(&key)
                .unwrap()
                .text;
            black_box(Symbol::new(&text).unwrap().svg(SVG_PX))
        })
    });
    group.bench_function("dcc_style_decode_and_verify", |b| {
        b.iter(|| {
            let read = dcc::verify(black_box(&dcc_text), &verifiers, now().timestamp()).unwrap();
            let revoked = revoked.iter().any(|r| {
                r.dossier_code == read.dossier_code && read.issued_at < r.issued_before.timestamp()
            });
            assert!(!revoked);
            black_box(read)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
