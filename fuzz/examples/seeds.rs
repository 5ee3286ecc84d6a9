//! Writes the seed corpus of the `qr_decode` fuzz target:
//! `cargo run --example seeds [DIR]` (default `corpus/qr_decode`).
//! Each code is written twice: as its text, and as its raw body (the bytes
//! behind `DVC1:`, which the target also reads as a body).

use std::path::PathBuf;

use dvc_core::qr::QrError;
use dvc_core::qr::keyring::verify;
use dvc_core::qr::payload::PREFIX;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or("corpus/qr_decode".into()));
    std::fs::create_dir_all(&dir)?;
    let issuer = dvc_fuzz::issuer();
    let codes = [
        ("credential", issuer.sign(&dvc_fuzz::credential(42))?),
        ("credential-revoked", issuer.sign(&dvc_fuzz::credential(7))?),
        ("draft", dvc_fuzz::draft().to_text()?),
    ];
    // The seeds must reach the end of `verify`: one accepted, one revoked.
    let check = |text: &str| {
        verify(
            text,
            &dvc_fuzz::keys(),
            &dvc_fuzz::revocations(),
            dvc_fuzz::now(),
        )
    };
    assert!(
        check(&codes[0].1).is_ok(),
        "the credential seed must verify"
    );
    assert_eq!(check(&codes[1].1).err(), Some(QrError::Revoked));
    assert_eq!(check(&codes[2].1).err(), Some(QrError::BadSignature));
    for (name, text) in codes {
        let body = base45::decode(&text[PREFIX.len()..])?;
        std::fs::write(dir.join(format!("seed-{name}.txt")), &text)?;
        std::fs::write(dir.join(format!("seed-{name}.bin")), body)?;
        println!("seed-{name}: {text}");
    }
    Ok(())
}
