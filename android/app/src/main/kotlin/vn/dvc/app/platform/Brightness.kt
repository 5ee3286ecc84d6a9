package vn.dvc.app.platform

import android.app.Activity
import android.view.WindowManager

/**
 * Full brightness while the QR is shown (`QrScreen.fullBrightness`), back to
 * the system's when it closes. Framework APIs only.
 */
object Brightness {
    /** Raises or restores the window's brightness. */
    fun set(activity: Activity, full: Boolean) {
        val window = activity.window
        val attributes = window.attributes
        attributes.screenBrightness =
            if (full) WindowManager.LayoutParams.BRIGHTNESS_OVERRIDE_FULL else WindowManager.LayoutParams.BRIGHTNESS_OVERRIDE_NONE
        window.attributes = attributes
    }
}
