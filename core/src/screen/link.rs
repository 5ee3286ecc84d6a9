//! App links (`dvc://dossier/<code>`, `dvc://booking/<id>`): what a tapped
//! notification or a link from elsewhere opens. Links come from outside
//! the app, so anything that does not read cleanly opens nothing.

use serde::Serialize;

/// Where an app link goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "to", rename_all = "snake_case")]
pub enum Route {
    /// The tracking screen of a dossier (code or id).
    Dossier {
        /// The dossier code or id.
        key: String,
    },
    /// The appointments screen, at one booking.
    Booking {
        /// The booking id.
        id: String,
    },
}

/// The longest key a link may carry.
const MAX_KEY: usize = 64;

/// Where `url` goes, or `None` for a link that is not the app's or does
/// not read cleanly (bad escapes, characters outside
/// `A–Z a–z 0–9 - . _ ~`, empty or longer than 64).
pub fn route(url: &str) -> Option<Route> {
    let rest = url
        .trim()
        .strip_prefix(crate::tracking::notify::DEEP_LINK_SCHEME)?;
    let rest = rest.strip_prefix("://")?;
    let (kind, key) = rest.split_once('/')?;
    let key = decode(key.trim_end_matches('/'))?;
    match kind {
        "dossier" => Some(Route::Dossier { key }),
        "booking" => Some(Route::Booking { id: key }),
        _ => None,
    }
}

/// `text` percent-decoded, when every byte is an unreserved character.
fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            i += 3;
            u8::from_str_radix(hex, 16).ok()?
        } else {
            i += 1;
            bytes[i - 1]
        };
        if !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')) {
            return None;
        }
        out.push(b);
    }
    if out.is_empty() || out.len() > MAX_KEY {
        return None;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_apps_links_open_their_screens_and_nothing_else_does() {
        assert_eq!(
            route("dvc://dossier/000.00.00.H26-261201-0001"),
            Some(Route::Dossier {
                key: "000.00.00.H26-261201-0001".into()
            })
        );
        assert_eq!(
            route("dvc://booking/bk_1.a~Z-9"),
            Some(Route::Booking {
                id: "bk_1.a~Z-9".into()
            })
        );
        assert_eq!(
            route("dvc://booking/bk%2D1"),
            Some(Route::Booking { id: "bk-1".into() })
        );
        for bad in [
            "https://dossier/x",
            "dvc://dossier/",
            "dvc://dossier/a%2Fb",
            "dvc://dossier/a b",
            "dvc://dossier/%zz",
            "dvc://dossier/%E2%80%AE",
            "dvc://settings/x",
            "dvc:dossier/x",
        ] {
            assert_eq!(route(bad), None, "{bad}");
        }
        assert_eq!(route(&format!("dvc://dossier/{}", "a".repeat(65))), None);
    }
}
