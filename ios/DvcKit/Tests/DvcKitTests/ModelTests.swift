import DvcKit
import DvcUI
import Foundation
import XCTest

/// The error and offline paths of each screen's model (the main paths are
/// the journeys): the state says what went wrong in the person's language,
/// keeps what was shown, and offers to retry.
@MainActor
final class ModelTests: XCTestCase {
    nonisolated(unsafe) static var server: TestServer!

    override class func setUp() {
        super.setUp()
        server = try! TestServer()
    }

    override class func tearDown() {
        server.stop()
        super.tearDown()
    }

    var server: TestServer { Self.server }

    private func offline() throws -> AppModel {
        try AppModel(core: try UIFixtures.phone(server, offline: true), systemLanguageTag: "vi-VN")
    }

    private func citizen(_ number: String, dataDir: String = "", store: SecureStore = InMemorySecureStore()) async throws -> DvcCore {
        let core = try UIFixtures.phone(server, dataDir: dataDir, store: store)
        _ = try await core.account().requestCode(phone: number)
        _ = try await core.account().signInCitizen(phone: number, code: try server.code(for: number))
        return core
    }

    private func assertFailed<S>(_ state: UiState<S>, file: StaticString = #filePath, line: UInt = #line) {
        guard case .failed = state else { return XCTFail("expected failed, got \(state)", file: file, line: line) }
    }

    private func assertError<S>(_ state: UiState<S>, file: StaticString = #filePath, line: UInt = #line) {
        guard case let .ready(_, _, error) = state, error != nil else {
            return XCTFail("expected a screen with an error, got \(state)", file: file, line: line)
        }
    }

    func testSignInWithAWrongCodeSaysSoAndKeepsTheScreen() async throws {
        let model = SignInModel(app: try AppModel(core: try UIFixtures.phone(server), systemLanguageTag: "en-GB"))
        await model.open()
        await model.requestCode("0911000001")
        await model.signIn(phone: "0911000001", code: "000000")
        assertError(model.state)
        XCTAssertNotNil(model.state.screen?.codeSent)
        XCTAssertNil(model.next)
        let off = SignInModel(app: try offline())
        await off.open()
        await off.requestCode("0911000002")
        assertError(off.state)
    }

    func testHomeSearchesOfflineAndAnUnknownProcedureIsRefused() async throws {
        let home = HomeModel(app: try offline())
        await home.search("khai sinh")
        XCTAssertEqual(home.state.screen?.results.first?.code, "1.001193")
        XCTAssertThrowsError(try home.draft(for: "9.999999"))
    }

    func testAMissingDraftFailsTheProcedureScreenWithARetry() async throws {
        let app = try offline()
        let missing = ProcedureModel(app: app, draftId: "no-such-draft")
        await missing.open()
        guard case let .failed(_, _, retry) = missing.state else { return XCTFail("\(missing.state)") }
        XCTAssertEqual(retry, app.common().retry)
        let ok = ProcedureModel(app: app, draftId: try HomeModel(app: app).draft(for: "1.001193"))
        await ok.open()
        await ok.attach("declaration_form", paths: [try UIFixtures.folder() + "/missing.jpg"])
        assertError(ok.state)
        await ok.tick("not_a_document", have: true)
        assertError(ok.state)
    }

    func testOfficesOfflineBeforeAnyListFailAndSlotsRefuseABadDay() async throws {
        let offices = OfficesModel(app: try offline())
        await offices.open()
        assertFailed(offices.state)
        let slots = SlotsModel(app: try AppModel(core: try UIFixtures.phone(server), systemLanguageTag: "en-GB"),
                               officeId: "vnp-hoan-kiem", draftId: nil)
        await slots.open()
        await slots.pickDay("2026-13-45")
        assertError(slots.state)
        await slots.pickPriority("vip")
        assertError(slots.state)
    }

    func testAppointmentsOfflineShowTheBannerAndCancellingAnUnknownBookingFails() async throws {
        let dir = try UIFixtures.folder()
        let store = InMemorySecureStore()
        let model = AppointmentsModel(app: try AppModel(core: try await citizen("0911000003", dataDir: dir, store: store),
                                                        systemLanguageTag: "vi-VN"))
        await model.open()
        await model.cancel("no-such-booking")
        assertError(model.state)
        let gone = try AppModel(core: try UIFixtures.phone(server, dataDir: dir, offline: true, store: store),
                                systemLanguageTag: "vi-VN")
        let off = AppointmentsModel(app: gone)
        await off.open()
        XCTAssertNotNil(off.state.screen?.offline)
    }

    func testFilingOfflineIsQueuedAndFilingWithoutAnOfficeIsRefused() async throws {
        let dir = try UIFixtures.folder()
        let store = InMemorySecureStore()
        let app = try AppModel(core: try await citizen("0911000004", dataDir: dir, store: store), systemLanguageTag: "vi-VN")
        let draft = try HomeModel(app: app).draft(for: "1.001193")
        let model = FilingModel(app: app, draftId: draft)
        await model.open()
        XCTAssertEqual(model.state.screen?.canFile, false)
        await model.file()
        assertError(model.state)
        let procedure = ProcedureModel(app: app, draftId: draft)
        await procedure.open()
        for d in try readyScreen(procedure.state).documents { await procedure.tick(d.id, have: true) }
        await model.chooseOffice("vnp-hoan-kiem")
        await model.chooseDelivery("drone")
        assertError(model.state)
        let gone = try AppModel(core: try UIFixtures.phone(server, dataDir: dir, offline: true, store: store),
                                systemLanguageTag: "vi-VN")
        let off = FilingModel(app: gone, draftId: draft)
        await off.open()
        await off.file()
        XCTAssertEqual(off.state.screen?.queued?.tone, .info)
        XCTAssertNil(off.filed)
    }

    func testAnUnknownDossierFailsTheQrAndTrackScreens() async throws {
        let app = try offline()
        let qr = QrModel(app: app, dossierId: "no-such-dossier")
        await qr.open()
        assertFailed(qr.state)
        let track = TrackModel(app: app)
        await track.open("000.00.01.H26-261202-9999")
        assertFailed(track.state)
        await track.open("not a code")
        assertFailed(track.state)
    }

    func testSigningOutWithUnsentFieldWorkIsRefused() async throws {
        let day = try server.seedFieldDay(phone: "0977000222")
        let dir = try UIFixtures.folder()
        let store = InMemorySecureStore()
        let core = try UIFixtures.phone(server, dataDir: dir, store: store)
        _ = try await core.account().signInStaff(username: "field-hk", password: TestServer.staffPassword)
        await WorklistModel(app: try AppModel(core: core, systemLanguageTag: "vi-VN")).open()
        let app = try AppModel(core: try UIFixtures.phone(server, dataDir: dir, offline: true, store: store),
                               systemLanguageTag: "vi-VN")
        let visit = VisitModel(app: app, visitId: day.pickupVisitId)
        await visit.open()
        await visit.fail(reasonId: "not_home", note: "", latitude: nil, longitude: nil)
        let settings = SettingsModel(app: app)
        await settings.open()
        XCTAssertNotNil(settings.state.screen?.signOutWarning)
        await settings.signOut(discardDrafts: false)
        assertError(settings.state)
        XCTAssertFalse(settings.signedOut)
        await settings.chooseLanguage("fr")
        assertError(settings.state)
    }

    func testACitizenCannotOpenAWorklistAndUnknownVisitsFail() async throws {
        let worklist = WorklistModel(app: try AppModel(core: try await citizen("0911000005"), systemLanguageTag: "vi-VN"))
        await worklist.open()
        assertFailed(worklist.state)
        let visit = VisitModel(app: try offline(), visitId: "no-such-visit")
        await visit.open()
        assertFailed(visit.state)
        let sync = SyncModel(app: try offline())
        await sync.sync()
        assertFailed(sync.state)
    }

    func testTheCounterRefusesAForgedCodeOfflineToo() async throws {
        let model = CounterModel(app: try offline())
        XCTAssertTrue(model.waiting)
        await model.scanned("DVC1:forged")
        XCTAssertEqual(model.state.screen?.verdict.tone, .error)
        XCTAssertFalse(model.waiting)
    }

    func testOfflineTheOfficesAndSlotsSeenBeforeAreShownAndMarked() async throws {
        let dir = try UIFixtures.folder()
        let store = InMemorySecureStore()
        let online = try AppModel(core: try UIFixtures.phone(server, dataDir: dir, store: store), systemLanguageTag: "vi-VN")
        await OfficesModel(app: online).open()
        let seen = SlotsModel(app: online, officeId: "vnp-hoan-kiem", draftId: nil)
        await seen.open()
        let tomorrow = try readyScreen(seen.state).days[1].id
        await seen.pickDay(tomorrow)
        let gone = try AppModel(core: try UIFixtures.phone(server, dataDir: dir, offline: true, store: store),
                                systemLanguageTag: "vi-VN")
        let offices = OfficesModel(app: gone)
        await offices.open()
        XCTAssertFalse(try readyScreen(offices.state).offices.isEmpty)
        let draft = try HomeModel(app: gone).draft(for: "1.001193")
        let slots = SlotsModel(app: gone, officeId: "vnp-hoan-kiem", draftId: draft)
        await slots.open()
        await slots.pickDay(tomorrow)
        let shown = try readyScreen(slots.state)
        XCTAssertEqual(shown.stale?.tone, .warning)
        await slots.book(shown.slots.first { $0.bookable }!.start)
        assertError(slots.state)
    }

    func testAFiledDossiersQrShowsWithNoNetwork() async throws {
        let dir = try UIFixtures.folder()
        let store = InMemorySecureStore()
        let app = try AppModel(core: try await citizen("0911000006", dataDir: dir, store: store), systemLanguageTag: "en-GB")
        let draft = try HomeModel(app: app).draft(for: "1.001193")
        let procedure = ProcedureModel(app: app, draftId: draft)
        await procedure.open()
        for d in try readyScreen(procedure.state).documents { await procedure.tick(d.id, have: true) }
        await OfficesModel(app: app).open()
        let filing = FilingModel(app: app, draftId: draft)
        await filing.open()
        await filing.chooseOffice("vnp-hoan-kiem")
        await filing.file()
        let id = try XCTUnwrap(filing.filed)
        let gone = try AppModel(core: try UIFixtures.phone(server, dataDir: dir, offline: true, store: store),
                                systemLanguageTag: "en-GB")
        let qr = QrModel(app: gone, dossierId: id)
        await qr.open()
        let shown = try readyScreen(qr.state)
        XCTAssertTrue(shown.fullBrightness)
        XCTAssertTrue(shown.imageLabel.contains(shown.dossierCode))
        XCTAssertEqual(shown.png.first, 0x89)

        // The counter checks it with no network, from keys fetched before.
        let clerkDir = try UIFixtures.folder()
        let clerkStore = InMemorySecureStore()
        let clerk = try UIFixtures.phone(server, dataDir: clerkDir, store: clerkStore)
        _ = try await clerk.account().signInStaff(username: "counter-hk", password: TestServer.staffPassword)
        _ = try await clerk.qr().refreshKeys()
        let offline = try AppModel(core: try UIFixtures.phone(server, dataDir: clerkDir, offline: true, store: clerkStore),
                                   systemLanguageTag: "en-GB")
        let counter = CounterModel(app: offline)
        await counter.scanned(try XCTUnwrap(try app.core.dossiers().cachedOne(id: id)?.qr))
        XCTAssertEqual(try readyScreen(counter.state).verdict.tone, .success)
    }
}
