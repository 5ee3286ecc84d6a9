package vn.dvc.app.platform

import android.app.Notification
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.net.Uri

/**
 * Shows a reminder when its alarm fires; tapping it opens the app link
 * (`dvc://booking/<id>`, `dvc://dossier/<code>`) the core gave. The texts
 * are the core's. Framework APIs only; the channel is made at start
 * ([NotificationChannels], API 26+).
 */
class ReminderReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        if (intent.action != ACTION) return
        val link = intent.getStringExtra(LINK) ?: return
        val open = PendingIntent.getActivity(
            context, link.hashCode(),
            Intent(Intent.ACTION_VIEW, Uri.parse(link)).setPackage(context.packageName),
            PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE,
        )
        @Suppress("DEPRECATION")
        val notification = Notification.Builder(context)
            .setSmallIcon(android.R.drawable.ic_popup_reminder)
            .setContentTitle(intent.getStringExtra(TITLE))
            .setContentText(intent.getStringExtra(BODY))
            .setStyle(Notification.BigTextStyle().bigText(intent.getStringExtra(BODY)))
            .setContentIntent(open)
            .setAutoCancel(true)
            .build()
        val manager = context.getSystemService(Context.NOTIFICATION_SERVICE) as NotificationManager
        manager.notify(link.hashCode(), notification)
    }

    companion object {
        const val ACTION = "vn.dvc.app.REMINDER"
        const val TITLE = "title"
        const val BODY = "body"
        const val LINK = "link"
    }
}
