//! The catalogue file an app ships: JSON, or JSON compressed with gzip
//! (what the apps bundle: 0.35 MB instead of 4.1 MB). A file that is
//! neither, is cut short or would inflate beyond a sane size is refused
//! with a clear error, never half read.

use crate::error::{CoreError, CoreResult};

/// Inflated catalogues larger than this are refused (a hostile or broken
/// file must not take the phone's memory).
const MAX_INFLATED: usize = 64 * 1024 * 1024;

/// The catalogue text of a shipped file's bytes.
pub(crate) fn text(bytes: Vec<u8>) -> CoreResult<String> {
    let json = if bytes.starts_with(&[0x1f, 0x8b]) {
        gunzip(&bytes)?
    } else {
        bytes
    };
    String::from_utf8(json).map_err(|_| broken("không phải văn bản UTF-8", "not UTF-8 text"))
}

/// The member of a one-member gzip file (RFC 1952), its length and CRC-32
/// checked.
fn gunzip(bytes: &[u8]) -> CoreResult<Vec<u8>> {
    let short = || broken("tệp nén bị cắt", "the compressed file is cut short");
    let flags = *bytes.get(3).ok_or_else(short)?;
    if bytes.get(2) != Some(&8) || flags & 0xe0 != 0 {
        return Err(broken("kiểu nén không hỗ trợ", "unsupported compression"));
    }
    let mut at = 10;
    if flags & 0x04 != 0 {
        let extra = bytes.get(at..at + 2).ok_or_else(short)?;
        at += 2 + usize::from(u16::from_le_bytes([extra[0], extra[1]]));
    }
    for flag in [0x08, 0x10] {
        if flags & flag != 0 {
            let end = bytes.get(at..).and_then(|b| b.iter().position(|&c| c == 0));
            at += end.ok_or_else(short)? + 1;
        }
    }
    if flags & 0x02 != 0 {
        at += 2;
    }
    let body = bytes
        .get(at..bytes.len().checked_sub(8).ok_or_else(short)?)
        .ok_or_else(short)?;
    let out =
        miniz_oxide::inflate::decompress_to_vec_with_limit(body, MAX_INFLATED).map_err(|_| {
            broken(
                "dữ liệu nén hỏng hoặc quá lớn",
                "the compressed data is damaged or too large",
            )
        })?;
    let tail = &bytes[bytes.len() - 8..];
    let crc = u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]);
    let size = u32::from_le_bytes([tail[4], tail[5], tail[6], tail[7]]);
    if size != out.len() as u32 {
        return Err(short());
    }
    if crc != crate::qr::png::crc32(&out) {
        return Err(broken("dữ liệu nén hỏng", "the compressed data is damaged"));
    }
    Ok(out)
}

fn broken(vi: &str, en: &str) -> CoreError {
    CoreError::invalid(
        "catalogue_path",
        format!("Tệp danh mục thủ tục của ứng dụng không đọc được: {vi}."),
        format!("The app's procedure catalogue file cannot be read: {en}."),
    )
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn plain_and_gzip_files_read_the_same() {
        let json = crate::catalogue::BUNDLED_JSON.as_bytes();
        assert_eq!(text(json.to_vec()).unwrap(), crate::catalogue::BUNDLED_JSON);
        assert_eq!(text(gz(json)).unwrap(), crate::catalogue::BUNDLED_JSON);
    }

    #[test]
    fn cut_damaged_or_foreign_files_are_refused_by_name() {
        let whole = gz(b"{\"format\": 2}");
        let mut flipped = whole.clone();
        flipped[12] ^= 0xff;
        for bad in [
            whole[..whole.len() - 3].to_vec(),
            whole[..5].to_vec(),
            flipped,
            vec![0x1f, 0x8b, 7, 0],
            vec![0xff, 0xfe, 0x00],
        ] {
            let err = text(bad).unwrap_err();
            assert_eq!(err.field(), Some("catalogue_path"), "{err:?}");
        }
    }
}
