package vn.dvc.app

import android.content.Intent
import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.BackHandler
import androidx.activity.compose.setContent
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.runtime.Composable
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateListOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.ui.platform.LocalDensity
import androidx.compose.ui.unit.Density
import vn.dvc.app.platform.Brightness
import vn.dvc.app.platform.DeepLinks
import vn.dvc.app.platform.Locator
import vn.dvc.app.platform.ReminderScheduler
import vn.dvc.app.ui.AppointmentsView
import vn.dvc.app.ui.CounterView
import vn.dvc.app.ui.FilingView
import vn.dvc.app.ui.HomeView
import vn.dvc.app.ui.Nav
import vn.dvc.app.ui.OfficesView
import vn.dvc.app.ui.ProcedureView
import vn.dvc.app.ui.QrView
import vn.dvc.app.ui.SettingsView
import vn.dvc.app.ui.SignInView
import vn.dvc.app.ui.SlotsView
import vn.dvc.app.ui.SyncView
import vn.dvc.app.ui.TrackView
import vn.dvc.app.ui.VisitGlue
import vn.dvc.app.ui.VisitView
import vn.dvc.app.ui.WorklistView
import vn.dvc.app.ui.photoTaker
import vn.dvc.app.ui.scanner
import vn.dvc.app.ui.signaturePad
import vn.dvc.core.model.Route
import vn.dvc.core.model.StartScreen
import vn.dvc.presentation.AppointmentsPresenter
import vn.dvc.presentation.CounterPresenter
import vn.dvc.presentation.FilingPresenter
import vn.dvc.presentation.HomePresenter
import vn.dvc.presentation.OfficesPresenter
import vn.dvc.presentation.ProcedurePresenter
import vn.dvc.presentation.QrPresenter
import vn.dvc.presentation.SettingsPresenter
import vn.dvc.presentation.SignInPresenter
import vn.dvc.presentation.SlotsPresenter
import vn.dvc.presentation.SyncPresenter
import vn.dvc.presentation.TrackPresenter
import vn.dvc.presentation.VisitPresenter
import vn.dvc.presentation.WorklistPresenter

/** A place in the app (the back stack holds these). */
private sealed interface Place {
    data object SignIn : Place
    data object Home : Place
    data class Procedure(val draftId: String) : Place
    data class Offices(val draftId: String?) : Place
    data class Slots(val officeId: String, val draftId: String?, val rescheduling: String?) : Place
    data object Appointments : Place
    data class Filing(val draftId: String) : Place
    data class Qr(val dossierId: String) : Place
    data class Track(val key: String?) : Place
    data object Settings : Place
    data object Worklist : Place
    data class Visit(val visitId: String) : Place
    data object Sync : Place
    data object Counter : Place
}

/**
 * The one activity: a back stack of places, each drawn by its view over a
 * presenter. The first place is the core's (`Screens.start`), app links go
 * where the core's `Screens.route` says, text follows the system's size
 * times the core's scale.
 */
class MainActivity : ComponentActivity(), Nav {
    private val stack = mutableStateListOf<Place>()
    private val app get() = (application as DvcApp).app
    private var draftForBooking: String? = null

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        stack.add(start())
        DeepLinks.of(intent)?.let { link(it) }
        setContent { Root() }
    }

    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        DeepLinks.of(intent)?.let { link(it) }
    }

    private fun start(): Place = when (app.start()) {
        StartScreen.SIGN_IN -> Place.SignIn
        StartScreen.HOME -> Place.Home
        StartScreen.WORKLIST -> Place.Worklist
        StartScreen.COUNTER -> Place.Counter
    }

    @Composable
    private fun Root() {
        val scale by app.textScale.collectAsState()
        val density = LocalDensity.current
        CompositionLocalProvider(LocalDensity provides Density(density.density, density.fontScale * scale)) {
            MaterialTheme {
                Surface {
                    BackHandler(enabled = stack.size > 1) { back() }
                    Show(stack.last())
                }
            }
        }
    }

    @Composable
    private fun Show(place: Place) {
        val scope = rememberCoroutineScope()
        val common = app.common()
        val photo = photoTaker(this)
        val scan = scanner(this)
        when (place) {
            Place.SignIn -> {
                val p = remember(place) { SignInPresenter(app, scope).also { it.open() } }
                val next by p.next.collectAsState()
                LaunchedEffect(next) { if (next != null) replaceWith(start()) }
                SignInView(p)
            }
            Place.Home -> HomeView(remember(place) { HomePresenter(app, scope).also { it.open() } }, this)
            is Place.Procedure -> {
                draftForBooking = place.draftId
                ProcedureView(remember(place) { ProcedurePresenter(app, scope, place.draftId).also { it.open() } }, this, photo, common.yes, common.no)
            }
            is Place.Offices -> OfficesView(remember(place) { OfficesPresenter(app, scope).also { it.open() } }, this, place.draftId) { done ->
                Locator(this).lastKnown()?.let { done(it.first, it.second) }
            }
            is Place.Slots -> SlotsView(remember(place) { SlotsPresenter(app, scope, place.officeId, place.draftId, place.rescheduling).also { it.open() } })
            Place.Appointments -> AppointmentsView(
                remember(place) { AppointmentsPresenter(app, scope).also { it.open() } }, this, ReminderScheduler(this),
            ) { ics -> shareCalendar(ics) }
            is Place.Filing -> FilingView(remember(place) { FilingPresenter(app, scope, place.draftId).also { it.open() } }, this)
            is Place.Qr -> QrView(remember(place) { QrPresenter(app, scope, place.dossierId).also { it.open() } }) { Brightness.set(this, it) }
            is Place.Track -> TrackView(remember(place) { TrackPresenter(app, scope).also { p -> place.key?.let { p.open(it) } } })
            Place.Settings -> {
                val p = remember(place) { SettingsPresenter(app, scope).also { it.open() } }
                val out by p.signedOut.collectAsState()
                LaunchedEffect(out) { if (out) replaceWith(Place.SignIn) }
                SettingsView(p, common.cancel)
            }
            Place.Worklist -> WorklistView(remember(place) { WorklistPresenter(app, scope).also { it.open() } }, this)
            is Place.Visit -> VisitView(
                remember(place) { VisitPresenter(app, scope, place.visitId).also { it.open() } },
                VisitGlue(scan = scan, photo = photo, sign = signaturePad(this), position = { Locator(this).lastKnown() }),
            )
            Place.Sync -> SyncView(remember(place) { SyncPresenter(app, scope).also { it.open() } })
            Place.Counter -> CounterView(remember(place) { CounterPresenter(app, scope) }, scan, common.scan)
        }
    }

    private fun replaceWith(place: Place) {
        stack.clear()
        stack.add(place)
    }

    private fun shareCalendar(ics: String) {
        val file = java.io.File(cacheDir, "appointment.ics").apply { writeText(ics) }
        val uri = androidx.core.content.FileProvider.getUriForFile(this, "$packageName.files", file)
        startActivity(Intent.createChooser(Intent(Intent.ACTION_VIEW).setDataAndType(uri, "text/calendar").addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION), null))
    }

    override fun procedure(draftId: String) { stack.add(Place.Procedure(draftId)) }
    override fun offices() { stack.add(Place.Offices(draftForBooking)) }
    override fun slots(officeId: String, draftId: String?, rescheduling: String?) { stack.add(Place.Slots(officeId, draftId, rescheduling)) }
    override fun appointments() { stack.add(Place.Appointments) }
    override fun filing(draftId: String) { stack.add(Place.Filing(draftId)) }
    override fun qr(dossierId: String) { stack.add(Place.Qr(dossierId)) }
    override fun track(key: String?) { stack.add(Place.Track(key)) }
    override fun settings() { stack.add(Place.Settings) }
    override fun visit(visitId: String) { stack.add(Place.Visit(visitId)) }
    override fun sync() { stack.add(Place.Sync) }
    override fun back() { if (stack.size > 1) stack.removeAt(stack.lastIndex) }

    override fun link(url: String) {
        when (val route = app.core.screens().route(url)) {
            is Route.Dossier -> stack.add(Place.Track(route.key))
            is Route.Booking -> stack.add(Place.Appointments)
            null -> {}
        }
    }
}
