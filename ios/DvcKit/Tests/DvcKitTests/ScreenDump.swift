import DvcUI
import Foundation

/// A stable JSON dump of screen states, the same as the Kotlin one (the
/// parity journeys compare both with `docs/screens/`): keys in the order the
/// core declares them, in snake_case; enum cases in snake_case; dates in
/// ISO 8601; bytes as `"<bytes>"`. Values that differ on every run are
/// replaced: 32-hex ids by `<id-N>` in order of first appearance, the
/// receipt's random track check by `<check>`.
final class ScreenDump {
    private var ids: [String: String] = [:]
    private var steps = ""
    private let iso = ISO8601DateFormatter()

    /// Adds one step of a journey: its name and the state shown.
    func step<S>(_ name: String, _ state: UiState<S>) {
        if !steps.isEmpty { steps += ",\n" }
        steps += "{\"step\": " + quote(name) + ", \"state\": "
        let (type, fields) = state.parts
        object(type, fields, depth: 1, into: &steps)
        steps += "}"
    }

    /// The whole journey as a JSON array, one step per element.
    func json() -> String { "[\n" + steps + "\n]\n" }

    private func pad(_ depth: Int) -> String { String(repeating: "  ", count: depth) }

    private func object(_ type: String, _ fields: [(String, Any?)], depth: Int, into out: inout String) {
        out += "{\n" + pad(depth + 1) + "\"type\": " + quote(type)
        for (name, value) in fields {
            out += ",\n" + pad(depth + 1) + quote(snake(name)) + ": "
            if name == "trackCheck", unwrap(value) != nil {
                out += quote("<check>")
            } else {
                write(value, depth: depth + 1, into: &out)
            }
        }
        out += "\n" + pad(depth) + "}"
    }

    private func unwrap(_ value: Any?) -> Any? {
        guard let value else { return nil }
        let m = Mirror(reflecting: value)
        if m.displayStyle == .optional {
            guard let inner = m.children.first?.value else { return nil }
            return unwrap(inner)
        }
        return value
    }

    private func write(_ raw: Any?, depth: Int, into out: inout String) {
        guard let value = unwrap(raw) else {
            out += "null"
            return
        }
        switch value {
        case let s as String: out += quote(mask(s))
        case let b as Bool: out += b ? "true" : "false"
        case let n as Int32: out += String(n)
        case let n as Int64: out += String(n)
        case let n as Int: out += String(n)
        case let n as UInt32: out += String(n)
        case let n as UInt64: out += String(n)
        case let f as Float: out += f.description
        case let d as Double: out += d.description
        case let d as Date: out += quote(iso.string(from: d))
        case is Data: out += "\"<bytes>\""
        default:
            let m = Mirror(reflecting: value)
            switch m.displayStyle {
            case .collection?:
                let items = m.children.map(\.value)
                if items.isEmpty {
                    out += "[]"
                    return
                }
                out += "["
                for (i, item) in items.enumerated() {
                    out += (i == 0 ? "\n" : ",\n") + pad(depth + 1)
                    write(item, depth: depth + 1, into: &out)
                }
                out += "\n" + pad(depth) + "]"
            case .enum?:
                out += quote(snake(String(describing: value)))
            default:
                let fields = m.children.map { ($0.label ?? "", Optional($0.value)) }
                object(snake(String(describing: type(of: value))), fields, depth: depth, into: &out)
            }
        }
    }

    private func mask(_ text: String) -> String {
        var out = ""
        var run = ""
        func flush() {
            if run.count == 32 {
                if ids[run] == nil { ids[run] = "<id-\(ids.count + 1)>" }
                out += ids[run]!
            } else if run.count > 32 {
                // Longer hex runs: the regex masks their first 32 characters.
                var rest = Substring(run)
                while rest.count >= 32 {
                    let head = String(rest.prefix(32))
                    if ids[head] == nil { ids[head] = "<id-\(ids.count + 1)>" }
                    out += ids[head]!
                    rest = rest.dropFirst(32)
                }
                out += rest
            } else {
                out += run
            }
            run = ""
        }
        for c in text {
            if c.isASCII, c.isHexDigit, !c.isUppercase { run.append(c) } else {
                flush()
                out.append(c)
            }
        }
        flush()
        return out
    }

    private func snake(_ name: String) -> String {
        var out = ""
        var previous: Character?
        for c in name {
            if c.isUppercase, let p = previous, p.isLowercase || p.isNumber { out.append("_") }
            out += c.lowercased()
            previous = c
        }
        return out
    }

    private func quote(_ s: String) -> String {
        var b = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": b += "\\\""
            case "\\": b += "\\\\"
            case "\n": b += "\\n"
            default:
                if u.value < 0x20 { b += String(format: "\\u%04x", u.value) } else { b.unicodeScalars.append(u) }
            }
        }
        return b + "\""
    }
}
