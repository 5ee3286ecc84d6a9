package vn.dvc.core.android

import android.content.Context
import android.content.SharedPreferences
import androidx.security.crypto.EncryptedSharedPreferences
import androidx.security.crypto.MasterKey
import vn.dvc.core.model.SecureStore

/**
 * The Android [SecureStore]: values encrypted with a key held in the
 * Android Keystore (AES-256-GCM via Jetpack Security). Android-only: not
 * compiled by the JVM test run.
 */
class KeystoreSecureStore(context: Context) : SecureStore {
    private val prefs: SharedPreferences = EncryptedSharedPreferences.create(
        context,
        "dvc_secure_store",
        MasterKey.Builder(context).setKeyScheme(MasterKey.KeyScheme.AES256_GCM).build(),
        EncryptedSharedPreferences.PrefKeyEncryptionScheme.AES256_SIV,
        EncryptedSharedPreferences.PrefValueEncryptionScheme.AES256_GCM,
    )

    override fun load(key: String): String? = prefs.getString(key, null)

    override fun save(key: String, value: String) {
        prefs.edit().putString(key, value).commit()
    }

    override fun delete(key: String) {
        prefs.edit().remove(key).commit()
    }
}
