package vn.dvc.core

import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import org.junit.AfterClass
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.BeforeClass
import org.junit.Test
import vn.dvc.core.kit.InMemorySecureStore
import vn.dvc.core.kit.events
import vn.dvc.core.kit.text
import vn.dvc.core.model.AccountKind
import vn.dvc.core.model.Applicant
import vn.dvc.core.model.ApplicantProfile
import vn.dvc.core.model.Beneficiary
import vn.dvc.core.model.Channel
import vn.dvc.core.model.DocumentAction
import vn.dvc.core.model.Reason
import vn.dvc.core.model.Relation
import vn.dvc.core.model.CoreConfig
import vn.dvc.core.model.CoreException
import vn.dvc.core.model.DeliverInput
import vn.dvc.core.model.FailInput
import vn.dvc.core.model.FailReason
import vn.dvc.core.model.MatchKind
import vn.dvc.core.model.LocalState
import vn.dvc.core.model.PickupInput
import vn.dvc.core.model.PostalStep
import vn.dvc.core.model.SecureStore
import vn.dvc.core.model.StaffRole
import vn.dvc.core.model.VisitKind
import java.nio.file.Files
import java.time.Instant

/** The catalogue file an app ships as an asset (here, the project's copy). */
private val CATALOGUE: String = System.getProperty("dvc.catalogue") ?: error("set -Ddvc.catalogue")
private val TLS_ROOTS: String = System.getProperty("dvc.tlsRoots") ?: error("set -Ddvc.tlsRoots")

/** The bindings, driven from Kotlin against a real dvc-server process. */
class DvcCoreTest {
    companion object {
        private lateinit var server: TestServer

        @BeforeClass @JvmStatic fun start() {
            server = TestServer()
        }

        @AfterClass @JvmStatic fun stop() {
            server.close()
        }
    }

    /** A phone on the test server, its clock at the server's (no test depends on today's date). */
    private fun phone(store: SecureStore = InMemorySecureStore(), dataDir: String = ""): DvcCore =
        DvcCore(CoreConfig(dataDir = dataDir, serverUrl = server.url, requestTimeoutMs = 5000, cataloguePath = CATALOGUE), store)
            .also { it.setClock(server.now()) }

    private suspend fun citizen(number: String, store: SecureStore = InMemorySecureStore()): DvcCore {
        val core = phone(store)
        val sent = core.account().requestCode(number)
        core.account().signInCitizen(number, server.codeFor(sent.phone))
        return core
    }

    @Test fun syncFunctionsAnswerWithoutTheServer() {
        assertTrue(coreVersion().isNotBlank())
        val dir = Files.createTempDirectory("dvc-core").toString()
        phone(dataDir = dir).use { core ->
            assertEquals(latestSchemaVersion(), core.schemaVersion())
            assertTrue(core.schemaVersion() >= 3)
            assertNull(core.account().session())
            assertTrue(core.dossiers().cached().isEmpty())
        }
    }

    @Test fun citizenSignsInAndTheTokenGoesToTheKotlinSecureStore() = runBlocking {
        val store = InMemorySecureStore()
        val core = phone(store)
        val sent = core.account().requestCode("0912 345 678")
        assertEquals("0912345678", sent.phone)
        val session = core.account().signInCitizen("0912345678", server.codeFor("0912345678"))
        assertEquals(AccountKind.CITIZEN, session.principal.kind)
        assertEquals("0912345678", session.principal.phone)
        assertTrue(session.expiresAt.isAfter(server.now()))
        assertEquals(setOf("dvc.session"), store.keys())
        assertEquals(session, core.account().session())
        assertEquals(session.principal, core.account().whoami())
        core.account().signOut()
        assertTrue(store.keys().isEmpty())
    }

    @Test fun signOutAsksBeforeItDeletesDraftsThenRemovesThem() = runBlocking {
        val core = citizen("0912000301")
        core.checklists().createDraft("1.001193", profile())
        assertEquals(1, core.account().signOutCheck().drafts)
        try {
            core.account().signOut()
            fail("expected Conflict")
        } catch (e: CoreException.Conflict) {
            assertEquals("drafts_will_be_lost", e.reason)
            assertEquals(Reason.DRAFTS_WILL_BE_LOST, e.code)
        }
        assertNotNull(core.account().session())
        core.account().signOut(discardDrafts = true)
        assertNull(core.account().session())
        assertTrue(core.checklists().drafts().isEmpty())
    }

    @Test fun theCoresClockIsSetByTheTest() = runBlocking {
        val core = citizen("0912000302")
        assertNotNull(core.account().session())
        // A year on by the core's clock, the 30-day session has lapsed.
        core.setClock(server.now().plusSeconds(365L * 24 * 3600))
        assertNull(core.account().session())
        // Back to the server's day (null would go back to this machine's).
        core.setClock(server.now())
        assertNotNull(core.account().session())
    }

    /** Cancelling the coroutine drops the Rust future, which aborts its task: the request closes at once. */
    @Test fun cancellingACoroutineClosesTheCoresRequestAtOnce() = runBlocking {
        java.net.ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress()).use { silent ->
            val url = "http://127.0.0.1:${silent.localPort}"
            DvcCore(CoreConfig("", url, 20000, cataloguePath = CATALOGUE), InMemorySecureStore()).use { core ->
                val call = launch(kotlinx.coroutines.Dispatchers.IO) { core.offices().list() }
                val socket = kotlinx.coroutines.withContext(kotlinx.coroutines.Dispatchers.IO) { silent.accept() }
                socket.soTimeout = 10000
                kotlinx.coroutines.delay(200)
                call.cancelAndJoin()
                val cancelled = System.nanoTime()
                val end = kotlinx.coroutines.withContext(kotlinx.coroutines.Dispatchers.IO) {
                    val input = socket.getInputStream()
                    val buf = ByteArray(4096)
                    var n: Int
                    do { n = input.read(buf) } while (n > 0)
                    n
                }
                val tookMs = (System.nanoTime() - cancelled) / 1_000_000
                assertEquals("the core closed the connection", -1, end)
                assertTrue("closed ${tookMs} ms after the cancel", tookMs < 2000)
                socket.close()
            }
        }
    }

    @Test fun theCoresLogReachesAKotlinSinkAtTheLevelSetWithNothingPersonal() = runBlocking {
        val lines = java.util.Collections.synchronizedList(mutableListOf<vn.dvc.core.model.LogRecord>())
        val sink = object : vn.dvc.core.model.LogSink {
            override fun log(record: vn.dvc.core.model.LogRecord) {
                lines.add(record)
            }
        }
        assertTrue(setLogSink(sink, vn.dvc.core.model.LogLevel.DEBUG))
        val core = DvcCore(CoreConfig("", "http://127.0.0.1:9", 2000, cataloguePath = CATALOGUE), InMemorySecureStore())
        try {
            core.tracking().track("000.00.01.H26-261201-0001")
        } catch (e: CoreException.Offline) {
            assertTrue(e.en.isNotBlank())
        }
        val failed = lines.filter { it.message.startsWith("request failed") }
        assertTrue(lines.toString(), failed.isNotEmpty())
        assertEquals(vn.dvc.core.model.LogLevel.DEBUG, failed.first().level)
        assertTrue(failed.first().message, failed.first().message.contains("route=/v1/track/{}"))
        assertFalse(lines.any { it.message.contains("H26-261201") })
        // A coarser level: the same failure logs nothing more.
        setLogSink(sink, vn.dvc.core.model.LogLevel.WARN)
        val before = lines.size
        try {
            core.offices().list()
        } catch (e: CoreException.Offline) {
            assertTrue(e.en.isNotBlank())
        }
        assertEquals(before, lines.size)
    }

    @Test fun eventsArriveAsAFlowOnceEachAndStopWhenTheCollectorStops() = runBlocking {
        val core = phone()
        core.account().signInStaff("field-hk", TestServer.STAFF_PASSWORD)
        val got = java.util.Collections.synchronizedList(mutableListOf<vn.dvc.core.model.CoreEvent>())
        val collector = launch(kotlinx.coroutines.Dispatchers.Default) { core.events().collect { got.add(it) } }
        kotlinx.coroutines.delay(300) // the collector has subscribed
        core.field().sync()
        kotlinx.coroutines.withTimeout(5000) {
            while (got.none { it is vn.dvc.core.model.CoreEvent.SyncFinished }) kotlinx.coroutines.delay(20)
        }
        kotlinx.coroutines.delay(100)
        assertEquals(1, got.count { it is vn.dvc.core.model.CoreEvent.SyncFinished })
        collector.cancelAndJoin()
        val before = got.size
        core.field().sync()
        kotlinx.coroutines.delay(300)
        assertEquals("nothing after the collector stopped", before, got.size)
    }

    @Test fun theLibraryHasNoCatalogueOfItsOwn() {
        val bare = DvcCore(CoreConfig(dataDir = "", serverUrl = "http://127.0.0.1:9"), InMemorySecureStore())
        try {
            bare.catalogue().version()
            fail("expected NotFound")
        } catch (e: CoreException.NotFound) {
            assertTrue(e.en.contains("catalogue"))
        }
    }

    @Test fun badInputIsATypedErrorNamingTheFieldInBothLanguages() = runBlocking {
        try {
            phone().account().requestCode("12345")
            fail("expected InvalidData")
        } catch (e: CoreException.InvalidData) {
            assertEquals("phone", e.field)
            assertTrue(e.text("vi").contains("Số điện thoại"))
            assertTrue(e.text("en").contains("mobile number"))
        }
    }

    @Test fun aWrongCodeIsUnauthorised() = runBlocking {
        val core = phone()
        core.account().requestCode("0987654321")
        val right = server.codeFor("0987654321")
        val wrong = if (right == "000000") "111111" else "000000"
        try {
            core.account().signInCitizen("0987654321", wrong)
            fail("expected Unauthorised")
        } catch (e: CoreException.Unauthorised) {
            assertTrue(e.vi.isNotBlank() && e.en.isNotBlank())
        }
    }

    @Test fun staffSeeTheirOfficesDossiersAndCitizensOnlyTheirOwn() = runBlocking {
        val an = citizen("0911111111")
        val filed = an.dossiers().create("1.001193", "vnp-hoan-kiem")
        assertEquals(1, filed.statusCode)
        assertEquals(listOf(filed), an.dossiers().refresh())
        assertEquals(listOf(filed), an.dossiers().cached())

        val field = phone()
        val session = field.account().signInStaff("counter-hk", TestServer.STAFF_PASSWORD)
        assertEquals(StaffRole.COUNTER, session.principal.staffRole)
        assertTrue(field.dossiers().refresh().any { it.id == filed.id })

        val other = phone()
        other.account().signInStaff("counter-cg", TestServer.STAFF_PASSWORD)
        assertFalse(other.dossiers().refresh().any { it.id == filed.id })
        try {
            other.dossiers().get(filed.id)
            fail("expected NotFound")
        } catch (e: CoreException.NotFound) {
            assertNotNull(e.en)
        }
    }

    @Test fun anUnreachableServerIsOffline() = runBlocking {
        val core = DvcCore(CoreConfig("", "http://127.0.0.1:9", 2000, cataloguePath = CATALOGUE), InMemorySecureStore())
        try {
            core.offices().list()
            fail("expected Offline")
        } catch (e: CoreException.Offline) {
            assertTrue(e.text("vi").contains("Không kết nối được"))
        }
    }

    @Test fun aFailingKotlinSecureStoreSurfacesAsATypedError() = runBlocking {
        val broken = object : SecureStore {
            override fun load(key: String): String? = throw IllegalStateException("keystore locked")
            override fun save(key: String, value: String) = throw IllegalStateException("keystore locked")
            override fun delete(key: String) = throw IllegalStateException("keystore locked")
        }
        try {
            phone(broken).account().session()
            fail("expected Internal")
        } catch (e: CoreException.Internal) {
            // The platform's words are for support, not the person's text.
            assertTrue(e.support, e.support.contains("keystore locked"))
            assertFalse(e.en.contains("keystore locked"))
        }
    }

    @Test fun officesListMarksSampleData() = runBlocking {
        val offices = phone().offices().list()
        val hk = offices.first { it.id == "vnp-hoan-kiem" }
        assertFalse(hk.sample)
        assertTrue(offices.filter { it.id != "vnp-hoan-kiem" }.all { it.sample })
    }

    private fun profile(
        applicant: Applicant = Applicant.MYSELF,
        relation: Relation? = null,
        channel: Channel = Channel.COUNTER,
    ) = ApplicantProfile(applicant, relation, Beneficiary.NONE, channel, emptyList())

    @Test fun searchFindsProceduresTypedWithoutDiacriticsOrWithATypo() {
        val catalogue = phone().catalogue()
        assertEquals("1.001193", catalogue.search("dang ky khai sinh", 5).first().code)
        assertEquals("1.001193", catalogue.search("khai sihn", 5).first().code)
        assertEquals("1.000894", catalogue.search("Đăng ký kết hôn", 5).first().code)
        assertTrue(catalogue.search("zzzz qqqq", 5).isEmpty())
        // The shipped gzip catalogue holds the whole national list.
        val cmnd = catalogue.search("lam cmnd", 3).first()
        assertEquals("1.014061", cmnd.code)
        assertEquals(MatchKind.GOOD, cmnd.matchKind)
    }

    @Test fun anHttpsServerNeedsTheShippedRootCertificates() {
        try {
            DvcCore(CoreConfig("", "https://dvc.example.vn", 2000, cataloguePath = CATALOGUE), InMemorySecureStore())
            fail("expected InvalidData")
        } catch (e: CoreException.InvalidData) {
            assertEquals("tls_roots_path", e.field)
        }
        DvcCore(
            CoreConfig("", "https://dvc.example.vn", 2000, cataloguePath = CATALOGUE, tlsRootsPath = TLS_ROOTS),
            InMemorySecureStore(),
        ).use { core -> assertEquals("1.001193", core.catalogue().search("khai sinh", 1).first().code) }
    }

    @Test fun aDraftChecklistIsScreenReadyAndSurvivesARestart() {
        val dir = Files.createTempDirectory("dvc-checklist").toString()
        val draftId = phone(dataDir = dir).use { core ->
            val draft = core.checklists().createDraft("1.001193", profile())
            val checklist = draft.checklist
            assertEquals("1.001193", checklist.procedure)
            assertFalse(checklist.ready)
            assertEquals(checklist.items.size, checklist.total)
            assertTrue(checklist.items.any { it.action == DocumentAction.SHOW })
            val first = checklist.items.first().id
            val ticked = core.checklists().tick(draft.id, first, true)
            assertTrue(ticked.checklist.items.first().have)
            assertFalse(first in ticked.checklist.missing)
            draft.id
        }
        phone(dataDir = dir).use { core ->
            val again = core.checklists().draft(draftId)
            assertEquals(1, again.checklist.haveCount)
            assertEquals(listOf(draftId), core.checklists().drafts().map { it.id })
            val text = core.checklists().summary(draftId, "vi")
            assertTrue(text, text.contains("[x]") && text.contains("Còn thiếu"))
        }
    }

    @Test fun aRepresentativeSeesWhyTheAuthorisationApplies() {
        val checklists = phone().checklists()
        val own = checklists.preview("1.001193", profile(), emptyList())
        val asRep = checklists.preview("1.001193", profile(Applicant.REPRESENTATIVE, Relation.OTHER), emptyList())
        val extra = asRep.items.filter { item -> own.items.none { it.id == item.id } }
        assertTrue("a representative needs more papers", extra.isNotEmpty())
        assertTrue(extra.all { !it.reasonVi.isNullOrBlank() && !it.reasonEn.isNullOrBlank() })
    }

    @Test fun marriageWarnsThatBothMustComeAndNothingGoesByPost() {
        val checklist = phone().checklists().preview("1.000894", profile(channel = Channel.POST), emptyList())
        val codes = checklist.warnings.map { it.code }
        assertTrue(codes.toString(), "presence_required" in codes)
        assertTrue(codes.toString(), "no_result_by_post" in codes)
    }

    @Test fun anUnknownProcedureIsNotFound() {
        try {
            phone().checklists().preview("9.999999", profile(), emptyList())
            fail("expected NotFound")
        } catch (e: CoreException.NotFound) {
            assertTrue(e.en.contains("9.999999"))
        }
    }

    private suspend fun firstBookableDay(core: DvcCore, office: String): vn.dvc.core.model.SlotsView {
        val today = server.now().atOffset(java.time.ZoneOffset.ofHours(7)).toLocalDate()
        for (ahead in 1L..12L) {
            val view = core.bookings().slots(office, today.plusDays(ahead).toString())
            if (view.slots.size >= 3) return view
        }
        error("no bookable day")
    }

    @Test fun aCitizenBooksReschedulesAndCancelsThroughTheBindings() = runBlocking {
        val core = citizen("0922222222")
        val view = firstBookableDay(core, "vnp-hoan-kiem")
        assertFalse(view.stale)
        val first = view.slots[0]
        assertEquals(first.capacity, first.free)
        val booking = core.bookings().book("vnp-hoan-kiem", first.start, "1.001193", vn.dvc.core.model.Priority.ELDERLY)
        assertEquals(vn.dvc.core.model.BookingStatus.ACTIVE, booking.status)
        assertEquals(first.start, booking.slotStart)
        assertEquals(listOf(booking.id), core.bookings().refresh().map { it.id })
        val reminders = core.bookings().reminders(booking.id, core.bookings().defaultReminderRules())
        assertTrue(reminders.all { it.at.isBefore(booking.slotStart) && it.bodyVi.contains("Hoàn Kiếm") })
        assertTrue(core.bookings().ics(booking.id).startsWith("BEGIN:VCALENDAR\r\n"))
        val moved = core.bookings().reschedule(booking.id, view.slots[2].start)
        assertEquals(view.slots[2].start, moved.slotStart)
        val cancelled = core.bookings().cancel(booking.id)
        assertEquals(vn.dvc.core.model.BookingStatus.CANCELLED, cancelled.status)
        try {
            core.bookings().book("vnp-hoan-kiem", first.start, "1.001193", null)
            core.bookings().book("vnp-hoan-kiem", view.slots[1].start, "1.001193", null)
            fail("expected Conflict")
        } catch (e: CoreException.Conflict) {
            assertEquals("already_booked", e.reason)
            assertEquals(Reason.ALREADY_BOOKED, e.code)
        }
    }

    @Test fun bookingOfflineFailsClearlyAndNothingIsQueued() = runBlocking {
        val core = DvcCore(CoreConfig("", "http://127.0.0.1:9", 2000, cataloguePath = CATALOGUE), InMemorySecureStore())
        try {
            core.bookings().slots("vnp-hoan-kiem", "2030-01-02")
            fail("expected Offline")
        } catch (e: CoreException.Offline) {
            assertTrue(e.en.isNotBlank())
        }
        assertTrue(core.bookings().cached().isEmpty())
    }

    @Test fun nearestOfficesComeWithTheirDistance() = runBlocking {
        val nearby = phone().offices().nearest(21.0262, 105.8535, 3)
        assertEquals("vnp-hoan-kiem", nearby.first().office.id)
        assertTrue(nearby.zipWithNext().all { (a, b) -> a.distanceKm <= b.distanceKm })
        val hk = phone().offices().search("hoan kiem")
        assertTrue(hk.any { it.id == "vnp-hoan-kiem" })
    }

    @Test fun aSubmittedDraftShowsASignedQrThatStaffVerifyOfflineAndTamperingFails() = runBlocking {
        val core = citizen("0933333333")
        val slot = firstBookableDay(core, "vnp-hoan-kiem").slots.last()
        val booking = core.bookings().book("vnp-hoan-kiem", slot.start, "1.001193", null)
        val plan = vn.dvc.core.model.DraftPlan(null, booking.id, vn.dvc.core.model.Delivery.Home("12 Tràng Tiền"))
        val draft = core.checklists().startDraft("1.001193", profile(), listOf("declaration_form"), plan)
        assertEquals("vnp-hoan-kiem", draft.plan.officeId)
        val unsigned = core.qr().draftCode(draft.id)
        assertFalse(unsigned.signed)

        val dossier = core.dossiers().submit(draft.id)
        val code = dossier.code!!
        assertTrue(code, Regex("""000\.00\.01\.H26-\d{6}-\d{4}""").matches(code))
        val image = core.qr().dossierCode(code)
        assertTrue(image.signed && image.version <= 7)
        assertEquals(0x89.toByte(), image.png[0])
        assertTrue(image.svg.contains("<svg"))

        val clerk = phone()
        clerk.account().signInStaff("counter-hk", TestServer.STAFF_PASSWORD)
        clerk.offices().list()
        assertEquals(vn.dvc.core.model.QrError.UNKNOWN_KEY, clerk.qr().verify(image.payload).error)
        assertTrue(clerk.qr().refreshKeys().isNotEmpty())
        val ok = clerk.qr().verify(image.payload)
        assertTrue(ok.messageEn, ok.valid)
        assertEquals(code, ok.dossierCode)
        assertEquals("Bưu điện Trung tâm Hoàn Kiếm", ok.officeName)
        assertEquals(listOf("declaration_form"), ok.documentsHeld)
        assertTrue(ok.homeDelivery)

        val i = image.payload.length - 10
        val swapped = if (image.payload[i] == 'A') 'B' else 'A'
        val tampered = image.payload.substring(0, i) + swapped + image.payload.substring(i + 1)
        val bad = clerk.qr().verify(tampered)
        assertFalse(bad.valid)
        assertNull(bad.dossierCode)
        assertTrue(bad.messageVi.isNotBlank())
        assertTrue(clerk.qr().verify(unsigned.payload).unverifiedDraft)

        val scan = clerk.qr().scan(image.payload)
        assertEquals(vn.dvc.core.model.DossierSource.SERVER, scan.source)
        assertEquals(vn.dvc.core.model.Delivery.Home("12 Tràng Tiền"), scan.dossier!!.delivery)
    }

    /** A file whose first bytes make it a PNG (or a JPEG): what the core and server check. */
    private fun imageFile(name: String, size: Int, png: Boolean = true): String {
        val head = if (png) byteArrayOf(0x89.toByte(), 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)
        else byteArrayOf(0xFF.toByte(), 0xD8.toByte(), 0xFF.toByte(), 0xE0.toByte())
        val file = Files.createTempDirectory("dvc-files").resolve(name)
        Files.write(file, head + ByteArray(size - head.size) { (it * 31).toByte() })
        return file.toString()
    }

    @Test fun aPageAttachedToADraftIsFiledAndTheCounterReadsItBack() = runBlocking {
        val core = citizen("0966666666")
        val online = profile(channel = Channel.ONLINE)
        val plan = vn.dvc.core.model.DraftPlan("vnp-hoan-kiem", null, vn.dvc.core.model.Delivery.Pickup)
        val draft = core.checklists().startDraft("3.000333", online, emptyList(), plan)
        assertEquals(listOf("request_form", "id_copy", "residence_copy"), draft.checklist.pagesMissing)
        assertTrue(draft.checklist.items.all { it.attachmentRequired })
        try {
            core.checklists().attach(draft.id, "id_copy", listOf(imageFile("x.heic", 100).also {
                Files.write(java.nio.file.Paths.get(it), "....ftypheic".toByteArray())
            }))
            fail("expected a refusal")
        } catch (e: CoreException.Conflict) {
            assertEquals(Reason.WRONG_FILE_TYPE, e.code)
        }
        val photo = imageFile("cccd.jpg", 250_000, png = false)
        for (document in draft.checklist.pagesMissing) {
            val pages = core.checklists().attach(draft.id, document, listOf(photo))
            assertEquals(1, pages.single().page)
            assertEquals(vn.dvc.core.model.FileType.JPEG, pages.single().fileType)
        }
        assertTrue(core.checklists().draft(draft.id).checklist.ready)
        val dossier = core.dossiers().submit(draft.id)
        assertEquals(3, dossier.pages.size)
        assertTrue(core.dossiers().pendingFilings().isEmpty())

        val clerk = phone()
        clerk.account().signInStaff("counter-hk", TestServer.STAFF_PASSWORD)
        val files = clerk.files().list(dossier.code!!)
        assertEquals(listOf("id_copy", "request_form", "residence_copy"), files.files.map { it.documentId })
        assertTrue(files.files.all { it.role == vn.dvc.core.model.FileRole.PAGE && it.bytes == 250_000L })
        val out = Files.createTempDirectory("dvc-back").resolve("page.jpg").toString()
        assertEquals(250_000L, clerk.files().save(dossier.code!!, files.files[0].sha256, out))
        assertTrue(Files.readAllBytes(java.nio.file.Paths.get(out)).contentEquals(Files.readAllBytes(java.nio.file.Paths.get(photo))))
    }

    @Test fun fieldStaffWorkTheirListOfflineAndSyncOnceBackInRange() = runBlocking {
        val day = server.seedFieldDay("0944444444")
        val dir = Files.createTempDirectory("dvc-field").toString()
        val store = InMemorySecureStore()
        val (delivery, pickup) = phone(store, dir).use { online ->
            online.account().signInStaff("field-hk", TestServer.STAFF_PASSWORD)
            val list = online.field().refreshWorklist()
            assertEquals("field-hk", list.staff)
            val delivery = list.visits.first { it.s10 == day.s10 }
            assertEquals(VisitKind.DELIVERY, delivery.kind)
            assertEquals(day.dossierCode, delivery.dossierCode)
            assertEquals("free for a person with meritorious service", 0L, delivery.feeVnd)
            val pickup = list.visits.first { it.id == day.pickupVisitId }
            assertEquals(VisitKind.PICKUP, pickup.kind)
            assertTrue(list.visits.all { it.localState == LocalState.TODO })
            delivery to pickup
        }

        // No signal: the same data folder, a server out of reach (the phone's
        // clock still the server's day).
        DvcCore(CoreConfig(dir, "http://127.0.0.1:9", 2000, cataloguePath = CATALOGUE), store)
            .also { it.setClock(server.now()) }
            .use { offline ->
            val field = offline.field()
            assertEquals(day.s10, field.worklist().visits.first { it.id == delivery.id }.s10)
            val delivered = field.deliver(
                DeliverInput(
                    visitId = delivery.id, s10 = delivery.s10!!, recipientName = "Nguyễn Văn An", relation = null,
                    identityChecked = true, feeReceipt = null, latitude = 21.0245, longitude = 105.856,
                    signatureFile = imageFile("signature.png", 4_000),
                ),
            )
            assertEquals(1L to 1, delivered.seq to delivered.pending)
            try {
                field.pickup(
                    PickupInput(
                        visitId = pickup.id, qr = null, documents = emptyList(), sealedBag = " ", feeReceipt = null,
                        newProcedureCode = null, newCitizenPhone = null, newDelivery = null, latitude = null, longitude = null,
                    ),
                )
                fail("expected InvalidData")
            } catch (e: CoreException.InvalidData) {
                assertEquals("sealed_bag", e.field)
            }
            val failed = field.fail(FailInput(pickup.id, FailReason.NOT_HOME, "gọi không nghe máy", null, null))
            assertEquals(2, failed.pending)
            assertEquals(2, field.pending())
            val states = field.worklist().visits.associate { it.id to it.localState }
            assertEquals(LocalState.DONE_UNSENT, states[delivery.id])
            assertEquals(LocalState.FAILED, states[pickup.id])
            assertNull(field.verifyLog())
        }

        phone(store, dir).use { online ->
            val report = online.field().sync()
            assertEquals(2, report.acknowledged)
            assertEquals(0, report.pending)
            assertTrue(report.breaks.toString(), report.breaks.isEmpty())
            assertEquals(0, online.field().pending())
            assertEquals(LocalState.DONE, online.field().worklist().visits.first { it.id == delivery.id }.localState)
        }
        val clerk = phone()
        clerk.account().signInStaff("counter-hk", TestServer.STAFF_PASSWORD)
        val proof = clerk.files().list(day.dossierCode).files
        assertEquals("the signature reached the office", listOf(vn.dvc.core.model.FileRole.SIGNATURE), proof.map { it.role })
        val seen = phone().tracking().track(day.s10)
        assertEquals("an item number alone does not show the status", 0, seen.statusCode)
        assertEquals(PostalStep.DELIVERED, seen.postalStep)
    }

    @Test fun aDossierIsTrackedByCodeOrItemNumberAndEachStepIsNotifiedOnce() = runBlocking {
        val code = server.fileHomeDelivery("0955555555")
        val tracking = phone().tracking()
        // Someone else's dossier: the code alone is not enough.
        try {
            tracking.track(code)
            fail("expected NotFound without the receipt's check")
        } catch (e: CoreException.NotFound) {
            assertNotNull(e.en)
        }
        val first = tracking.track("$code#${server.checks[code]}")
        assertEquals(1, first.statusCode)
        assertTrue(first.homeDelivery)
        assertEquals(1, first.events.size)
        assertTrue("history is shown, not announced", tracking.pendingNotifications().isEmpty())

        val s10 = server.processAndDispatch(code)
        val view = tracking.track(code)
        assertEquals(9, view.statusCode)
        assertEquals(s10, view.s10)
        assertEquals(PostalStep.HANDED_TO_POST, view.postalStep)
        assertFalse(view.stale)
        assertEquals(listOf("handed_to_post", "status", "status", "status", "status"), view.events.map { it.kind })
        val notes = tracking.pendingNotifications()
        assertEquals(notes.toString(), 4, notes.size)
        assertTrue(notes.all { it.deepLink == "dvc://dossier/$code" && it.dossier == code })
        assertTrue(notes.all { it.titleVi.isNotBlank() && it.titleEn.isNotBlank() })

        // The item number alone shows the postal steps only.
        val byItem = tracking.track(s10.lowercase())
        assertNull(byItem.dossierCode)
        assertTrue(byItem.events.none { it.kind == "status" })
        assertEquals("no duplicates", 4, tracking.pendingNotifications().size)
        tracking.markShown(notes.map { it.id })
        assertTrue(tracking.pendingNotifications().isEmpty())
        assertEquals(9, tracking.cached(code)?.statusCode)
        assertEquals(0, tracking.refreshAll())

        val free = tracking.deliveryQuote(Beneficiary.MERIT)
        assertTrue(free.free)
        assertEquals(0L, free.feeVnd)
        assertTrue(tracking.deliveryQuote(Beneficiary.NONE).feeVnd > 0L)
    }
}
