//! Drawing a payload as a QR symbol (error correction M, quiet zone of four
//! modules): SVG for screens and print, PNG for image views and sharing,
//! and block characters for a terminal.

use qrcode::render::{svg, unicode};
use qrcode::{Color, EcLevel, QrCode, Version};

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

    /// A greyscale PNG, `scale` pixels per module, with the quiet zone.
    pub fn png(&self, scale: u32) -> CoreResult<Vec<u8>> {
        let scale = scale.clamp(1, 64);
        let side = (self.width() + 2 * QUIET_ZONE) * scale;
        let modules = self.modules();
        let width = self.width();
        let mut pixels = vec![255u8; (side * side) as usize];
        for y in 0..width {
            for x in 0..width {
                if modules[(y * width + x) as usize] {
                    let (px, py) = ((x + QUIET_ZONE) * scale, (y + QUIET_ZONE) * scale);
                    for row in py..py + scale {
                        let start = (row * side + px) as usize;
                        pixels[start..start + scale as usize].fill(0);
                    }
                }
            }
        }
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, side, side);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Fast);
        let mut writer = encoder.write_header().map_err(CoreError::internal)?;
        writer
            .write_image_data(&pixels)
            .map_err(CoreError::internal)?;
        writer.finish().map_err(CoreError::internal)?;
        Ok(out)
    }
}
