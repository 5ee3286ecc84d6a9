package vn.dvc.app.platform

import android.app.NotificationChannel
import android.app.NotificationManager
import android.content.Context
import android.os.Build

/**
 * The notification channel of reminders and dossier news (API 26+; the app's
 * minSdk). Uses API 26 classes, so it is not in the android.jar (API 23)
 * compile check.
 */
object NotificationChannels {
    const val REMINDERS = "reminders"

    /** Makes the channel, named in the person's language by the caller. */
    fun create(context: Context, name: String) {
        if (Build.VERSION.SDK_INT < 26) return
        val manager = context.getSystemService(NotificationManager::class.java)
        manager.createNotificationChannel(NotificationChannel(REMINDERS, name, NotificationManager.IMPORTANCE_DEFAULT))
    }
}
