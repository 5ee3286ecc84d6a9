package vn.dvc.app.ui

/**
 * Where a view's buttons lead; MainActivity implements it with a small
 * back stack. The core decides the first screen (`Screens.start`) and
 * where links go (`Screens.route`).
 */
interface Nav {
    fun procedure(draftId: String)
    fun offices()
    fun slots(officeId: String, draftId: String?, rescheduling: String? = null)
    fun appointments()
    fun filing(draftId: String)
    fun qr(dossierId: String)
    fun track(key: String? = null)
    fun settings()
    fun visit(visitId: String)
    fun sync()
    fun link(url: String)
    fun back()
}
