import DvcKit
import Foundation
import XCTest

/// The bindings, driven from Swift against a real dvc-server process.
final class DvcKitTests: XCTestCase {
    nonisolated(unsafe) static var server: TestServer!

    override class func setUp() {
        super.setUp()
        server = try! TestServer()
    }

    override class func tearDown() {
        server.stop()
        super.tearDown()
    }

    /// A phone on the test server, its clock at the server's (no test
    /// depends on today's date).
    private func phone(_ store: SecureStore = InMemorySecureStore(), dataDir: String = "") throws -> DvcCore {
        let core = try DvcCore(config: CoreConfig(dataDir: dataDir, serverUrl: Self.server.url, requestTimeoutMs: 5000, cataloguePath: DvcKit.cataloguePath), secureStore: store)
        core.setClock(at: Self.server.now())
        return core
    }

    private func citizen(_ number: String) async throws -> DvcCore {
        let core = try phone()
        let sent = try await core.account().requestCode(phone: number)
        _ = try await core.account().signInCitizen(phone: number, code: try Self.server.code(for: sent.phone))
        return core
    }

    func testSyncFunctionsAnswerWithoutTheServer() throws {
        XCTAssertFalse(coreVersion().isEmpty)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dvc-core-\(UUID().uuidString)")
        let core = try DvcKit.open(dataDirectory: dir, server: URL(string: Self.server.url)!, store: InMemorySecureStore())
        XCTAssertEqual(try core.schemaVersion(), latestSchemaVersion())
        XCTAssertGreaterThanOrEqual(try core.schemaVersion(), 3)
        XCTAssertNil(try core.account().session())
        XCTAssertTrue(try core.dossiers().cached().isEmpty)
    }

    func testCitizenSignsInAndTheTokenGoesToTheSwiftSecureStore() async throws {
        let store = InMemorySecureStore()
        let core = try phone(store)
        let sent = try await core.account().requestCode(phone: "+84 912 345 678")
        XCTAssertEqual(sent.phone, "0912345678")
        let session = try await core.account().signInCitizen(phone: "0912345678", code: try Self.server.code(for: "0912345678"))
        XCTAssertEqual(session.principal.kind, .citizen)
        XCTAssertEqual(session.principal.phone, "0912345678")
        XCTAssertGreaterThan(session.expiresAt, Self.server.now())
        XCTAssertEqual(store.keys, ["dvc.session"])
        XCTAssertEqual(try core.account().session(), session)
        let me = try await core.account().whoami()
        XCTAssertEqual(me, session.principal)
        try await core.account().signOut()
        XCTAssertTrue(store.keys.isEmpty)
    }

    func testSignOutAsksBeforeItDeletesDraftsThenRemovesThem() async throws {
        let core = try await citizen("0912000303")
        _ = try core.checklists().createDraft(procedureCode: "1.001193", profile: profile())
        XCTAssertEqual(try core.account().signOutCheck().drafts, 1)
        do {
            try await core.account().signOut()
            XCTFail("expected Conflict")
        } catch let CoreError.Conflict(reason, code, _, _) {
            XCTAssertEqual(reason, "drafts_will_be_lost")
            XCTAssertEqual(code, .draftsWillBeLost)
        }
        XCTAssertNotNil(try core.account().session())
        try await core.account().signOut(discardDrafts: true)
        XCTAssertNil(try core.account().session())
        XCTAssertTrue(try core.checklists().drafts().isEmpty)
    }

    func testTheCoresClockIsSetByTheTest() async throws {
        let core = try await citizen("0912000304")
        XCTAssertNotNil(try core.account().session())
        // A year on by the core's clock, the 30-day session has lapsed.
        core.setClock(at: Self.server.now().addingTimeInterval(365 * 24 * 3600))
        XCTAssertNil(try core.account().session())
        // Back to the server's day (nil would go back to this machine's).
        core.setClock(at: Self.server.now())
        XCTAssertNotNil(try core.account().session())
    }

    func testBadInputIsATypedErrorNamingTheFieldInBothLanguages() async throws {
        do {
            _ = try await phone().account().requestCode(phone: "12345")
            XCTFail("expected InvalidData")
        } catch let CoreError.InvalidData(field, vi, en) {
            XCTAssertEqual(field, "phone")
            XCTAssertTrue(vi.contains("Số điện thoại"))
            XCTAssertTrue(en.contains("mobile number"))
        }
    }

    func testAWrongCodeIsUnauthorised() async throws {
        let core = try phone()
        _ = try await core.account().requestCode(phone: "0987654321")
        let right = try Self.server.code(for: "0987654321")
        do {
            _ = try await core.account().signInCitizen(phone: "0987654321", code: right == "000000" ? "111111" : "000000")
            XCTFail("expected Unauthorised")
        } catch let error as CoreError {
            guard case .Unauthorised = error else { return XCTFail("got \(error)") }
            XCTAssertFalse(error.text(language: "vi").isEmpty)
        }
    }

    func testStaffSeeTheirOfficesDossiersAndCitizensOnlyTheirOwn() async throws {
        let an = try await citizen("0911111111")
        let filed = try await an.dossiers().create(procedureCode: "1.001193", officeId: "vnp-hoan-kiem")
        XCTAssertEqual(filed.statusCode, 1)
        let refreshed = try await an.dossiers().refresh()
        XCTAssertEqual(refreshed, [filed])
        XCTAssertEqual(try an.dossiers().cached(), [filed])

        let field = try phone()
        let session = try await field.account().signInStaff(username: "counter-hk", password: TestServer.staffPassword)
        XCTAssertEqual(session.principal.staffRole, .counter)
        let seen = try await field.dossiers().refresh()
        XCTAssertTrue(seen.contains { $0.id == filed.id && $0.trackCheck == nil })
        XCTAssertNotNil(filed.trackCheck)

        let other = try phone()
        _ = try await other.account().signInStaff(username: "counter-cg", password: TestServer.staffPassword)
        let theirs = try await other.dossiers().refresh()
        XCTAssertFalse(theirs.contains(filed))
        do {
            _ = try await other.dossiers().get(id: filed.id)
            XCTFail("expected NotFound")
        } catch CoreError.NotFound {
        }
    }

    func testAnUnreachableServerIsOffline() async throws {
        let core = try DvcCore(config: CoreConfig(dataDir: "", serverUrl: "http://127.0.0.1:9", requestTimeoutMs: 2000, cataloguePath: DvcKit.cataloguePath), secureStore: InMemorySecureStore())
        do {
            _ = try await core.offices().list()
            XCTFail("expected Offline")
        } catch let CoreError.Offline(vi, _) {
            XCTAssertTrue(vi.contains("Không kết nối được"))
        }
    }

    /// uniffi 0.32's Swift bindings await the Rust future without a
    /// cancellation handler, so `Task.cancel()` does not reach the core: the
    /// call runs to its end, bounded by the request timeout, then answers
    /// (docs/ARCHITECTURE.md, Threading). Kotlin's cancel does reach it.
    func testCancellingATaskDoesNotReachTheCoreTheCallEndsAtItsTimeout() async throws {
        let silent = try SilentServer()
        let config = CoreConfig(dataDir: "", serverUrl: "http://127.0.0.1:\(silent.port)", requestTimeoutMs: 1500, cataloguePath: DvcKit.cataloguePath)
        let core = try DvcCore(config: config, secureStore: InMemorySecureStore())
        let started = Date()
        let call = Task { try await core.offices().list() }
        try await Task.sleep(nanoseconds: 200_000_000)
        call.cancel()
        let result = await call.result
        let took = Date().timeIntervalSince(started)
        guard case .failure(let error) = result, case CoreError.Offline(_, _) = error else {
            return XCTFail("expected the request timeout (Offline), got \(result)")
        }
        XCTAssertGreaterThan(took, 1.2, "the cancel did not cut the call short")
        XCTAssertLessThan(took, 10)
        _ = silent
    }

    func testAFailingSwiftSecureStoreSurfacesAsATypedError() throws {
        final class Broken: SecureStore, @unchecked Sendable {
            struct Locked: Error {}
            func load(key: String) throws -> String? { throw Locked() }
            func save(key: String, value: String) throws { throw Locked() }
            func delete(key: String) throws { throw Locked() }
        }
        XCTAssertThrowsError(try phone(Broken()).account().session()) { error in
            guard case CoreError.Internal = error else { return XCTFail("got \(error)") }
        }
    }

    func testOfficesListMarksSampleData() async throws {
        let offices = try await phone().offices().list()
        let hk = try XCTUnwrap(offices.first { $0.id == "vnp-hoan-kiem" })
        XCTAssertFalse(hk.sample)
        XCTAssertTrue(offices.filter { $0.id != "vnp-hoan-kiem" }.allSatisfy { $0.sample })
    }

    private func profile(_ applicant: Applicant = .myself, relation: Relation? = nil, channel: Channel = .counter) -> ApplicantProfile {
        ApplicantProfile(applicant: applicant, relation: relation, beneficiary: .none, channel: channel, answers: [])
    }

    final class Lines: LogSink, @unchecked Sendable {
        private let lock = NSLock()
        private var records: [LogRecord] = []
        func log(record: LogRecord) { lock.lock(); records.append(record); lock.unlock() }
        var all: [LogRecord] { lock.lock(); defer { lock.unlock() }; return records }
    }

    func testTheCoresLogReachesASwiftSinkAtTheLevelSetWithNothingPersonal() async throws {
        let lines = Lines()
        XCTAssertTrue(setLogSink(sink: lines, level: .debug))
        let core = try DvcCore(config: CoreConfig(dataDir: "", serverUrl: "http://127.0.0.1:9", requestTimeoutMs: 2000, cataloguePath: DvcKit.cataloguePath), secureStore: InMemorySecureStore())
        do {
            _ = try await core.tracking().track(key: "000.00.01.H26-261201-0001")
            XCTFail("expected Offline")
        } catch CoreError.Offline {}
        let failed = lines.all.filter { $0.message.hasPrefix("request failed") }
        XCTAssertFalse(failed.isEmpty, "\(lines.all)")
        XCTAssertEqual(failed.first?.level, .debug)
        XCTAssertTrue(failed.first?.message.contains("route=/v1/track/{}") ?? false)
        XCTAssertFalse(lines.all.contains { $0.message.contains("H26-261201") })
        _ = setLogSink(sink: lines, level: .warn)
        let before = lines.all.count
        do { _ = try await core.offices().list() } catch CoreError.Offline {}
        XCTAssertEqual(lines.all.count, before)
    }

    func testEventsArriveAsAnAsyncStreamOnceEachAndStopWhenTheTaskEnds() async throws {
        let core = try phone()
        _ = try await core.account().signInStaff(username: "field-hk", password: TestServer.staffPassword)
        final class Seen: @unchecked Sendable {
            private let lock = NSLock()
            private var events: [CoreEvent] = []
            func add(_ e: CoreEvent) { lock.lock(); events.append(e); lock.unlock() }
            var all: [CoreEvent] { lock.lock(); defer { lock.unlock() }; return events }
        }
        let seen = Seen()
        let reader = Task { for await event in core.events { seen.add(event) } }
        try await Task.sleep(nanoseconds: 300_000_000)
        _ = try await core.field().sync()
        let finished = { seen.all.filter { if case .syncFinished = $0 { return true }; return false }.count }
        for _ in 0..<250 where finished() == 0 { try await Task.sleep(nanoseconds: 20_000_000) }
        try await Task.sleep(nanoseconds: 100_000_000)
        XCTAssertEqual(finished(), 1)
        reader.cancel()
        _ = await reader.value
        let before = seen.all.count
        _ = try await core.field().sync()
        try await Task.sleep(nanoseconds: 300_000_000)
        XCTAssertEqual(seen.all.count, before, "nothing after the stream ended")
    }

    func testTheCatalogueShipsAsAPackageResource() throws {
        XCTAssertTrue(FileManager.default.fileExists(atPath: DvcKit.cataloguePath), DvcKit.cataloguePath)
        let bare = try DvcCore(config: CoreConfig(dataDir: "", serverUrl: "http://127.0.0.1:9"), secureStore: InMemorySecureStore())
        // The library has no catalogue of its own: without the file, a clear error.
        XCTAssertThrowsError(try bare.catalogue().version())
    }

    func testSearchFindsProceduresTypedWithoutDiacriticsOrWithATypo() throws {
        let catalogue = try phone().catalogue()
        XCTAssertEqual(try catalogue.search(query: "dang ky khai sinh", limit: 5).first?.code, "1.001193")
        XCTAssertEqual(try catalogue.search(query: "khai sihn", limit: 5).first?.code, "1.001193")
        XCTAssertEqual(try catalogue.search(query: "Đăng ký kết hôn", limit: 5).first?.code, "1.000894")
        XCTAssertTrue(try catalogue.search(query: "zzzz qqqq", limit: 5).isEmpty)
        // The shipped gzip catalogue holds the whole national list.
        let cmnd = try catalogue.search(query: "lam cmnd", limit: 3).first
        XCTAssertEqual(cmnd?.code, "1.014061")
        XCTAssertEqual(cmnd?.matchKind, .good)
    }

    func testADraftChecklistIsScreenReadyAndSurvivesARestart() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dvc-checklist-\(UUID().uuidString)")
        let server = URL(string: Self.server.url)!
        var draftId = ""
        do {
            let core = try DvcKit.open(dataDirectory: dir, server: server, store: InMemorySecureStore())
            let draft = try core.checklists().createDraft(procedureCode: "1.001193", profile: profile())
            XCTAssertEqual(draft.checklist.procedure, "1.001193")
            XCTAssertFalse(draft.checklist.ready)
            XCTAssertEqual(Int32(draft.checklist.items.count), draft.checklist.total)
            XCTAssertTrue(draft.checklist.items.contains { $0.action == .show })
            let first = try XCTUnwrap(draft.checklist.items.first).id
            let ticked = try core.checklists().tick(draftId: draft.id, documentId: first, have: true)
            XCTAssertTrue(ticked.checklist.items[0].have)
            XCTAssertFalse(ticked.checklist.missing.contains(first))
            draftId = draft.id
        }
        let core = try DvcKit.open(dataDirectory: dir, server: server, store: InMemorySecureStore())
        let again = try core.checklists().draft(draftId: draftId)
        XCTAssertEqual(again.checklist.haveCount, 1)
        XCTAssertEqual(try core.checklists().drafts().map(\.id), [draftId])
        let text = try core.checklists().summary(draftId: draftId, language: "en")
        XCTAssertTrue(text.contains("[x]") && text.contains("Missing"), text)
    }

    func testARepresentativeSeesWhyTheAuthorisationApplies() throws {
        let checklists = try phone().checklists()
        let own = try checklists.preview(procedureCode: "1.001193", profile: profile(), have: [])
        let asRep = try checklists.preview(procedureCode: "1.001193", profile: profile(.representative, relation: .other), have: [])
        let extra = asRep.items.filter { item in !own.items.contains { $0.id == item.id } }
        XCTAssertFalse(extra.isEmpty, "a representative needs more papers")
        XCTAssertTrue(extra.allSatisfy { !($0.reasonVi ?? "").isEmpty && !($0.reasonEn ?? "").isEmpty })
    }

    func testMarriageWarnsThatBothMustComeAndNothingGoesByPost() throws {
        let checklist = try phone().checklists().preview(procedureCode: "1.000894", profile: profile(channel: .post), have: [])
        let codes = checklist.warnings.map(\.code)
        XCTAssertTrue(codes.contains("presence_required"), "\(codes)")
        XCTAssertTrue(codes.contains("no_result_by_post"), "\(codes)")
    }

    func testAnUnknownProcedureIsNotFound() throws {
        XCTAssertThrowsError(try phone().checklists().preview(procedureCode: "9.999999", profile: profile(), have: [])) { error in
            guard case let CoreError.NotFound(_, en) = error else { return XCTFail("got \(error)") }
            XCTAssertTrue(en.contains("9.999999"))
        }
    }

    private func firstBookableDay(_ core: DvcCore, _ office: String) async throws -> SlotsView {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        let formatter = DateFormatter()
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.dateFormat = "yyyy-MM-dd"
        for ahead in 1...12 {
            let day = calendar.date(byAdding: .day, value: ahead, to: Self.server.now())!
            let view = try await core.bookings().slots(officeId: office, date: formatter.string(from: day))
            if view.slots.count >= 3 { return view }
        }
        throw NSError(domain: "test", code: 1, userInfo: [NSLocalizedDescriptionKey: "no bookable day"])
    }

    func testACitizenBooksReschedulesAndCancelsThroughTheBindings() async throws {
        let core = try await citizen("0922222222")
        let view = try await firstBookableDay(core, "vnp-hoan-kiem")
        XCTAssertFalse(view.stale)
        let first = view.slots[0]
        XCTAssertEqual(first.capacity, first.free)
        let booking = try await core.bookings().book(officeId: "vnp-hoan-kiem", slotStart: first.start, procedureCode: "1.001193", priority: .elderly)
        XCTAssertEqual(booking.status, .active)
        XCTAssertEqual(booking.slotStart, first.start)
        let listed = try await core.bookings().refresh()
        XCTAssertEqual(listed.map(\.id), [booking.id])
        let reminders = try core.bookings().reminders(bookingId: booking.id, rules: core.bookings().defaultReminderRules())
        XCTAssertTrue(reminders.allSatisfy { $0.at < booking.slotStart && $0.bodyVi.contains("Hoàn Kiếm") })
        XCTAssertTrue(try core.bookings().ics(bookingId: booking.id).hasPrefix("BEGIN:VCALENDAR\r\n"))
        let moved = try await core.bookings().reschedule(bookingId: booking.id, slotStart: view.slots[2].start)
        XCTAssertEqual(moved.slotStart, view.slots[2].start)
        let cancelled = try await core.bookings().cancel(bookingId: booking.id)
        XCTAssertEqual(cancelled.status, .cancelled)
        _ = try await core.bookings().book(officeId: "vnp-hoan-kiem", slotStart: first.start, procedureCode: "1.001193", priority: nil)
        do {
            _ = try await core.bookings().book(officeId: "vnp-hoan-kiem", slotStart: view.slots[1].start, procedureCode: "1.001193", priority: nil)
            XCTFail("expected Conflict")
        } catch let CoreError.Conflict(reason, code, _, _) {
            XCTAssertEqual(reason, "already_booked")
            XCTAssertEqual(code, .alreadyBooked)
        }
    }

    func testNearestOfficesComeWithTheirDistance() async throws {
        let nearby = try await phone().offices().nearest(latitude: 21.0262, longitude: 105.8535, limit: 3)
        XCTAssertEqual(nearby.first?.office.id, "vnp-hoan-kiem")
        XCTAssertTrue(zip(nearby, nearby.dropFirst()).allSatisfy { $0.distanceKm <= $1.distanceKm })
    }

    func testASubmittedDraftShowsASignedQrThatStaffVerifyOfflineAndTamperingFails() async throws {
        let core = try await citizen("0933333333")
        let slot = try await firstBookableDay(core, "vnp-hoan-kiem").slots.last!
        let booking = try await core.bookings().book(officeId: "vnp-hoan-kiem", slotStart: slot.start, procedureCode: "1.001193", priority: nil)
        let plan = DraftPlan(officeId: nil, bookingId: booking.id, delivery: .home(address: "12 Tràng Tiền"))
        let draft = try core.checklists().startDraft(procedureCode: "1.001193", profile: profile(), have: ["declaration_form"], plan: plan)
        XCTAssertEqual(draft.plan.officeId, "vnp-hoan-kiem")
        let unsigned = try core.qr().draftCode(draftId: draft.id)
        XCTAssertFalse(unsigned.signed)

        let dossier = try await core.dossiers().submit(draftId: draft.id)
        let code = try XCTUnwrap(dossier.code)
        XCTAssertTrue(code.hasPrefix("000.00.01.H26-") && code.count == 25, code)
        let image = try core.qr().dossierCode(id: code)
        XCTAssertTrue(image.signed && image.version <= 7)
        XCTAssertEqual(image.png.first, 0x89)
        XCTAssertTrue(image.svg.contains("<svg"))

        let clerk = try phone()
        _ = try await clerk.account().signInStaff(username: "counter-hk", password: TestServer.staffPassword)
        _ = try await clerk.offices().list()
        XCTAssertEqual(clerk.qr().verify(payload: image.payload).error, .unknownKey)
        let keys = try await clerk.qr().refreshKeys()
        XCTAssertFalse(keys.isEmpty)
        let ok = clerk.qr().verify(payload: image.payload)
        XCTAssertTrue(ok.valid, ok.messageEn)
        XCTAssertEqual(ok.dossierCode, code)
        XCTAssertEqual(ok.officeName, "Bưu điện Trung tâm Hoàn Kiếm")
        XCTAssertEqual(ok.documentsHeld, ["declaration_form"])
        XCTAssertTrue(ok.homeDelivery)

        var chars = Array(image.payload)
        let i = chars.count - 10
        chars[i] = chars[i] == "A" ? "B" : "A"
        let bad = clerk.qr().verify(payload: String(chars))
        XCTAssertFalse(bad.valid)
        XCTAssertNil(bad.dossierCode)
        XCTAssertFalse(bad.messageVi.isEmpty)
        XCTAssertTrue(clerk.qr().verify(payload: unsigned.payload).unverifiedDraft)

        let scan = await clerk.qr().scan(payload: image.payload)
        XCTAssertEqual(scan.source, .server)
        XCTAssertEqual(scan.dossier?.delivery, .home(address: "12 Tràng Tiền"))
    }

    /// A file whose first bytes make it a PNG (or a JPEG): what the core
    /// and server check.
    private func imageFile(_ name: String, size: Int, png: Bool = true) throws -> String {
        let head: [UInt8] = png ? [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] : [0xFF, 0xD8, 0xFF, 0xE0]
        let body = (0..<(size - head.count)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dvc-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(head + body).write(to: url)
        return url.path
    }

    func testAPageAttachedToADraftIsFiledAndTheCounterReadsItBack() async throws {
        let core = try await citizen("0966666666")
        let plan = DraftPlan(officeId: "vnp-hoan-kiem", bookingId: nil, delivery: .pickup)
        let draft = try core.checklists().startDraft(procedureCode: "3.000333", profile: profile(channel: .online), have: [], plan: plan)
        XCTAssertEqual(draft.checklist.pagesMissing, ["request_form", "id_copy", "residence_copy"])
        XCTAssertTrue(draft.checklist.items.allSatisfy { $0.attachmentRequired })
        let heic = try imageFile("x.heic", size: 100)
        try Data("....ftypheic".utf8).write(to: URL(fileURLWithPath: heic))
        XCTAssertThrowsError(try core.checklists().attach(draftId: draft.id, documentId: "id_copy", paths: [heic])) { error in
            guard case let CoreError.Conflict(_, code, _, _) = error else { return XCTFail("got \(error)") }
            XCTAssertEqual(code, .wrongFileType)
        }
        let photo = try imageFile("cccd.jpg", size: 250_000, png: false)
        for document in draft.checklist.pagesMissing {
            let pages = try core.checklists().attach(draftId: draft.id, documentId: document, paths: [photo])
            XCTAssertEqual(pages.map(\.page), [1])
            XCTAssertEqual(pages.first?.fileType, .jpeg)
        }
        XCTAssertTrue(try core.checklists().draft(draftId: draft.id).checklist.ready)
        let dossier = try await core.dossiers().submit(draftId: draft.id)
        XCTAssertEqual(dossier.pages.count, 3)
        XCTAssertTrue(try core.dossiers().pendingFilings().isEmpty)

        let clerk = try phone()
        _ = try await clerk.account().signInStaff(username: "counter-hk", password: TestServer.staffPassword)
        let code = try XCTUnwrap(dossier.code)
        let files = try await clerk.files().list(dossier: code)
        XCTAssertEqual(files.files.map(\.documentId), ["id_copy", "request_form", "residence_copy"])
        XCTAssertTrue(files.files.allSatisfy { $0.role == .page && $0.bytes == 250_000 })
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("dvc-back-\(UUID().uuidString).jpg").path
        let written = try await clerk.files().save(dossier: code, sha256: files.files[0].sha256, outPath: out)
        XCTAssertEqual(written, 250_000)
        XCTAssertEqual(FileManager.default.contents(atPath: out), FileManager.default.contents(atPath: photo))
    }

    func testFieldStaffWorkTheirListOfflineAndSyncOnceBackInRange() async throws {
        let day = try Self.server.seedFieldDay(phone: "0944444444")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dvc-field-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = InMemorySecureStore()
        let delivery: VisitView
        let pickup: VisitView
        do {
            let online = try phone(store, dataDir: dir.path)
            _ = try await online.account().signInStaff(username: "field-hk", password: TestServer.staffPassword)
            let list = try await online.field().refreshWorklist()
            XCTAssertEqual(list.staff, "field-hk")
            delivery = try XCTUnwrap(list.visits.first { $0.s10 == day.s10 })
            XCTAssertEqual(delivery.kind, .delivery)
            XCTAssertEqual(delivery.dossierCode, day.dossierCode)
            XCTAssertEqual(delivery.feeVnd, 0, "free for a person with meritorious service")
            pickup = try XCTUnwrap(list.visits.first { $0.id == day.pickupVisitId })
            XCTAssertEqual(pickup.kind, .pickup)
            XCTAssertTrue(list.visits.allSatisfy { $0.localState == .todo })
        }

        // No signal: the same data folder, a server out of reach (the
        // phone's clock still the server's day).
        do {
            let offline = try DvcCore(config: CoreConfig(dataDir: dir.path, serverUrl: "http://127.0.0.1:9", requestTimeoutMs: 2000, cataloguePath: DvcKit.cataloguePath), secureStore: store)
            offline.setClock(at: Self.server.now())
            let field = offline.field()
            XCTAssertEqual(try field.worklist().visits.first { $0.id == delivery.id }?.s10, day.s10)
            let delivered = try field.deliver(input: DeliverInput(
                visitId: delivery.id, s10: try XCTUnwrap(delivery.s10), recipientName: "Nguyễn Văn An", relation: nil,
                identityChecked: true, signatureFile: try imageFile("signature.png", size: 4_000), feeReceipt: nil,
                latitude: 21.0245, longitude: 105.856))
            XCTAssertEqual(delivered.seq, 1)
            XCTAssertEqual(delivered.pending, 1)
            XCTAssertThrowsError(try field.pickup(input: PickupInput(
                visitId: pickup.id, qr: nil, documents: [], sealedBag: " ", feeReceipt: nil,
                newProcedureCode: nil, newCitizenPhone: nil, newDelivery: nil, latitude: nil, longitude: nil))) { error in
                guard case let CoreError.InvalidData(name, _, _) = error else { return XCTFail("got \(error)") }
                XCTAssertEqual(name, "sealed_bag")
            }
            let failed = try field.fail(input: FailInput(visitId: pickup.id, reason: .notHome, note: "gọi không nghe máy", latitude: nil, longitude: nil))
            XCTAssertEqual(failed.pending, 2)
            XCTAssertEqual(try field.pending(), 2)
            let visits = try field.worklist().visits
            XCTAssertEqual(visits.first { $0.id == delivery.id }?.localState, .doneUnsent)
            XCTAssertEqual(visits.first { $0.id == pickup.id }?.localState, .failed)
            XCTAssertNil(try field.verifyLog())
        }

        do {
            let online = try phone(store, dataDir: dir.path)
            let report = try await online.field().sync()
            XCTAssertEqual(report.acknowledged, 2)
            XCTAssertEqual(report.pending, 0)
            XCTAssertTrue(report.breaks.isEmpty, "\(report.breaks)")
            XCTAssertEqual(try online.field().pending(), 0)
            XCTAssertEqual(try online.field().worklist().visits.first { $0.id == delivery.id }?.localState, .done)
        }
        let clerk = try phone()
        _ = try await clerk.account().signInStaff(username: "counter-hk", password: TestServer.staffPassword)
        let proof = try await clerk.files().list(dossier: day.dossierCode).files
        XCTAssertEqual(proof.map(\.role), [.signature], "the signature reached the office")
        let seen = try await phone().tracking().track(key: day.s10)
        XCTAssertEqual(seen.statusCode, 0, "an item number alone does not show the status")
        XCTAssertEqual(seen.postalStep, .delivered)
    }

    func testADossierIsTrackedByCodeOrItemNumberAndEachStepIsNotifiedOnce() async throws {
        let code = try Self.server.fileHomeDelivery(phone: "0955555555")
        let tracking = try phone().tracking()
        // Someone else's dossier: the code alone is not enough.
        do {
            _ = try await tracking.track(key: code)
            XCTFail("expected NotFound without the receipt's check")
        } catch CoreError.NotFound {}
        let first = try await tracking.track(key: "\(code)#\(Self.server.checks[code]!)")
        XCTAssertEqual(first.statusCode, 1)
        XCTAssertTrue(first.homeDelivery)
        XCTAssertEqual(first.events.count, 1)
        XCTAssertTrue(try tracking.pendingNotifications().isEmpty, "history is shown, not announced")

        let s10 = try Self.server.processAndDispatch(code: code)
        let view = try await tracking.track(key: code)
        XCTAssertEqual(view.statusCode, 9)
        XCTAssertEqual(view.s10, s10)
        XCTAssertEqual(view.postalStep, .handedToPost)
        XCTAssertFalse(view.stale)
        XCTAssertEqual(view.events.map(\.kind), ["handed_to_post", "status", "status", "status", "status"])
        let notes = try tracking.pendingNotifications()
        XCTAssertEqual(notes.count, 4, "\(notes)")
        XCTAssertTrue(notes.allSatisfy { $0.deepLink == "dvc://dossier/\(code)" && $0.dossier == code })
        XCTAssertTrue(notes.allSatisfy { !$0.titleVi.isEmpty && !$0.titleEn.isEmpty })

        // The item number alone shows the postal steps only.
        let byItem = try await tracking.track(key: s10.lowercased())
        XCTAssertNil(byItem.dossierCode)
        XCTAssertTrue(byItem.events.allSatisfy { $0.kind != "status" })
        XCTAssertEqual(try tracking.pendingNotifications().count, 4, "no duplicates")
        try tracking.markShown(ids: notes.map(\.id))
        XCTAssertTrue(try tracking.pendingNotifications().isEmpty)
        XCTAssertEqual(try tracking.cached(key: code)?.statusCode, 9)
        let added = try await tracking.refreshAll()
        XCTAssertEqual(added, 0)

        let free = try await tracking.deliveryQuote(beneficiary: .merit)
        XCTAssertTrue(free.free)
        XCTAssertEqual(free.feeVnd, 0)
        let paid = try await tracking.deliveryQuote(beneficiary: .none)
        XCTAssertGreaterThan(paid.feeVnd, 0)
    }
}
