package vn.dvc.presentation

import java.time.Instant
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import vn.dvc.core.model.Booking
import vn.dvc.core.model.SlotsScreen

/**
 * One office's free slots by day, the priority choice, and booking for a
 * draft — or moving booking [rescheduling] to another slot.
 */
class SlotsPresenter(
    app: AppModel,
    scope: CoroutineScope,
    private val officeId: String,
    private val draftId: String?,
    private val rescheduling: String? = null,
) : Presenter<SlotsScreen>(app, scope) {
    private var priorityId = "none"
    private val _booked = MutableStateFlow<Booking?>(null)

    /** The booking made or moved here (null before). */
    val booked: StateFlow<Booking?> = _booked.asStateFlow()

    private suspend fun screen(date: String) =
        app.core.screens().slots(language, officeId, date, priorityId, rescheduling != null)

    /** Shows today's slots. */
    fun open(): Job = load { screen("") }

    /** Shows the day with choice id [date]. */
    fun pickDay(date: String): Job = act { screen(date) }

    /** Picks the priority with choice id [id]. */
    fun pickPriority(id: String): Job = act {
        priorityId = id
        screen(shown?.date ?: "")
    }

    /** Books (or moves the booking to) the slot starting at [start]. */
    fun book(start: Instant): Job = act {
        _booked.value = when {
            rescheduling != null -> app.core.bookings().reschedule(rescheduling, start)
            draftId != null -> app.core.screens().book(draftId, officeId, start, priorityId)
            else -> error("a slots screen books for a draft or moves a booking")
        }
        screen(shown?.date ?: "")
    }
}
