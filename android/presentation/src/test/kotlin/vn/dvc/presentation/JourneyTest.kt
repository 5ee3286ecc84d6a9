package vn.dvc.presentation

import kotlinx.coroutines.runBlocking
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Test
import vn.dvc.core.TestServer
import vn.dvc.core.kit.InMemorySecureStore
import vn.dvc.core.model.StartScreen
import vn.dvc.core.model.Tone

/**
 * The scripted journeys, run through the presenters against the real
 * library and a real dvc-server: a citizen from sign-in to the QR, the
 * timeline and the counter's check; a field worker's day, offline then
 * synced. Each step's state goes into a dump that must equal
 * docs/screens/<journey>.json, which the Swift models produce too.
 */
class JourneyTest {
    /** Each journey has a server of its own: its dossier numbers start at 0001. */
    private lateinit var server: TestServer

    @Before fun start() {
        server = TestServer()
    }

    @After fun stop() {
        server.close()
    }

    private fun <S> ready(p: Presenter<S>): S {
        val s = p.state.value
        assertTrue("expected a screen, got $s", s is UiState.Ready<*>)
        @Suppress("UNCHECKED_CAST")
        return (s as UiState.Ready<S>).screen
    }

    @Test fun citizenJourney() = runBlocking<Unit> {
        val dump = ScreenDump()
        val dir = Journeys.folder()
        val store = InMemorySecureStore()
        val core = Journeys.phone(server, dir, store = store)
        val app = AppModel(core, "vi-VN")
        assertEquals(StartScreen.SIGN_IN, app.start())

        val signIn = SignInPresenter(app, this)
        signIn.open().join()
        dump.step("sign_in", signIn.state.value)
        signIn.requestCode("0912345678").join()
        dump.step("sign_in: code sent", signIn.state.value)
        signIn.signIn("0912345678", server.codeFor("0912345678")).join()
        assertEquals(StartScreen.HOME, signIn.next.value)

        val home = HomePresenter(app, this)
        home.open().join()
        dump.step("home", home.state.value)
        home.search("khai sinh").join()
        dump.step("home: search", home.state.value)
        val code = ready(home).results.first().code
        assertEquals("1.001193", code)
        val draftId = home.draftFor(code)
        assertEquals("the same draft again", draftId, home.draftFor(code))

        val procedure = ProcedurePresenter(app, this, draftId)
        procedure.open().join()
        dump.step("procedure", procedure.state.value)
        procedure.answer("has_witness", false).join()
        for (d in ready(procedure).documents) procedure.tick(d.id, true).join()
        procedure.attach("declaration_form", listOf(Journeys.jpeg("to-khai.jpg"))).join()
        dump.step("procedure: ticked, one page", procedure.state.value)
        assertTrue(ready(procedure).ready)

        val offices = OfficesPresenter(app, this)
        offices.open().join()
        offices.located(21.0287, 105.8524).join()
        dump.step("offices: nearest", offices.state.value)
        val office = ready(offices).offices.first().id

        val slots = SlotsPresenter(app, this, office, draftId)
        slots.open().join()
        slots.pickDay(ready(slots).days[1].id).join()
        slots.pickPriority("elderly").join()
        dump.step("slots: tomorrow, elderly", slots.state.value)
        slots.book(ready(slots).slots.first { it.bookable }.start).join()
        assertNotNull(slots.booked.value)
        dump.step("slots: booked", slots.state.value)

        val appointments = AppointmentsPresenter(app, this)
        appointments.open().join()
        dump.step("appointments", appointments.state.value)
        val booking = ready(appointments).upcoming.single()
        assertTrue(booking.reminders.isNotEmpty())
        assertTrue(appointments.calendarFile(booking.bookingId).startsWith("BEGIN:VCALENDAR"))

        val filing = FilingPresenter(app, this, draftId)
        filing.open().join()
        filing.chooseDelivery("home", "12 Tràng Tiền, Hoàn Kiếm").join()
        dump.step("filing", filing.state.value)
        filing.file().join()
        val dossierId = filing.filed.value
        assertNotNull("filed", dossierId)

        val qr = QrPresenter(app, this, dossierId!!)
        qr.open().join()
        dump.step("qr", qr.state.value)
        val dossierCode = ready(qr).dossierCode

        val track = TrackPresenter(app, this)
        track.openLink("dvc://dossier/$dossierCode")!!.join()
        dump.step("track", track.state.value)
        assertNull(track.openLink("dvc://dossier/%E2%80%AE"))

        val clerk = Journeys.phone(server)
        clerk.account().signInStaff("counter-hk", TestServer.STAFF_PASSWORD)
        clerk.qr().refreshKeys()
        val counter = CounterPresenter(AppModel(clerk, "vi-VN"), this)
        counter.scanned(core.dossiers().cachedOne(dossierId)!!.qr!!).join()
        dump.step("counter: scanned", counter.state.value)
        assertEquals(Tone.SUCCESS, ready(counter).verdict.tone)

        val settings = SettingsPresenter(app, this)
        settings.open().join()
        dump.step("settings", settings.state.value)
        settings.chooseLanguage("en").join()
        settings.chooseTextSize("large").join()
        dump.step("settings: English, large", settings.state.value)
        home.open().join()
        dump.step("home: English", home.state.value)

        // No network: the stored copies, marked.
        val offline = AppModel(Journeys.phone(server, dir, offline = true, store = store), "vi-VN")
        val stored = AppointmentsPresenter(offline, this)
        stored.open().join()
        dump.step("appointments: offline", stored.state.value)
        assertNotNull(ready(stored).offline)
        val storedTrack = TrackPresenter(offline, this)
        storedTrack.open(dossierCode).join()
        dump.step("track: offline", storedTrack.state.value)
        assertEquals(Tone.WARNING, ready(storedTrack).stale?.tone)
        val search = HomePresenter(offline, this)
        search.search("cấp lại căn cước").join()
        dump.step("home: search offline", search.state.value)

        assertNull(Journeys.compareWithGolden("citizen", dump.json()))
    }

    @Test fun fieldJourney() = runBlocking<Unit> {
        val day = server.seedFieldDay("0977000111")
        val dump = ScreenDump()
        val dir = Journeys.folder()
        val store = InMemorySecureStore()
        val online = Journeys.phone(server, dir, store = store)
        val app = AppModel(online, "vi-VN")
        val signIn = SignInPresenter(app, this)
        signIn.open().join()
        signIn.signInStaff("field-hk", TestServer.STAFF_PASSWORD).join()
        assertEquals(StartScreen.WORKLIST, signIn.next.value)

        val worklist = WorklistPresenter(app, this)
        worklist.open().join()
        dump.step("worklist", worklist.state.value)
        val visits = ready(worklist).visits
        assertEquals(2, visits.size)

        // The day goes on without signal.
        val field = AppModel(Journeys.phone(server, dir, offline = true, store = store), "vi-VN")
        val offlineList = WorklistPresenter(field, this)
        offlineList.open().join()
        dump.step("worklist: offline", offlineList.state.value)
        assertNotNull(ready(offlineList).offline)

        val delivery = visits.first { it.id != day.pickupVisitId }.id
        val deliver = VisitPresenter(field, this, delivery)
        deliver.open().join()
        dump.step("visit: delivery", deliver.state.value)
        deliver.scanned(day.s10).join()
        dump.step("visit: delivery, scanned", deliver.state.value)
        assertEquals(Tone.SUCCESS, ready(deliver).delivery?.scan?.tone)
        deliver.recordDelivery(
            "Nguyễn Văn An", "self", true, Journeys.png("signature.png"),
            listOf(Journeys.jpeg("handover.jpg")), null, 21.0245, 105.856,
        ).join()
        dump.step("visit: delivered", deliver.state.value)
        assertNotNull(deliver.recorded.value)

        val pickup = VisitPresenter(field, this, day.pickupVisitId)
        pickup.open().join()
        dump.step("visit: pickup", pickup.state.value)
        pickup.fail("not_home", "Gọi hai lần không ai nghe", null, null).join()
        dump.step("visit: pickup failed", pickup.state.value)

        val sync = SyncPresenter(field, this)
        sync.open().join()
        dump.step("sync: waiting", sync.state.value)
        sync.sync().join()
        dump.step("sync: offline", sync.state.value)

        val back = AppModel(Journeys.phone(server, dir, store = store), "vi-VN")
        val synced = SyncPresenter(back, this)
        synced.open().join()
        synced.sync().join()
        dump.step("sync: sent", synced.state.value)
        assertEquals(Tone.SUCCESS, ready(synced).result?.tone)
        val after = WorklistPresenter(back, this)
        after.open().join()
        dump.step("worklist: after sync", after.state.value)

        assertNull(Journeys.compareWithGolden("field", dump.json()))
    }
}
