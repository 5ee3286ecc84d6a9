package vn.dvc.app.platform

import android.app.AlarmManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent

/**
 * Schedules the core's reminders of an appointment (`ReminderRow`) as local
 * notifications: inexact alarms that survive doze, no exact-alarm
 * permission needed. The same notification id replaces an earlier
 * schedule, so calling it again after a change is safe. Framework APIs
 * only (the caller passes `at` as epoch milliseconds: java.time is API 26).
 */
class ReminderScheduler(private val context: Context) {
    private val alarms = context.getSystemService(Context.ALARM_SERVICE) as AlarmManager

    /** Schedules one reminder. */
    fun schedule(notificationId: String, atMillis: Long, title: String, body: String, link: String) {
        alarms.setAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, atMillis, intent(notificationId, title, body, link))
    }

    /** Cancels a reminder of a cancelled or moved appointment. */
    fun cancel(notificationId: String) {
        alarms.cancel(intent(notificationId, null, null, null))
    }

    private fun intent(id: String, title: String?, body: String?, link: String?): PendingIntent {
        val i = Intent(context, ReminderReceiver::class.java)
            .setAction(ReminderReceiver.ACTION)
            .putExtra(ReminderReceiver.TITLE, title)
            .putExtra(ReminderReceiver.BODY, body)
            .putExtra(ReminderReceiver.LINK, link)
        return PendingIntent.getBroadcast(
            context, id.hashCode(), i,
            PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE,
        )
    }
}
