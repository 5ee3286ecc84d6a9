//! Printing results: human text by default, JSON with `--json`; errors in
//! Vietnamese and English, or as a JSON object.

use dvc_core::CoreError;
use serde::Serialize;

/// How the user asked for output.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    /// Print JSON instead of text.
    pub json: bool,
}

impl Output {
    /// Prints `value` as JSON when asked, else runs `human`.
    pub fn show<T: Serialize>(&self, value: &T, human: impl FnOnce(&T)) {
        if self.json {
            match serde_json::to_string_pretty(value) {
                Ok(text) => println!("{text}"),
                Err(e) => eprintln!("error: {e}"),
            }
        } else {
            human(value);
        }
    }

    /// Reports `err`: a JSON object on stdout with `--json`, text on stderr
    /// otherwise.
    pub fn error(&self, err: &CoreError) {
        if self.json {
            let body = serde_json::json!({
                "error": err.kind().as_str(),
                "field": err.field(),
                "reason": err.reason(),
                "vi": err.vi(),
                "en": err.en(),
                "support": err.support(),
            });
            println!("{body:#}");
        } else {
            eprintln!("Lỗi: {}", err.vi());
            eprintln!("Error: {}", err.en());
            // The terminal is also where support looks.
            if let Some(detail) = err.support() {
                eprintln!("  ({detail})");
            }
        }
    }
}
