package vn.dvc.app.ui

import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.platform.LocalUriHandler
import vn.dvc.presentation.OfficesPresenter

/** Offices near me: distance (with location), hours, open now, map link. */
@Composable
fun OfficesView(p: OfficesPresenter, nav: Nav, draftId: String?, locate: (onPosition: (Double, Double) -> Unit) -> Unit) {
    val state by p.state.collectAsState()
    val uri = LocalUriHandler.current
    StateHost(state, onRetry = { p.open() }) { s ->
        Title(s.title)
        Text(s.orderNote)
        SecondaryAction(s.locateLabel) { locate { lat, lon -> p.located(lat, lon) } }
        s.offices.forEach { o ->
            Heading(o.name)
            Text(listOfNotNull(o.address, o.distance, o.openNow).joinToString(" · "))
            o.hours.forEach { Text(it) }
            o.sampleNote?.let { Text(it) }
            SecondaryAction(o.name) { nav.slots(o.id, draftId) }
            SecondaryAction("🗺 ${o.name}") { uri.openUri(o.mapUrl) }
        }
    }
}
