package vn.dvc.app.ui

import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import vn.dvc.presentation.SyncPresenter

/** Sync: what waits, progress, what arrived, what was turned down and why. */
@Composable
fun SyncView(p: SyncPresenter) {
    val state by p.state.collectAsState()
    val progress by p.progress.collectAsState()
    StateHost(state, onRetry = { p.open() }) { s ->
        Title(s.title)
        Text(s.waiting)
        progress?.let { Text(it) }
        s.result?.let { NoticeRow(it) }
        Facts(s.facts)
        if (s.wedged.isNotEmpty()) Heading(s.wedgedTitle)
        s.wedged.forEach { Text("${it.title}\n${it.reason}") }
        Action(s.syncLabel) { p.sync() }
    }
}
