package vn.dvc.app.platform

import android.content.Context
import android.location.Location
import android.location.LocationManager

/**
 * The phone's last known position, when the person allowed location (the
 * offices screen sorts by distance; field actions record where). Never
 * asks for a fresh fix: a coarse, recent one is enough. Framework APIs only.
 */
class Locator(private val context: Context) {
    /** Latitude and longitude, or null without permission or a fix. */
    fun lastKnown(): Pair<Double, Double>? {
        val manager = context.getSystemService(Context.LOCATION_SERVICE) as LocationManager
        val best: Location? = try {
            listOf(LocationManager.NETWORK_PROVIDER, LocationManager.GPS_PROVIDER)
                .mapNotNull { manager.getLastKnownLocation(it) }
                .maxByOrNull { it.time }
        } catch (e: SecurityException) {
            null // Not allowed: the screen says how to allow it.
        }
        return best?.let { it.latitude to it.longitude }
    }
}
