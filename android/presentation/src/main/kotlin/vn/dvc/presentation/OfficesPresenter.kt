package vn.dvc.presentation

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import vn.dvc.core.model.OfficesScreen

/** Offices near the person (position from the location permission, if given). */
class OfficesPresenter(app: AppModel, scope: CoroutineScope) : Presenter<OfficesScreen>(app, scope) {
    /** Shows the offices, nearest first when [latitude]/[longitude] are known. */
    fun open(latitude: Double? = null, longitude: Double? = null): Job =
        load { app.core.screens().offices(language, latitude, longitude) }

    /** The phone's position arrived: sort by distance. */
    fun located(latitude: Double, longitude: Double): Job =
        act { app.core.screens().offices(language, latitude, longitude) }
}
