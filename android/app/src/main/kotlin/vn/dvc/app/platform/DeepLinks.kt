package vn.dvc.app.platform

import android.content.Intent

/**
 * The app link an intent carries (`dvc://…` from a notification or
 * another app), as text for the core's `Screens.route`, which decides where
 * it goes and refuses anything that does not read cleanly. Framework APIs only.
 */
object DeepLinks {
    /** The link of [intent], or null. */
    fun of(intent: Intent?): String? =
        intent?.takeIf { it.action == Intent.ACTION_VIEW }?.dataString
}
