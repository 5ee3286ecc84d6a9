package vn.dvc.presentation

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import vn.dvc.core.model.AppointmentsScreen

/**
 * My appointments. Each upcoming one carries the local notifications to
 * schedule (`reminders`) and [calendarFile] gives its .ics for "add to
 * calendar"; the app's glue does the scheduling and the sharing.
 */
class AppointmentsPresenter(app: AppModel, scope: CoroutineScope) : Presenter<AppointmentsScreen>(app, scope) {
    /** Shows the appointments (the stored copy offline). */
    fun open(): Job = load { app.core.screens().appointments(language) }

    /** Cancels booking [bookingId]. */
    fun cancel(bookingId: String): Job = act {
        app.core.bookings().cancel(bookingId)
        app.core.screens().appointments(language)
    }

    /** The calendar file (.ics) of booking [bookingId]. */
    fun calendarFile(bookingId: String): String = app.core.bookings().ics(bookingId)
}
