//! The apps' screens as text, for the README: each step of the parity
//! journeys (docs/screens/<journey>.json, the states the Kotlin presenters
//! and the Swift models both produce) drawn as a plain-text "screenshot".
//! `docs/screens/<journey>.txt` must equal the rendering of its JSON, and
//! each screen the README shows must be one of those renderings
//! (`DVC_UPDATE_SCREENS=1` rewrites the .txt files).
//!
//! How a state is drawn: a `title` heads a box; `*_title` fields are
//! section headings, `*_label` fields buttons `[ … ]`, `*_hint` fields
//! input boxes; a notice is `ⓘ/✔/⚠/✖ text` (its tone as a symbol, the
//! text complete); a fact is `label: value`; choices are `(•)`/`( )`;
//! rows are bullets of their texts. Ids, instants, flags and nulls are
//! left out (they are what the screen passes back, not what it shows).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A JSON value with its object keys in the file's order (serde_json's own
/// map sorts them, and the dumps' order is the screens' order).
#[derive(Debug, Clone)]
enum Value {
    Null,
    Bool(bool),
    /// Numbers are not drawn (counts are in the texts).
    Number,
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(o) => o.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

impl std::ops::Index<&str> for Value {
    type Output = Value;
    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&Value::Null)
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Value;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
                Ok(Value::Bool(b))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Value, E> {
                Ok(Value::Number)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Value, E> {
                Ok(Value::Number)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Value, E> {
                Ok(Value::Number)
            }
            fn visit_str<E>(self, s: &str) -> Result<Value, E> {
                Ok(Value::String(s.to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
                let mut items = Vec::new();
                while let Some(v) = seq.next_element()? {
                    items.push(v);
                }
                Ok(Value::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
                let mut fields = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Value>()? {
                    fields.push((k, v));
                }
                Ok(Value::Object(fields))
            }
        }
        d.deserialize_any(V)
    }
}

const WIDTH: usize = 64;

fn dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/screens")
}

/// True for keys that carry what the screen passes back, not what it shows.
fn hidden(key: &str) -> bool {
    key == "type"
        || key == "id"
        || key.ends_with("_id")
        || matches!(
            key,
            "start" | "at" | "deep_link" | "notification_id" | "stop" | "page" | "kind"
        )
        // Accessibility labels: what a screen reader says, not what is drawn.
        || matches!(key, "image_label" | "tick_label")
}

fn tone(t: &str) -> &'static str {
    match t {
        "success" => "✔",
        "warning" => "⚠",
        "error" => "✖",
        _ => "ⓘ",
    }
}

/// `value` drawn into `out`, indented by `indent`.
fn draw(key: &str, value: &Value, indent: usize, out: &mut Vec<String>) {
    let pad = "  ".repeat(indent);
    match value {
        Value::Null | Value::Bool(_) | Value::Number => {}
        Value::String(s) if s == "<bytes>" => out.push(format!("{pad}▦ [QR image]")),
        Value::String(s) => {
            if hidden(key) || s.is_empty() {
                return;
            }
            if key.ends_with("_label") {
                out.push(format!("{pad}[ {s} ]"));
            } else if key.ends_with("_hint") {
                out.push(format!("{pad}[{s:_<40}]"));
            } else if key.ends_with("_title") {
                out.push(format!("{pad}── {s}"));
            } else {
                // A text of several lines (the clerk's summary) stays in the box.
                out.extend(s.trim_end().lines().map(|l| format!("{pad}{l}")));
            }
        }
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Object(_) => draw_object(item, indent, out, true),
                    _ => draw(key, item, indent, out),
                }
            }
        }
        Value::Object(_) => draw_object(value, indent, out, false),
    }
}

fn text(o: &Value, key: &str) -> Option<String> {
    o.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn draw_object(value: &Value, indent: usize, out: &mut Vec<String>, bullet: bool) {
    let Value::Object(fields) = value else {
        return;
    };
    let o = value;
    let pad = "  ".repeat(indent);
    let ty = o.get("type").and_then(Value::as_str).unwrap_or("");
    match ty {
        "notice" => {
            let t = o["tone"].as_str().unwrap_or("info");
            out.push(format!(
                "{pad}{} {}",
                tone(t),
                text(o, "text").unwrap_or_default()
            ));
            return;
        }
        "fact" => {
            out.push(format!(
                "{pad}{}: {}",
                text(o, "label").unwrap_or_default(),
                text(o, "value").unwrap_or_default()
            ));
            return;
        }
        "choice" => {
            let mark = if o["selected"].as_bool() == Some(true) {
                "(•)"
            } else {
                "( )"
            };
            out.push(format!(
                "{pad}{mark} {}",
                text(o, "label").unwrap_or_default()
            ));
            return;
        }
        _ => {}
    }
    if bullet {
        // A row: its texts on one bullet, nested lists below it.
        let mut line = Vec::new();
        let mut below = Vec::new();
        for (k, v) in fields {
            match v {
                Value::String(s) if !hidden(k) && s != "<bytes>" => line.push(s.clone()),
                Value::Array(a) if !a.is_empty() => below.push((k.clone(), v.clone())),
                Value::Object(_) => below.push((k.clone(), v.clone())),
                _ => {}
            }
        }
        let mark = match o.get("have").and_then(Value::as_bool) {
            Some(true) => "☑",
            Some(false) => "☐",
            None => "•",
        };
        out.push(format!("{pad}{mark} {}", line.join(" · ")));
        for (k, v) in below {
            draw(&k, &v, indent + 1, out);
        }
        return;
    }
    for (k, v) in fields {
        if k == "title" && indent == 0 {
            continue;
        }
        draw(k, v, indent, out);
    }
}

/// One state (`{"type": "ready", "screen": …}` and its siblings) as text.
fn render(step: &str, state: &Value) -> String {
    let mut lines = Vec::new();
    let (title, body) = match state["type"].as_str() {
        Some("ready") => {
            let screen = &state["screen"];
            let title = screen["title"].as_str().unwrap_or(step).to_owned();
            draw_object(screen, 0, &mut lines, false);
            if let Some(e) = state["error"].as_str() {
                lines.push(format!("✖ {e}"));
            }
            (title, lines)
        }
        Some("failed") => {
            lines.push(format!("✖ {}", state["message"].as_str().unwrap_or("")));
            lines.push(format!("[ {} ]", state["retry"].as_str().unwrap_or("")));
            (state["title"].as_str().unwrap_or("").to_owned(), lines)
        }
        _ => (
            step.to_owned(),
            vec![state["text"].as_str().unwrap_or("").to_owned()],
        ),
    };
    let head = format!("┌─ {title} ");
    let mut out = format!(
        "{head}{}\n",
        "─".repeat(WIDTH.saturating_sub(head.chars().count()))
    );
    for line in body {
        out.push_str("│ ");
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(&format!("└{}\n", "─".repeat(WIDTH - 1)));
    out
}

/// Every step of journey `name`, each headed by its step name.
fn render_journey(name: &str) -> String {
    let json = std::fs::read_to_string(dir().join(format!("{name}.json"))).unwrap();
    let steps: Vec<Value> = serde_json::from_str(&json).unwrap();
    let mut out = String::new();
    for s in steps {
        let step = s["step"].as_str().unwrap();
        out.push_str(&format!("{name} · {step}\n"));
        out.push_str(&render(step, &s["state"]));
        out.push('\n');
    }
    out
}

#[test]
fn the_readme_shows_the_screens_the_presenters_and_models_produce() {
    let update = std::env::var("DVC_UPDATE_SCREENS").as_deref() == Ok("1");
    let mut all = String::new();
    for name in ["citizen", "field"] {
        let text = render_journey(name);
        let path = dir().join(format!("{name}.txt"));
        if update {
            std::fs::write(&path, &text).unwrap();
        }
        let kept = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            kept,
            text,
            "{} is stale: run with DVC_UPDATE_SCREENS=1",
            path.display()
        );
        all.push_str(&text);
    }
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    // Every rendering in the README's screens section is one of them.
    let mut shown = 0;
    for block in readme.split("```text\n").skip(1) {
        let block = block.split("```").next().unwrap();
        if block.starts_with("citizen · ") || block.starts_with("field · ") {
            assert!(
                all.contains(block),
                "README shows a screen the journeys do not:\n{block}"
            );
            shown += 1;
        }
    }
    assert!(
        shown >= 12,
        "the README shows {shown} screens; every one of the 11 and sign-in"
    );
}
