package vn.dvc.app.ui

import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import vn.dvc.presentation.CounterPresenter

/** The counter: scan a citizen's QR and see whether it is genuine, and the dossier. */
@Composable
fun CounterView(p: CounterPresenter, scan: (onRead: (String) -> Unit) -> Unit, scanLabel: String) {
    // scanLabel: CommonTexts.scan, from the core.
    val waiting by p.waiting.collectAsState()
    val state by p.state.collectAsState()
    if (waiting) {
        Action(scanLabel) { scan { p.scanned(it) } }
        return
    }
    StateHost(state, onRetry = { scan { p.scanned(it) } }) { s ->
        Title(s.title)
        NoticeRow(s.verdict)
        Facts(s.facts)
        if (s.documents.isNotEmpty()) Heading(s.documentsTitle)
        s.documents.forEach { Text("• $it") }
        Text(s.source)
        Action(s.scanLabel) { scan { p.scanned(it) } }
    }
}
