import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// A real `dvc-server` process in dev mode (one-time codes printed to its
/// stdout) on a free loopback port, with staff accounts. It seeds field
/// work over HTTP the way a citizen and the agency make it (see
/// `seedFieldDay`), so the tests drive only the phone's side.
final class TestServer: @unchecked Sendable {
    static let staffPassword = "swift-test-password"
    /// Where the server's clock starts: Wednesday 2 December 2026, 08:30 in Hanoi.
    static let start = Date(timeIntervalSince1970: 1_796_175_000)
    private let startedAt = Date()

    /// Now, by the server's clock: it started at `start`, whatever today is.
    func now() -> Date {
        TestServer.start.addingTimeInterval(Date().timeIntervalSince(startedAt))
    }
    /// Counter staff of field-hk's office: seeds field work.
    static let counter = "counter-hk"
    static let staff = [
        ("field-hk", "vnp-hoan-kiem", "field"),
        ("counter-cg", "vnp-cau-giay", "counter"),
        (counter, "vnp-hoan-kiem", "counter"),
    ]

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
            // On the server's clock too: the signing key it makes is valid from then.
            add.arguments = [
                "--db", db, "--now", ISO8601DateFormatter().string(from: TestServer.start),
                "staff", "add", "--user", user, "--office", office, "--role", role,
            ]
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
        process.arguments = [
            "--db", db, "--dev", "--listen", "127.0.0.1:0", "--otp-resend-secs", "0",
            "--now", ISO8601DateFormatter().string(from: TestServer.start),
        ]
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

    /// What `seedFieldDay` put on a field worklist.
    struct FieldDay {
        let dossierCode: String
        let s10: String
        let pickupVisitId: String
    }

    /// A small field day for `assignee`: a dossier the citizen `phone` files
    /// with its result delivered home, processed and handed to the post (a
    /// delivery visit), and a home pickup of a dossier made at the door.
    func seedFieldDay(phone: String, assignee: String = "field-hk") throws -> FieldDay {
        let code = try fileHomeDelivery(phone: phone)
        let s10 = try processAndDispatch(code: code, assignee: assignee)
        return FieldDay(dossierCode: code, s10: s10, pickupVisitId: try bookPickup(assignee: assignee))
    }

    /// The citizen `phone` signs in and files a birth registration at Hoàn
    /// Kiếm, result delivered home; returns its dossier code.
    func fileHomeDelivery(phone: String) throws -> String {
        _ = try post("/v1/auth/otp", ["phone": phone])
        let signIn = try post("/v1/auth/citizen", ["phone": phone, "code": try code(for: phone)])
        let dossier = try post("/v1/dossiers", token: try string(signIn, "token"), [
            "procedure_code": "1.001193", "office_id": "vnp-hoan-kiem", "documents": ["declaration_form"],
            "delivery": ["kind": "home", "address": "12 Tràng Tiền, Hoàn Kiếm"],
        ])
        let code = try string(dossier, "code")
        checks[code] = try string(dossier, "track_check")
        return code
    }

    /// The receipt's track check of each dossier filed here, by code.
    var checks: [String: String] = [:]

    /// The agency (`counter`) accepts, processes and hands dossier `code`'s
    /// result to the post for `assignee` (free: a person with meritorious
    /// service); returns the item number.
    func processAndDispatch(code: String, assignee: String = "field-hk") throws -> String {
        let token = try staffToken(TestServer.counter)
        for status in [2, 4, 9] {
            _ = try post("/v1/staff/dossiers/\(code)/status", token: token, ["status_code": status])
        }
        let reply = try post("/v1/staff/dossiers/\(code)/dispatch", token: token, [
            "assignee": assignee, "latitude": 21.0245, "longitude": 105.856,
            "contact_name": "Nguyễn Văn An", "contact_phone": "0912345678", "beneficiary": "merit",
        ])
        return try string(reply, "s10")
    }

    /// The agency (`counter`) books a home pickup for `assignee` in the next
    /// hours, for a dossier to be made at the door; returns the visit id.
    func bookPickup(assignee: String = "field-hk") throws -> String {
        let format = ISO8601DateFormatter()
        let start = now().addingTimeInterval(3600)
        let visit = try post("/v1/staff/visits", token: try staffToken(TestServer.counter), [
            "procedure_code": "1.001193", "assignee": assignee, "beneficiary": "social",
            "contact_name": "Trần Thị Bình", "contact_phone": "0987000111", "address": "5 Hàng Bài, Hoàn Kiếm",
            "latitude": 21.0236, "longitude": 105.8526,
            "window_start": format.string(from: start), "window_end": format.string(from: start.addingTimeInterval(7200)),
        ])
        return try string(visit, "id")
    }

    private func staffToken(_ user: String) throws -> String {
        try string(try post("/v1/auth/staff", ["username": user, "password": TestServer.staffPassword]), "token")
    }

    /// POSTs `body` as JSON to `path`; the JSON object of a 2xx answer, else throws.
    private func post(_ path: String, token: String? = nil, _ body: [String: Any]) throws -> [String: Any] {
        var request = URLRequest(url: URL(string: url + path)!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "content-type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "authorization") }
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        final class Answer: @unchecked Sendable {
            var data: Data?, response: URLResponse?, error: Error?
        }
        let answer = Answer()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            (answer.data, answer.response, answer.error) = (data, response, error)
            done.signal()
        }.resume()
        done.wait()
        if let error = answer.error { throw error }
        let status = (answer.response as? HTTPURLResponse)?.statusCode ?? 0
        let data = answer.data ?? Data()
        guard (200..<300).contains(status) else {
            throw NSError(domain: "TestServer", code: status, userInfo: [
                NSLocalizedDescriptionKey: "POST \(path): \(status) \(String(decoding: data, as: UTF8.self))",
            ])
        }
        if data.isEmpty { return [:] }
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    private func string(_ json: [String: Any], _ name: String) throws -> String {
        guard let value = json[name] as? String else {
            throw NSError(domain: "TestServer", code: 4, userInfo: [NSLocalizedDescriptionKey: "no \(name) in \(json)"])
        }
        return value
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: dir)
    }
}
