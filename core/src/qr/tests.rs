//! Round trips through signing, verifying and drawing.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::QrError;
use super::documents::DocumentMarks;
use super::issuer::Issuer;
use super::keyring::{Revocation, TrustedKey, verify};
use super::payload::{CodeContent, Credential, PREFIX};
use super::render::Symbol;

const ALPHABET: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

fn at(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap()
}

fn issuer() -> Issuer {
    Issuer::from_secret("k1", [9; 32])
}

fn trusted(i: &Issuer) -> TrustedKey {
    TrustedKey {
        id: i.key_id().into(),
        public_key: i.public_key(),
        valid_from: at(1, 0),
        valid_until: None,
    }
}

/// A typical dossier: a national procedure with 11 documents, 8 held, an
/// appointment, home delivery.
fn typical() -> Credential {
    Credential {
        key_id: "k1".into(),
        dossier_code: "000.00.01.H26-261123-0042".parse().unwrap(),
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

#[test]
fn a_signed_code_verifies_with_the_trusted_key() {
    let i = issuer();
    let text = i.sign(&typical()).unwrap();
    let got = verify(&text, &[trusted(&i)], &[], at(23, 4)).unwrap();
    assert_eq!(got, typical());
}

#[test]
fn every_failure_has_its_own_reason() {
    let i = issuer();
    let text = i.sign(&typical()).unwrap();
    let keys = [trusted(&i)];
    let now = at(23, 4);
    let other = Issuer::from_secret("k1", [8; 32]);
    assert_eq!(
        verify(&text, &[trusted(&other)], &[], now),
        Err(QrError::BadSignature)
    );
    assert_eq!(verify(&text, &[], &[], now), Err(QrError::UnknownKey));
    let mut late = trusted(&i);
    late.valid_from = at(24, 0);
    assert_eq!(verify(&text, &[late], &[], now), Err(QrError::UnknownKey));
    let mut retired = trusted(&i);
    retired.valid_until = Some(at(22, 0));
    assert_eq!(
        verify(&text, &[retired], &[], now),
        Err(QrError::UnknownKey)
    );
    let expired_now = typical().expires_at + Duration::minutes(1);
    assert_eq!(
        verify(&text, &keys, &[], expired_now),
        Err(QrError::Expired)
    );
    let revoked = Revocation {
        dossier_code: "000.00.01.H26-261123-0042".into(),
        issued_before: at(23, 5),
        reason: "reissued".into(),
    };
    assert_eq!(
        verify(&text, &keys, std::slice::from_ref(&revoked), now),
        Err(QrError::Revoked)
    );
    let older = Revocation {
        issued_before: at(23, 3),
        ..revoked
    };
    assert!(
        verify(&text, &keys, &[older], now).is_ok(),
        "a code issued at the cut-off stays valid"
    );
    assert_eq!(
        verify("DVC9:AB", &keys, &[], now),
        Err(QrError::UnsupportedVersion)
    );
    assert_eq!(
        verify("https://dichvucong.gov.vn", &keys, &[], now),
        Err(QrError::Malformed)
    );
}

#[test]
fn changing_any_single_character_makes_verification_fail() {
    let i = issuer();
    let text = i.sign(&typical()).unwrap();
    let keys = [trusted(&i)];
    let mut tried = 0;
    for (pos, original) in text.char_indices() {
        for c in ALPHABET.chars().chain(['a', 'é']) {
            if c == original {
                continue;
            }
            let mut changed = String::with_capacity(text.len() + 1);
            changed.push_str(&text[..pos]);
            changed.push(c);
            changed.push_str(&text[pos + original.len_utf8()..]);
            assert!(
                verify(&changed, &keys, &[], at(23, 4)).is_err(),
                "{changed} verified after changing position {pos}"
            );
            tried += 1;
        }
    }
    assert!(tried > 40 * text.len(), "{tried} variants");
}

#[test]
fn a_draft_code_never_verifies() {
    let d = super::payload::DraftCode {
        office_id: Some("vnp-hoan-kiem".into()),
        content: typical().content,
    };
    let text = d.to_text().unwrap();
    assert_eq!(
        verify(&text, &[trusted(&issuer())], &[], at(23, 4)),
        Err(QrError::BadSignature)
    );
}

#[test]
fn a_typical_code_fits_qr_version_7_at_level_m() {
    let text = issuer().sign(&typical()).unwrap();
    assert!(text.starts_with(PREFIX));
    assert!(text.chars().all(|c| ALPHABET.contains(c)), "{text}");
    let symbol = Symbol::new(&text).unwrap();
    assert!(
        symbol.version() <= 7,
        "version {} for {} chars",
        symbol.version(),
        text.len()
    );
}

#[test]
fn the_png_decodes_back_to_the_payload_with_an_independent_decoder() {
    let text = issuer().sign(&typical()).unwrap();
    let png_bytes = Symbol::new(&text).unwrap().png(6).unwrap();
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    // One bit per pixel on disk; expanded to 0 and 255 for the QR decoder.
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Grayscale);
    let (w, h) = (info.width as usize, info.height as usize);
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| buf[y * w + x]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1);
    let (_, content) = grids[0].decode().unwrap();
    assert_eq!(content, text);
}

#[test]
fn the_svg_and_terminal_renderings_have_a_quiet_zone() {
    let symbol = Symbol::new(&issuer().sign(&typical()).unwrap()).unwrap();
    let svg = symbol.svg(256);
    assert!(svg.starts_with("<?xml") && svg.contains("<svg"));
    let term = symbol.terminal();
    let first = term.lines().next().unwrap();
    assert!(
        first.chars().all(|c| c == '█'),
        "top quiet zone row: {first:?}"
    );
    assert_eq!(
        term.lines().count() as u32,
        (symbol.width() + 8).div_ceil(2)
    );
}

#[test]
fn a_check_with_old_keys_says_so_in_both_languages() {
    let fresh = crate::qr::view::Verification::failed(crate::qr::QrError::UnknownKey)
        .with_keyring_age(Some(3600), crate::qr::KEYRING_MAX_AGE_SECS);
    assert!(!fresh.keyring_stale);
    assert_eq!(fresh.keyring_age_secs, Some(3600));
    let old = crate::qr::view::Verification::failed(crate::qr::QrError::UnknownKey)
        .with_keyring_age(Some(30 * 3600), crate::qr::KEYRING_MAX_AGE_SECS);
    assert!(old.keyring_stale);
    assert!(old.message_vi.contains("30 giờ"), "{}", old.message_vi);
    assert!(old.message_en.contains("30 hours"), "{}", old.message_en);
    let none = crate::qr::view::Verification::failed(crate::qr::QrError::UnknownKey)
        .with_keyring_age(None, crate::qr::KEYRING_MAX_AGE_SECS);
    assert!(!none.keyring_stale);
}

#[test]
fn marks_say_which_documents_apply_and_count_only_those() {
    use crate::qr::documents::DocumentMarks;
    use crate::qr::payload::Reader;
    let marks = DocumentMarks {
        fingerprint: 0xbeef,
        have: vec![
            true, true, false, true, false, false, false, false, false, false, true,
        ],
        applies: Some(vec![
            true, true, false, true, false, false, false, false, false, false, false,
        ]),
    };
    assert_eq!((marks.held_count(), marks.applicable_count()), (3, 3));
    let mut bytes = Vec::new();
    marks.write(&mut bytes).unwrap();
    let back = DocumentMarks::read(&mut Reader::new(&bytes)).unwrap();
    assert_eq!(back, marks);
    // Without the applies mask every document counts, as before.
    let plain = DocumentMarks::new(0xbeef, marks.have.clone());
    assert_eq!((plain.held_count(), plain.applicable_count()), (4, 11));
}
