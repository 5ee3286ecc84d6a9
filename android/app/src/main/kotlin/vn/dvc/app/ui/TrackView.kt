package vn.dvc.app.ui

import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import vn.dvc.presentation.TrackPresenter

/** A dossier's timeline: status, dates, the late warning, events newest first. */
@Composable
fun TrackView(p: TrackPresenter) {
    val state by p.state.collectAsState()
    StateHost(state, onRetry = { p.refresh() }) { s ->
        Title(s.title)
        Text(s.procedure)
        Text(s.status)
        s.stale?.let { NoticeRow(it) }
        s.late?.let { NoticeRow(it) }
        Facts(s.facts)
        Heading(s.eventsTitle)
        s.events.forEach { Text("${it.`when`}\n${it.text}") }
        SecondaryAction(s.refreshLabel) { p.refresh() }
    }
}
