package vn.dvc.app.ui

import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.Modifier
import vn.dvc.presentation.HomePresenter

/** Home: search, drafts, next appointment, notifications, navigation. */
@Composable
fun HomeView(p: HomePresenter, nav: Nav) {
    val state by p.state.collectAsState()
    StateHost(state, onRetry = { p.open() }) { s ->
        Title(s.title)
        OutlinedTextField(s.query, { p.search(it) }, label = { Text(s.searchLabel) }, placeholder = { Text(s.searchHint) }, modifier = Target)
        s.resultsNote?.let { Text(it) }
        s.results.forEach { r ->
            TextButton(onClick = { nav.procedure(p.draftFor(r.code)) }, modifier = Target) { Text("${r.name}\n${r.detail}") }
        }
        Heading(s.draftsTitle)
        if (s.drafts.isEmpty()) Text(s.draftsEmpty)
        s.drafts.forEach { d ->
            TextButton(onClick = { nav.procedure(d.id) }, modifier = Target.semantics { contentDescription = "${d.name}. ${d.progress}" }) {
                Text("${d.name} · ${d.progress}")
            }
        }
        Heading(s.appointmentTitle)
        Text(s.nextAppointment?.let { "${it.`when`} · ${it.office}" } ?: s.appointmentEmpty)
        Heading(s.notificationsTitle)
        s.notifications.forEach { n -> TextButton(onClick = { nav.link(n.deepLink) }, modifier = Target) { Text("${n.title}\n${n.body}") } }
        SecondaryAction(s.officesLabel) { nav.offices() }
        SecondaryAction(s.appointmentsLabel) { nav.appointments() }
        SecondaryAction(s.trackLabel) { nav.track() }
        SecondaryAction(s.settingsLabel) { nav.settings() }
    }
}
