//! A minimal PNG writer for black-and-white images, so the shipped library
//! needs no compression crate: one bit per pixel greyscale, the image data
//! in stored (uncompressed) deflate blocks inside the zlib stream, with the
//! CRC-32 and Adler-32 checksums computed here.
//!
//! At one bit per pixel a QR symbol stays small without compression: a
//! version 6 symbol at 8 pixels per module (392 × 392) is under 20 KB.

/// The eight bytes every PNG file starts with.
const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// The most data one stored deflate block can hold.
const MAX_STORED_BLOCK: usize = 0xffff;

/// A black-and-white image, one bit per pixel, all white when created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BitImage {
    width: u32,
    height: u32,
    /// Bytes per row: `width / 8` rounded up.
    stride: usize,
    /// Rows top to bottom, leftmost pixel in the highest bit; 1 is white
    /// (PNG's meaning for one-bit greyscale).
    bits: Vec<u8>,
}

impl BitImage {
    /// A white image of `width` × `height` pixels (each at least 1; a
    /// zero is taken as 1, since PNG has no empty images).
    pub fn new(width: u32, height: u32) -> Self {
        let (width, height) = (width.max(1), height.max(1));
        let stride = width.div_ceil(8) as usize;
        Self {
            width,
            height,
            stride,
            bits: vec![0xff; stride * height as usize],
        }
    }

    /// Width in pixels.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// Whether the pixel at column `x`, row `y` is dark (false outside the
    /// image).
    pub fn is_dark(&self, x: u32, y: u32) -> bool {
        x < self.width
            && y < self.height
            && self.bits[y as usize * self.stride + x as usize / 8] & (0x80 >> (x % 8)) == 0
    }

    /// Darkens the rectangle of `w` × `h` pixels whose top left corner is
    /// at column `x`, row `y`; the part outside the image is ignored.
    pub fn fill_dark(&mut self, x: u32, y: u32, w: u32, h: u32) {
        let x_end = x.saturating_add(w).min(self.width);
        let y_end = y.saturating_add(h).min(self.height);
        for row in y..y_end {
            let line = row as usize * self.stride;
            for col in x..x_end {
                self.bits[line + col as usize / 8] &= !(0x80 >> (col % 8));
            }
        }
    }

    /// The image as a PNG file: greyscale at bit depth 1, not interlaced,
    /// every row with filter type 0 (none).
    pub fn to_png(&self) -> Vec<u8> {
        let mut raw = Vec::with_capacity((self.stride + 1) * self.height as usize);
        for row in self.bits.chunks_exact(self.stride) {
            raw.push(0); // filter type: none
            raw.extend_from_slice(row);
        }
        let idat = zlib_stored(&raw);

        let mut header = [0u8; 13];
        header[..4].copy_from_slice(&self.width.to_be_bytes());
        header[4..8].copy_from_slice(&self.height.to_be_bytes());
        // Bit depth 1, colour type 0 (greyscale), compression 0 (deflate),
        // filter method 0, no interlace.
        header[8..].copy_from_slice(&[1, 0, 0, 0, 0]);

        let mut out = Vec::with_capacity(SIGNATURE.len() + 3 * 12 + header.len() + idat.len());
        out.extend_from_slice(&SIGNATURE);
        write_chunk(&mut out, b"IHDR", &header);
        write_chunk(&mut out, b"IDAT", &idat);
        write_chunk(&mut out, b"IEND", &[]);
        out
    }
}

/// Appends one PNG chunk: length, type, data, and the CRC-32 of type and
/// data.
fn write_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    // Our chunks are far below PNG's limit of 2³¹ − 1 bytes: the largest
    // image `render` asks for holds about 2 MB of pixels.
    let len = u32::try_from(data.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&len.to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// `data` as a zlib stream (RFC 1950) of stored deflate blocks (RFC 1951,
/// block type 0), each at most 65,535 bytes.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let blocks = data.len().div_ceil(MAX_STORED_BLOCK).max(1);
    let mut out = Vec::with_capacity(2 + 5 * blocks + data.len() + 4);
    // Deflate with a 32 KiB window, no preset dictionary, fastest level;
    // 0x7801 is a multiple of 31 as the header check requires.
    out.extend_from_slice(&[0x78, 0x01]);
    let mut rest = data;
    loop {
        let (block, tail) = rest.split_at(rest.len().min(MAX_STORED_BLOCK));
        let last = tail.is_empty();
        // BFINAL in bit 0, BTYPE 00 (stored); the rest of the byte pads to
        // the byte boundary that stored data starts on.
        out.push(u8::from(last));
        let len = block.len() as u16; // at most MAX_STORED_BLOCK
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
        if last {
            break;
        }
        rest = tail;
    }
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

/// The CRC-32 lookup table (reflected polynomial 0xEDB88320), built at
/// compile time.
const CRC_TABLE: [u32; 256] = crc_table();

/// Builds [`CRC_TABLE`].
const fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xedb8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
}

/// The CRC-32 of `data` as PNG (and zip, gzip) compute it.
pub(crate) fn crc32(data: &[u8]) -> u32 {
    !data.iter().fold(!0u32, |c, &b| {
        CRC_TABLE[usize::from((c as u8) ^ b)] ^ (c >> 8)
    })
}

/// The Adler-32 checksum of `data` that ends a zlib stream.
fn adler32(data: &[u8]) -> u32 {
    const MOD: u32 = 65_521;
    // The largest run of bytes whose sums cannot overflow a u32 before
    // reducing (the figure zlib uses).
    const RUN: usize = 5_552;
    let (mut a, mut b) = (1u32, 0u32);
    for run in data.chunks(RUN) {
        for &byte in run {
            a += u32::from(byte);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(crc32(b""), 0);
        // The IEND chunk's CRC, the same in every PNG file.
        assert_eq!(crc32(b"IEND"), 0xae42_6082);
    }

    #[test]
    fn adler32_matches_known_values() {
        assert_eq!(adler32(b"Wikipedia"), 0x11e6_0398);
        assert_eq!(adler32(b""), 1);
        // Long enough to reduce many times: 100,000 bytes of 0xff.
        let ones = vec![0xffu8; 100_000];
        let (mut a, mut b) = (1u64, 0u64);
        for &byte in &ones {
            a = (a + u64::from(byte)) % 65_521;
            b = (b + a) % 65_521;
        }
        assert_eq!(u64::from(adler32(&ones)), (b << 16) | a);
    }

    #[test]
    fn the_zlib_stream_inflates_back_with_an_independent_decoder() {
        for len in [0usize, 1, 65_534, 65_535, 65_536, 2 * 65_535, 200_001] {
            let data: Vec<u8> = (0..len).map(|i| (i * 7 + i / 251) as u8).collect();
            let stream = zlib_stored(&data);
            let blocks = len.div_ceil(MAX_STORED_BLOCK).max(1);
            assert_eq!(stream.len(), 2 + 5 * blocks + len + 4, "length {len}");
            let mut back = Vec::new();
            flate2::read::ZlibDecoder::new(stream.as_slice())
                .read_to_end(&mut back)
                .unwrap();
            assert!(back == data, "length {len} did not round-trip");
        }
    }

    /// Decodes `png` with the `png` crate, expanded to 8 bits per pixel.
    fn decode(png: &[u8]) -> (png::OutputInfo, Vec<u8>) {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        buf.truncate(info.buffer_size());
        (info, buf)
    }

    /// Draws a pattern with dark rectangles and stray pixels, encodes it
    /// and checks the independent decoder sees exactly the same pixels.
    fn round_trip(width: u32, height: u32) {
        let mut image = BitImage::new(width, height);
        image.fill_dark(width / 4, height / 4, width / 2, height / 3);
        for y in 0..height {
            for x in 0..width {
                if (x * 31 + y * 17 + x * y) % 11 == 0 {
                    image.fill_dark(x, y, 1, 1);
                }
            }
        }
        // Reaching past the edges is cut off, not a panic.
        image.fill_dark(width - 1, height - 1, 10, 10);
        let png = image.to_png();
        assert!(png.starts_with(&SIGNATURE));
        assert!(png.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xae, 0x42, 0x60, 0x82]));

        let (info, pixels) = decode(&png);
        assert_eq!((info.width, info.height), (width, height));
        assert_eq!(info.color_type, png::ColorType::Grayscale);
        assert_eq!(info.bit_depth, png::BitDepth::Eight, "expanded from 1");
        assert_eq!(pixels.len(), (width * height) as usize);
        for y in 0..height {
            for x in 0..width {
                let want = if image.is_dark(x, y) { 0 } else { 255 };
                assert_eq!(
                    pixels[(y * width + x) as usize],
                    want,
                    "pixel ({x}, {y}) of {width}×{height}"
                );
            }
        }
    }

    #[test]
    fn a_small_image_decodes_to_the_same_pixels() {
        round_trip(1, 1);
        round_trip(8, 3);
        round_trip(13, 9);
    }

    #[test]
    fn an_image_of_several_stored_blocks_decodes_to_the_same_pixels() {
        // 127 bytes per row (filter byte + 126) × 523 rows = 66,421 bytes
        // of raw data, more than one stored block holds.
        let (width, height) = (1001, 523);
        let raw = ((width as usize).div_ceil(8) + 1) * height as usize;
        assert!(raw > MAX_STORED_BLOCK, "{raw} bytes");
        round_trip(width, height);
        let png = BitImage::new(width, height).to_png();
        assert!(png.len() > raw, "stored, not compressed");
    }

    #[test]
    fn pixels_outside_the_image_are_light_and_zero_sizes_become_one() {
        let mut image = BitImage::new(0, 0);
        assert_eq!((image.width(), image.height()), (1, 1));
        image.fill_dark(0, 0, 5, 5);
        assert!(image.is_dark(0, 0));
        assert!(!image.is_dark(1, 0) && !image.is_dark(0, 1));
        let (info, pixels) = decode(&image.to_png());
        assert_eq!((info.width, info.height), (1, 1));
        assert_eq!(pixels, [0]);
    }
}
