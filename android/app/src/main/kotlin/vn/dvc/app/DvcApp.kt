package vn.dvc.app

import android.app.Application
import java.io.File
import vn.dvc.app.platform.NotificationChannels
import vn.dvc.core.DvcCore
import vn.dvc.core.android.KeystoreSecureStore
import vn.dvc.core.model.CoreConfig
import vn.dvc.presentation.AppModel

/**
 * The app process: copies the catalogue and the TLS roots from the assets
 * to files (once per app version), opens the one core with the Keystore
 * store and `noBackupFilesDir` as its data folder, and holds the shared
 * [AppModel].
 */
class DvcApp : Application() {
    lateinit var app: AppModel
        private set

    override fun onCreate() {
        super.onCreate()
        val catalogue = asset("catalogue.json.gz")
        val roots = asset("tls-roots.pem")
        val core = DvcCore(
            CoreConfig(
                dataDir = noBackupFilesDir.path,
                serverUrl = BuildConfig.SERVER_URL,
                cataloguePath = catalogue,
                tlsRootsPath = roots,
            ),
            KeystoreSecureStore(this),
        )
        app = AppModel(core, resources.configuration.locales[0].toLanguageTag())
        NotificationChannels.create(this, app.common().appName)
    }

    private fun asset(name: String): String {
        val out = File(noBackupFilesDir, "${BuildConfig.VERSION_CODE}-$name")
        if (!out.exists()) {
            assets.open(name).use { input -> out.outputStream().use { input.copyTo(it) } }
        }
        return out.path
    }
}
