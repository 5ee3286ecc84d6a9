package vn.dvc.presentation

import kotlinx.coroutines.runBlocking
import org.junit.AfterClass
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.BeforeClass
import org.junit.Test
import vn.dvc.core.TestServer
import vn.dvc.core.kit.InMemorySecureStore
import vn.dvc.core.model.Tone

/**
 * The error and offline paths of each screen's presenter (the main paths
 * are the journeys): the state says what went wrong in the person's
 * language, keeps what was shown, and offers to retry.
 */
class PresentersTest {
    companion object {
        lateinit var server: TestServer

        @BeforeClass @JvmStatic fun start() {
            server = TestServer()
        }

        @AfterClass @JvmStatic fun stop() {
            server.close()
        }
    }

    private fun offline() = AppModel(Journeys.phone(server, offline = true), "vi-VN")

    private suspend fun citizen(number: String, language: String = "vi-VN"): AppModel {
        val core = Journeys.phone(server)
        core.account().requestCode(number)
        core.account().signInCitizen(number, server.codeFor(number))
        return AppModel(core, language)
    }

    private fun failed(state: UiState<*>): UiState.Failed {
        assertTrue("expected Failed, got $state", state is UiState.Failed)
        return state as UiState.Failed
    }

    private fun <S> readyWithError(state: UiState<S>): UiState.Ready<S> {
        assertTrue("expected Ready, got $state", state is UiState.Ready<*>)
        @Suppress("UNCHECKED_CAST")
        val ready = state as UiState.Ready<S>
        assertNotNull("an error shown", ready.error)
        return ready
    }

    @Test fun signInWithAWrongCodeSaysSoAndKeepsTheScreen() = runBlocking<Unit> {
        val p = SignInPresenter(AppModel(Journeys.phone(server), "en-GB"), this)
        p.open().join()
        p.requestCode("0911000001").join()
        p.signIn("0911000001", "000000").join()
        val s = readyWithError(p.state.value)
        assertNotNull(s.screen.codeSent)
        assertNull(p.next.value)
        val off = SignInPresenter(offline(), this)
        off.open().join()
        off.requestCode("0911000002").join()
        assertTrue(readyWithError(off.state.value).error!!.isNotBlank())
    }

    @Test fun homeSearchesOfflineAndAnUnknownProcedureIsRefused() = runBlocking<Unit> {
        val home = HomePresenter(offline(), this)
        home.search("khai sinh").join()
        assertEquals("1.001193", (home.state.value as UiState.Ready).screen.results.first().code)
        val err = runCatching { home.draftFor("9.999999") }.exceptionOrNull()
        assertNotNull("unknown procedure refused", err)
    }

    @Test fun aMissingDraftFailsTheProcedureScreenWithARetry() = runBlocking<Unit> {
        val app = offline()
        val p = ProcedurePresenter(app, this, "no-such-draft")
        p.open().join()
        val f = failed(p.state.value)
        assertEquals(app.common().retry, f.retry)
        val draft = HomePresenter(app, this).draftFor("1.001193")
        val ok = ProcedurePresenter(app, this, draft)
        ok.open().join()
        ok.attach("declaration_form", listOf(Journeys.folder() + "/missing.jpg")).join()
        readyWithError(ok.state.value)
        ok.tick("not_a_document", true).join()
        readyWithError(ok.state.value)
    }

    @Test fun officesOfflineBeforeAnyListFailAndSlotsRefuseABadDay() = runBlocking<Unit> {
        failed(OfficesPresenter(offline(), this).also { it.open().join() }.state.value)
        val app = AppModel(Journeys.phone(server), "en-GB")
        val slots = SlotsPresenter(app, this, "vnp-hoan-kiem", null)
        slots.open().join()
        slots.pickDay("2026-13-45").join()
        assertTrue(readyWithError(slots.state.value).error!!.contains("date"))
        slots.pickPriority("vip").join()
        readyWithError(slots.state.value)
    }

    @Test fun appointmentsOfflineShowTheBannerAndCancellingAnUnknownBookingFails() = runBlocking<Unit> {
        val dir = Journeys.folder()
        val store = InMemorySecureStore()
        val core = Journeys.phone(server, dir, store = store)
        core.account().requestCode("0911000003")
        core.account().signInCitizen("0911000003", server.codeFor("0911000003"))
        val p = AppointmentsPresenter(AppModel(core, "vi-VN"), this)
        p.open().join()
        p.cancel("no-such-booking").join()
        readyWithError(p.state.value)
        val gone = AppModel(Journeys.phone(server, dir, offline = true, store = store), "vi-VN")
        val off = AppointmentsPresenter(gone, this)
        off.open().join()
        assertNotNull((off.state.value as UiState.Ready).screen.offline)
    }

    @Test fun filingOfflineIsQueuedAndFilingWithoutAnOfficeIsRefused() = runBlocking<Unit> {
        val dir = Journeys.folder()
        val store = InMemorySecureStore()
        val core = Journeys.phone(server, dir, store = store)
        core.account().requestCode("0911000004")
        core.account().signInCitizen("0911000004", server.codeFor("0911000004"))
        val app = AppModel(core, "vi-VN")
        val draft = HomePresenter(app, this).draftFor("1.001193")
        val p = FilingPresenter(app, this, draft)
        p.open().join()
        assertEquals(false, (p.state.value as UiState.Ready).screen.canFile)
        p.file().join()
        readyWithError(p.state.value)

        val procedure = ProcedurePresenter(app, this, draft)
        procedure.open().join()
        for (d in (procedure.state.value as UiState.Ready).screen.documents) procedure.tick(d.id, true).join()
        p.chooseOffice("vnp-hoan-kiem").join()
        p.chooseDelivery("drone").join()
        readyWithError(p.state.value)
        val off = FilingPresenter(AppModel(Journeys.phone(server, dir, offline = true, store = store), "vi-VN"), this, draft)
        off.open().join()
        off.file().join()
        val queued = (off.state.value as UiState.Ready).screen.queued
        assertEquals(Tone.INFO, queued?.tone)
        assertNull(off.filed.value)
    }

    @Test fun anUnknownDossierFailsTheQrAndTrackScreens() = runBlocking<Unit> {
        val app = offline()
        failed(QrPresenter(app, this, "no-such-dossier").also { it.open().join() }.state.value)
        failed(TrackPresenter(app, this).also { it.open("000.00.01.H26-261202-9999").join() }.state.value)
        failed(TrackPresenter(app, this).also { it.open("not a code").join() }.state.value)
    }

    @Test fun signingOutWithUnsentFieldWorkIsRefused() = runBlocking<Unit> {
        val day = server.seedFieldDay("0977000222", assignee = "field-hk")
        val dir = Journeys.folder()
        val store = InMemorySecureStore()
        val core = Journeys.phone(server, dir, store = store)
        core.account().signInStaff("field-hk", TestServer.STAFF_PASSWORD)
        WorklistPresenter(AppModel(core, "vi-VN"), this).open().join()
        val app = AppModel(Journeys.phone(server, dir, offline = true, store = store), "vi-VN")
        VisitPresenter(app, this, day.pickupVisitId).also { it.open().join() }.fail("not_home", "", null, null).join()
        val settings = SettingsPresenter(app, this)
        settings.open().join()
        assertNotNull((settings.state.value as UiState.Ready).screen.signOutWarning)
        settings.signOut(discardDrafts = false).join()
        readyWithError(settings.state.value)
        assertEquals(false, settings.signedOut.value)
        settings.chooseLanguage("fr").join()
        readyWithError(settings.state.value)
    }

    @Test fun aCitizenCannotOpenAWorklistAndUnknownVisitsFail() = runBlocking<Unit> {
        val app = citizen("0911000005")
        failed(WorklistPresenter(app, this).also { it.open().join() }.state.value)
        failed(VisitPresenter(offline(), this, "no-such-visit").also { it.open().join() }.state.value)
        failed(SyncPresenter(offline(), this).also { it.sync().join() }.state.value).let { }
    }

    @Test fun theCounterRefusesAForgedCodeOfflineToo() = runBlocking<Unit> {
        val p = CounterPresenter(offline(), this)
        assertTrue(p.waiting.value)
        p.scanned("DVC1:forged").join()
        assertEquals(Tone.ERROR, (p.state.value as UiState.Ready).screen.verdict.tone)
        assertEquals(false, p.waiting.value)
    }

    @Test fun offlineTheOfficesAndSlotsSeenBeforeAreShownAndMarked() = runBlocking<Unit> {
        val dir = Journeys.folder()
        val store = InMemorySecureStore()
        val online = AppModel(Journeys.phone(server, dir, store = store), "vi-VN")
        OfficesPresenter(online, this).also { it.open().join() }
        val seen = SlotsPresenter(online, this, "vnp-hoan-kiem", null)
        seen.open().join()
        val tomorrow = (seen.state.value as UiState.Ready).screen.days[1].id
        seen.pickDay(tomorrow).join()
        val gone = AppModel(Journeys.phone(server, dir, offline = true, store = store), "vi-VN")
        val offices = OfficesPresenter(gone, this).also { it.open().join() }
        assertTrue((offices.state.value as UiState.Ready).screen.offices.isNotEmpty())
        val draft = HomePresenter(gone, this).draftFor("1.001193")
        val slots = SlotsPresenter(gone, this, "vnp-hoan-kiem", draft)
        slots.open().join()
        slots.pickDay(tomorrow).join()
        val shown = (slots.state.value as UiState.Ready).screen
        assertEquals(Tone.WARNING, shown.stale?.tone)
        slots.book(shown.slots.first { it.bookable }.start).join()
        readyWithError(slots.state.value)
    }

    @Test fun aFiledDossiersQrShowsWithNoNetwork() = runBlocking<Unit> {
        val dir = Journeys.folder()
        val store = InMemorySecureStore()
        val core = Journeys.phone(server, dir, store = store)
        core.account().requestCode("0911000006")
        core.account().signInCitizen("0911000006", server.codeFor("0911000006"))
        val app = AppModel(core, "en-GB")
        val draft = HomePresenter(app, this).draftFor("1.001193")
        val procedure = ProcedurePresenter(app, this, draft)
        procedure.open().join()
        for (d in (procedure.state.value as UiState.Ready).screen.documents) procedure.tick(d.id, true).join()
        OfficesPresenter(app, this).also { it.open().join() }
        val filing = FilingPresenter(app, this, draft)
        filing.open().join()
        filing.chooseOffice("vnp-hoan-kiem").join()
        filing.file().join()
        val id = filing.filed.value!!
        val gone = AppModel(Journeys.phone(server, dir, offline = true, store = store), "en-GB")
        val qr = QrPresenter(gone, this, id).also { it.open().join() }
        val shown = (qr.state.value as UiState.Ready).screen
        assertTrue(shown.fullBrightness)
        assertTrue(shown.imageLabel.contains(shown.dossierCode))
        assertEquals(0x89.toByte(), shown.png[0])

        // The counter checks it with no network, from keys fetched before.
        val clerkDir = Journeys.folder()
        val clerkStore = InMemorySecureStore()
        val clerk = Journeys.phone(server, clerkDir, store = clerkStore)
        clerk.account().signInStaff("counter-hk", TestServer.STAFF_PASSWORD)
        clerk.qr().refreshKeys()
        val offline = AppModel(Journeys.phone(server, clerkDir, offline = true, store = clerkStore), "en-GB")
        val counter = CounterPresenter(offline, this)
        counter.scanned(core.dossiers().cachedOne(id)!!.qr!!).join()
        assertEquals(Tone.SUCCESS, (counter.state.value as UiState.Ready).screen.verdict.tone)
    }
}
