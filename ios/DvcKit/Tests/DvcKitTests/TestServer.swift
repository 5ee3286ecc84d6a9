import Foundation
import XCTest

/// A real `dvc-server` process in dev mode (one-time codes printed to its
/// stdout) on a free loopback port, with staff accounts.
final class TestServer: @unchecked Sendable {
    static let staffPassword = "swift-test-password"
    static let staff = [("field-hk", "vnp-hoan-kiem", "field"), ("counter-cg", "vnp-cau-giay", "counter")]

    private(set) var url = ""
    private let process = Process()
    private let dir: URL
    private var buffer = ""
    private var lines: [String] = []
    private let lock = NSCondition()

    init() throws {
        guard let bin = ProcessInfo.processInfo.environment["DVC_SERVER_BIN"] else {
            throw NSError(domain: "TestServer", code: 1, userInfo: [NSLocalizedDescriptionKey: "set DVC_SERVER_BIN"])
        }
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("dvc-swift-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = dir.appendingPathComponent("server.sqlite3").path
        for (user, office, role) in TestServer.staff {
            let add = Process()
            add.executableURL = URL(fileURLWithPath: bin)
            add.arguments = ["--db", db, "staff", "add", "--user", user, "--office", office, "--role", role]
            var env = ProcessInfo.processInfo.environment
            env["DVC_STAFF_PASSWORD"] = TestServer.staffPassword
            add.environment = env
            add.standardOutput = FileHandle.nullDevice
            try add.run()
            add.waitUntilExit()
            guard add.terminationStatus == 0 else {
                throw NSError(domain: "TestServer", code: 2, userInfo: [NSLocalizedDescriptionKey: "staff add failed"])
            }
        }
        let out = Pipe()
        process.executableURL = URL(fileURLWithPath: bin)
        process.arguments = ["--db", db, "--dev", "--listen", "127.0.0.1:0", "--otp-resend-secs", "0"]
        process.standardOutput = out
        try process.run()
        let handle = out.fileHandleForReading
        Thread.detachNewThread { [weak self] in
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                self?.append(String(decoding: data, as: UTF8.self))
            }
        }
        let first = try TestServer.waitFor(self, timeout: 30) { $0.hasPrefix("dvc-server listening on ") }
        url = String(first.dropFirst("dvc-server listening on ".count))
    }

    private func append(_ text: String) {
        lock.lock()
        buffer += text
        while let nl = buffer.firstIndex(of: "\n") {
            lines.append(String(buffer[..<nl]))
            buffer = String(buffer[buffer.index(after: nl)...])
        }
        lock.broadcast()
        lock.unlock()
    }

    /// Takes the first printed line matching `predicate`, waiting up to `timeout` seconds.
    private static func waitFor(_ server: TestServer, timeout: TimeInterval, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        server.lock.lock()
        defer { server.lock.unlock() }
        while true {
            if let i = server.lines.firstIndex(where: predicate) {
                return server.lines.remove(at: i)
            }
            guard server.lock.wait(until: deadline) else {
                throw NSError(domain: "TestServer", code: 3, userInfo: [NSLocalizedDescriptionKey: "timed out waiting for server output"])
            }
        }
    }

    /// The one-time code the server printed for `phone`.
    func code(for phone: String) throws -> String {
        let line = try TestServer.waitFor(self, timeout: 10) { $0.hasPrefix("DEV OTP phone=\(phone) code=") }
        return String(line.suffix(6))
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: dir)
    }
}
