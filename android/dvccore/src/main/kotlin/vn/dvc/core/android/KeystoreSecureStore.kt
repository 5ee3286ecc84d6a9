package vn.dvc.core.android

import android.content.Context
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import android.util.Base64
import java.io.File
import java.security.KeyStore
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec
import vn.dvc.core.model.CoreException
import vn.dvc.core.model.SecureStore

/**
 * The Android [SecureStore]: each value encrypted with AES-256-GCM under a
 * key that never leaves the Android Keystore (framework APIs only, API 23+),
 * one file per key in `noBackupFilesDir` (kept out of backups and device
 * transfers), written to a temporary file and renamed, so a value is either
 * the old one or the new one. Android-only: not compiled by the JVM test run.
 */
class KeystoreSecureStore(context: Context) : SecureStore {
    private val dir = File(context.noBackupFilesDir, "dvc-secure").apply { mkdirs() }

    private fun key(): SecretKey {
        val store = KeyStore.getInstance(KEYSTORE).apply { load(null) }
        (store.getKey(ALIAS, null) as? SecretKey)?.let { return it }
        val generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, KEYSTORE)
        generator.init(
            KeyGenParameterSpec.Builder(ALIAS, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
                .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
                .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
                .setKeySize(256)
                .build(),
        )
        return generator.generateKey()
    }

    /** The file of `key`: its name is the key in URL-safe Base64. */
    private fun file(key: String): File =
        File(dir, Base64.encodeToString(key.toByteArray(), Base64.URL_SAFE or Base64.NO_WRAP or Base64.NO_PADDING))

    override fun load(key: String): String? = guarded {
        val f = file(key)
        if (!f.exists()) return@guarded null
        val bytes = f.readBytes()
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.DECRYPT_MODE, key(), GCMParameterSpec(128, bytes, 0, IV_BYTES))
        String(cipher.doFinal(bytes, IV_BYTES, bytes.size - IV_BYTES))
    }

    override fun save(key: String, value: String) = guarded {
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.ENCRYPT_MODE, key())
        val sealed = cipher.iv + cipher.doFinal(value.toByteArray())
        val target = file(key)
        val temp = File(dir, target.name + ".tmp")
        temp.writeBytes(sealed)
        if (!temp.renameTo(target)) error("rename failed")
    }

    override fun delete(key: String) = guarded {
        val f = file(key)
        if (f.exists() && !f.delete()) error("delete failed")
    }

    /** Platform failures reach the core as a typed, bilingual error. */
    private inline fun <T> guarded(block: () -> T): T =
        try {
            block()
        } catch (e: Exception) {
            throw CoreException.Internal(
                "Không đọc hoặc lưu được thông tin đăng nhập trên máy.",
                "The sign-in data on this device cannot be read or saved.",
                "Android Keystore: ${e.javaClass.name}",
            )
        }

    private companion object {
        const val KEYSTORE = "AndroidKeyStore"
        const val ALIAS = "vn.dvc.core.secure-store"
        const val TRANSFORMATION = "AES/GCM/NoPadding"
        const val IV_BYTES = 12
    }
}
