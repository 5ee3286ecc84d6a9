//! Drawing a payload as a QR symbol (error correction M, quiet zone of four
//! modules): SVG for screens and print, PNG for image views and sharing,
//! and block characters for a terminal.

use qrcode::render::{svg, unicode};
use qrcode::{Color, EcLevel, QrCode, Version};

use super::png::BitImage;
use crate::error::{CoreError, CoreResult};

/// Modules of white border around the symbol.
pub const QUIET_ZONE: u32 = 4;

/// A QR symbol for one payload.
pub struct Symbol {
    code: QrCode,
}

impl Symbol {
    /// Encodes `text` at error-correction level M, in the smallest version.
    pub fn new(text: &str) -> CoreResult<Self> {
        QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
            .map(|code| Self { code })
            .map_err(|e| {
                CoreError::invalid(
                    "payload",
                    format!("Không tạo được mã QR: {e}"),
                    format!("Cannot make a QR code: {e}"),
                )
            })
    }

    /// The QR version (1–40).
    pub fn version(&self) -> u8 {
        match self.code.version() {
            Version::Normal(v) | Version::Micro(v) => v as u8,
        }
    }

    /// Modules per side, without the quiet zone.
    pub fn width(&self) -> u32 {
        self.code.width() as u32
    }

    /// Dark (true) and light modules, row by row, without the quiet zone.
    pub fn modules(&self) -> Vec<bool> {
        self.code
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect()
    }

    /// An SVG document at least `min_px` pixels wide.
    pub fn svg(&self, min_px: u32) -> String {
        self.code
            .render::<svg::Color<'_>>()
            .min_dimensions(min_px, min_px)
            .quiet_zone(true)
            .build()
    }

    /// Two rows per line of half blocks. Light modules are drawn in the
    /// text colour and dark ones left as background, which scans on the
    /// usual light-on-dark terminal.
    pub fn terminal(&self) -> String {
        self.code
            .render::<unicode::Dense1x2>()
            .dark_color(unicode::Dense1x2::Light)
            .light_color(unicode::Dense1x2::Dark)
            .quiet_zone(true)
            .build()
    }

    /// A black-and-white PNG (one bit per pixel), `scale` pixels per module
    /// (clamped to 1–64), with the quiet zone.
    pub fn png(&self, scale: u32) -> CoreResult<Vec<u8>> {
        let scale = scale.clamp(1, 64);
        let width = self.width();
        let side = (width + 2 * QUIET_ZONE) * scale;
        let mut image = BitImage::new(side, side);
        for (i, dark) in self.modules().into_iter().enumerate() {
            if dark {
                let (x, y) = (i as u32 % width, i as u32 / width);
                let (px, py) = ((x + QUIET_ZONE) * scale, (y + QUIET_ZONE) * scale);
                image.fill_dark(px, py, scale, scale);
            }
        }
        Ok(image.to_png())
    }
}
