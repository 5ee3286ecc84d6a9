//! Files for tests: a signature image, and photos of a given size.

use std::path::PathBuf;
use std::sync::OnceLock;

/// A small PNG signature on disk (written once per test process); its
/// path as the core takes it.
pub fn signature_file() -> String {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let mut pad = dvc_core::qr::png::BitImage::new(96, 32);
        pad.fill_dark(8, 14, 80, 3);
        let path =
            std::env::temp_dir().join(format!("dvc-e2e-signature-{}.png", std::process::id()));
        std::fs::write(&path, pad.to_png()).unwrap();
        path
    })
    .to_string_lossy()
    .into_owned()
}

/// `len` bytes that read as a JPEG (its signature, then bytes drawn from
/// `seed`): what the core and server check of a photo.
pub fn jpeg(len: usize, seed: u64) -> Vec<u8> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    bytes.extend((4..len.max(4)).map(|_| rng.u8(..)));
    bytes
}
