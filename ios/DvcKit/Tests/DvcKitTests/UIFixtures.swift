import DvcKit
import DvcUI
import Foundation
import XCTest

/// What the screen model tests share: phones, small image files, the goldens.
enum UIFixtures {
    /// A phone on `server` (or on a dead address when `offline`), its clock at the server's.
    static func phone(_ server: TestServer, dataDir: String = "", offline: Bool = false,
                      store: SecureStore = InMemorySecureStore()) throws -> DvcCore {
        let core = try DvcCore(
            config: CoreConfig(dataDir: dataDir, serverUrl: offline ? "http://127.0.0.1:9" : server.url,
                               requestTimeoutMs: 5000, cataloguePath: DvcKit.cataloguePath),
            secureStore: store)
        core.setClock(at: server.now())
        return core
    }

    /// A fresh folder for a phone's files.
    static func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dvc-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }

    private static func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = try folder() + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A small JPEG file (the core checks the first bytes and the size).
    static func jpeg(_ name: String, bytes: Int = 20_000) throws -> String {
        var data = (0..<bytes).map { UInt8(truncatingIfNeeded: $0 * 31 % 251) }
        data.replaceSubrange(0..<4, with: [0xFF, 0xD8, 0xFF, 0xE0])
        return try file(name, data)
    }

    /// A small PNG file (a signature pad's output).
    static func png(_ name: String) throws -> String {
        var data = (0..<4_000).map { UInt8(truncatingIfNeeded: $0 * 7 % 253) }
        data.replaceSubrange(0..<8, with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        return try file(name, data)
    }

    /// The repository root (this file is ios/DvcKit/Tests/DvcKitTests/…).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Compares journey `name`'s dump with `docs/screens/<name>.json`, the
    /// file the Kotlin presenters produce; writes it under
    /// `build/screens/swift/` either way. Nil when equal, else where it differs.
    static func compareWithGolden(_ name: String, _ dump: String) throws -> String? {
        let out = root.appendingPathComponent("build/screens/swift/\(name).json")
        try FileManager.default.createDirectory(at: out.deletingLastPathComponent(), withIntermediateDirectories: true)
        try dump.write(to: out, atomically: true, encoding: .utf8)
        let golden = root.appendingPathComponent("docs/screens/\(name).json")
        guard let want = try? String(contentsOf: golden, encoding: .utf8) else { return "no \(golden.path)" }
        if want == dump { return nil }
        let w = want.components(separatedBy: "\n"), g = dump.components(separatedBy: "\n")
        let at = w.indices.first { $0 >= g.count || w[$0] != g[$0] } ?? w.count
        return "\(out.path) differs from \(golden.path) at line \(at + 1):\n  golden: \(at < w.count ? w[at] : "")\n  got:    \(at < g.count ? g[at] : "")"
    }
}

/// The screen shown by `state`, or a test failure.
func readyScreen<S>(_ state: UiState<S>, file: StaticString = #filePath, line: UInt = #line) throws -> S {
    guard let s = state.screen else {
        XCTFail("expected a screen, got \(state)", file: file, line: line)
        throw CancellationError()
    }
    return s
}
