package vn.dvc.app.ui

import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import vn.dvc.app.platform.ReminderScheduler
import vn.dvc.presentation.AppointmentsPresenter
import vn.dvc.presentation.UiState

/**
 * My appointments: cancel, change the time, add to calendar (the .ics is
 * shared with [shareCalendar]); the reminders the core lists are scheduled
 * as local notifications whenever the list changes.
 */
@Composable
fun AppointmentsView(p: AppointmentsPresenter, nav: Nav, scheduler: ReminderScheduler, shareCalendar: (String) -> Unit) {
    val state by p.state.collectAsState()
    LaunchedEffect(state) {
        (state as? UiState.Ready)?.screen?.upcoming?.flatMap { it.reminders }?.forEach {
            scheduler.schedule(it.notificationId, it.at.toEpochMilli(), it.title, it.body, it.deepLink)
        }
    }
    StateHost(state, onRetry = { p.open() }) { s ->
        Title(s.title)
        s.offline?.let { NoticeRow(it) }
        s.empty?.let { Text(it) }
        Text(s.remindersNote)
        s.upcoming.forEach { a ->
            Heading(a.`when`)
            Text(listOfNotNull(a.place, a.procedure, a.status, a.priority).joinToString("\n"))
            if (a.changeable) {
                SecondaryAction(s.rescheduleLabel) { nav.slots(a.officeId, null, rescheduling = a.bookingId) }
                SecondaryAction(s.cancelLabel) {
                    a.reminders.forEach { scheduler.cancel(it.notificationId) }
                    p.cancel(a.bookingId)
                }
            }
            SecondaryAction(s.calendarLabel) { shareCalendar(p.calendarFile(a.bookingId)) }
        }
        if (s.earlier.isNotEmpty()) Heading(s.earlierTitle)
        s.earlier.forEach { a -> Text("${a.`when`} · ${a.place} · ${a.status}") }
    }
}
