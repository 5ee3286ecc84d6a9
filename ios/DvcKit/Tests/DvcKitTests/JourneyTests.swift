import DvcKit
import DvcUI
import Foundation
import XCTest

/// The scripted journeys through the @Observable models, against the real
/// library and a real dvc-server: the same steps as the Kotlin
/// presenters' JourneyTest, and the same dump (docs/screens/<journey>.json).
@MainActor
final class JourneyTests: XCTestCase {
    /// Each journey has a server of its own: its dossier numbers start at 0001.
    nonisolated(unsafe) var server: TestServer!

    override func setUp() async throws {
        server = try TestServer()
    }

    override func tearDown() async throws {
        server?.stop()
        server = nil
    }

    func testCitizenJourney() async throws {
        let dump = ScreenDump()
        let dir = try UIFixtures.folder()
        let store = InMemorySecureStore()
        let core = try UIFixtures.phone(server, dataDir: dir, store: store)
        let app = try AppModel(core: core, systemLanguageTag: "vi-VN")
        XCTAssertEqual(try app.start(), .signIn)

        let signIn = SignInModel(app: app)
        await signIn.open()
        dump.step("sign_in", signIn.state)
        await signIn.requestCode("0912345678")
        dump.step("sign_in: code sent", signIn.state)
        await signIn.signIn(phone: "0912345678", code: try server.code(for: "0912345678"))
        XCTAssertEqual(signIn.next, .home)

        let home = HomeModel(app: app)
        await home.open()
        dump.step("home", home.state)
        await home.search("khai sinh")
        dump.step("home: search", home.state)
        let code = try readyScreen(home.state).results.first!.code
        XCTAssertEqual(code, "1.001193")
        let draftId = try home.draft(for: code)
        XCTAssertEqual(try home.draft(for: code), draftId, "the same draft again")

        let procedure = ProcedureModel(app: app, draftId: draftId)
        await procedure.open()
        dump.step("procedure", procedure.state)
        await procedure.answer("has_witness", yes: false)
        for d in try readyScreen(procedure.state).documents { await procedure.tick(d.id, have: true) }
        await procedure.attach("declaration_form", paths: [try UIFixtures.jpeg("to-khai.jpg")])
        dump.step("procedure: ticked, one page", procedure.state)
        XCTAssertTrue(try readyScreen(procedure.state).ready)

        let offices = OfficesModel(app: app)
        await offices.open()
        await offices.located(latitude: 21.0287, longitude: 105.8524)
        dump.step("offices: nearest", offices.state)
        let office = try readyScreen(offices.state).offices.first!.id

        let slots = SlotsModel(app: app, officeId: office, draftId: draftId)
        await slots.open()
        await slots.pickDay(try readyScreen(slots.state).days[1].id)
        await slots.pickPriority("elderly")
        dump.step("slots: tomorrow, elderly", slots.state)
        await slots.book(try readyScreen(slots.state).slots.first { $0.bookable }!.start)
        XCTAssertNotNil(slots.booked)
        dump.step("slots: booked", slots.state)

        let appointments = AppointmentsModel(app: app)
        await appointments.open()
        dump.step("appointments", appointments.state)
        let booking = try readyScreen(appointments.state).upcoming.first!
        XCTAssertFalse(booking.reminders.isEmpty)
        XCTAssertTrue(try appointments.calendarFile(booking.bookingId).hasPrefix("BEGIN:VCALENDAR"))

        let filing = FilingModel(app: app, draftId: draftId)
        await filing.open()
        await filing.chooseDelivery("home", address: "12 Tràng Tiền, Hoàn Kiếm")
        dump.step("filing", filing.state)
        await filing.file()
        let dossierId = try XCTUnwrap(filing.filed, "filed")

        let qr = QrModel(app: app, dossierId: dossierId)
        await qr.open()
        dump.step("qr", qr.state)
        let dossierCode = try readyScreen(qr.state).dossierCode

        let track = TrackModel(app: app)
        let opened = await track.openLink("dvc://dossier/\(dossierCode)")
        XCTAssertTrue(opened)
        dump.step("track", track.state)
        let refused = await track.openLink("dvc://dossier/%E2%80%AE")
        XCTAssertFalse(refused)

        let clerk = try UIFixtures.phone(server)
        _ = try await clerk.account().signInStaff(username: "counter-hk", password: TestServer.staffPassword)
        _ = try await clerk.qr().refreshKeys()
        let counter = CounterModel(app: try AppModel(core: clerk, systemLanguageTag: "vi-VN"))
        await counter.scanned(try XCTUnwrap(try core.dossiers().cachedOne(id: dossierId)?.qr))
        dump.step("counter: scanned", counter.state)
        XCTAssertEqual(try readyScreen(counter.state).verdict.tone, .success)

        let settings = SettingsModel(app: app)
        await settings.open()
        dump.step("settings", settings.state)
        await settings.chooseLanguage("en")
        await settings.chooseTextSize("large")
        dump.step("settings: English, large", settings.state)
        await home.open()
        dump.step("home: English", home.state)

        // No network: the stored copies, marked.
        let offline = try AppModel(core: try UIFixtures.phone(server, dataDir: dir, offline: true, store: store),
                                   systemLanguageTag: "vi-VN")
        let stored = AppointmentsModel(app: offline)
        await stored.open()
        dump.step("appointments: offline", stored.state)
        XCTAssertNotNil(try readyScreen(stored.state).offline)
        let storedTrack = TrackModel(app: offline)
        await storedTrack.open(dossierCode)
        dump.step("track: offline", storedTrack.state)
        XCTAssertEqual(try readyScreen(storedTrack.state).stale?.tone, .warning)
        let search = HomeModel(app: offline)
        await search.search("cấp lại căn cước")
        dump.step("home: search offline", search.state)

        let diff = try UIFixtures.compareWithGolden("citizen", dump.json())
        XCTAssertNil(diff, diff ?? "")
    }

    func testFieldJourney() async throws {
        let day = try server.seedFieldDay(phone: "0977000111")
        let dump = ScreenDump()
        let dir = try UIFixtures.folder()
        let store = InMemorySecureStore()
        let app = try AppModel(core: try UIFixtures.phone(server, dataDir: dir, store: store), systemLanguageTag: "vi-VN")
        let signIn = SignInModel(app: app)
        await signIn.open()
        await signIn.signInStaff(username: "field-hk", password: TestServer.staffPassword)
        XCTAssertEqual(signIn.next, .worklist)

        let worklist = WorklistModel(app: app)
        await worklist.open()
        dump.step("worklist", worklist.state)
        let visits = try readyScreen(worklist.state).visits
        XCTAssertEqual(visits.count, 2)

        // The day goes on without signal.
        let field = try AppModel(core: try UIFixtures.phone(server, dataDir: dir, offline: true, store: store),
                                 systemLanguageTag: "vi-VN")
        let offlineList = WorklistModel(app: field)
        await offlineList.open()
        dump.step("worklist: offline", offlineList.state)
        XCTAssertNotNil(try readyScreen(offlineList.state).offline)

        let delivery = visits.first { $0.id != day.pickupVisitId }!.id
        let deliver = VisitModel(app: field, visitId: delivery)
        await deliver.open()
        dump.step("visit: delivery", deliver.state)
        await deliver.scanned(day.s10)
        dump.step("visit: delivery, scanned", deliver.state)
        XCTAssertEqual(try readyScreen(deliver.state).delivery?.scan?.tone, .success)
        await deliver.recordDelivery(
            recipientName: "Nguyễn Văn An", relationId: "self", identityChecked: true,
            signatureFile: try UIFixtures.png("signature.png"), photoFiles: [try UIFixtures.jpeg("handover.jpg")],
            feeReceipt: nil, latitude: 21.0245, longitude: 105.856)
        dump.step("visit: delivered", deliver.state)
        XCTAssertNotNil(deliver.recorded)

        let pickup = VisitModel(app: field, visitId: day.pickupVisitId)
        await pickup.open()
        dump.step("visit: pickup", pickup.state)
        await pickup.fail(reasonId: "not_home", note: "Gọi hai lần không ai nghe", latitude: nil, longitude: nil)
        dump.step("visit: pickup failed", pickup.state)

        let sync = SyncModel(app: field)
        await sync.open()
        dump.step("sync: waiting", sync.state)
        await sync.sync()
        dump.step("sync: offline", sync.state)

        let back = try AppModel(core: try UIFixtures.phone(server, dataDir: dir, store: store), systemLanguageTag: "vi-VN")
        let synced = SyncModel(app: back)
        await synced.open()
        await synced.sync()
        dump.step("sync: sent", synced.state)
        XCTAssertEqual(try readyScreen(synced.state).result?.tone, .success)
        let after = WorklistModel(app: back)
        await after.open()
        dump.step("worklist: after sync", after.state)

        let diff = try UIFixtures.compareWithGolden("field", dump.json())
        XCTAssertNil(diff, diff ?? "")
    }
}
