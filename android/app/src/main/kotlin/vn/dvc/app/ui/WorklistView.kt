package vn.dvc.app.ui

import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import vn.dvc.presentation.WorklistPresenter

/** Today's visits in route order, the offline banner, unsent and turned-down actions. */
@Composable
fun WorklistView(p: WorklistPresenter, nav: Nav) {
    val state by p.state.collectAsState()
    StateHost(state, onRetry = { p.open() }) { s ->
        Title(s.title)
        s.offline?.let { NoticeRow(it) }
        s.unsent?.let { NoticeRow(it) }
        Text(s.route)
        s.empty?.let { Text(it) }
        s.visits.forEach { v ->
            TextButton(onClick = { nav.visit(v.id) }, modifier = Target) {
                Text("${v.title}\n${v.who}\n${v.address} · ${v.window}\n${v.state}")
            }
        }
        if (s.wedged.isNotEmpty()) Heading(s.wedgedTitle)
        s.wedged.forEach { w ->
            Text("${w.title}\n${w.reason}")
            SecondaryAction(s.retryLabel) { p.retry(w.seq) }
            SecondaryAction(s.setAsideLabel) { p.setAside(w.seq, w.reason) }
        }
        Action(s.syncLabel) { nav.sync() }
    }
}
