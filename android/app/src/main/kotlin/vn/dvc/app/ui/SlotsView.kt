package vn.dvc.app.ui

import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import vn.dvc.presentation.SlotsPresenter

/** One office's free slots by day (stale marked), the priority choice, booking. */
@Composable
fun SlotsView(p: SlotsPresenter) {
    val state by p.state.collectAsState()
    StateHost(state, onRetry = { p.open() }) { s ->
        Title(s.officeName)
        s.stale?.let { NoticeRow(it) }
        Choices(s.days) { p.pickDay(it) }
        Heading(s.priorityTitle)
        Choices(s.priorities) { p.pickPriority(it) }
        s.empty?.let { Text(it) }
        s.slots.forEach { slot ->
            Action("${slot.time} · ${slot.free}", enabled = slot.bookable) { p.book(slot.start) }
        }
        Text(s.bookLabel)
    }
}
