package vn.dvc.core.kit

import java.util.concurrent.ConcurrentHashMap
import vn.dvc.core.model.SecureStore

/** A [SecureStore] kept in memory only: for tests, previews and the JVM. */
class InMemorySecureStore : SecureStore {
    private val values = ConcurrentHashMap<String, String>()

    override fun load(key: String): String? = values[key]

    override fun save(key: String, value: String) {
        values[key] = value
    }

    override fun delete(key: String) {
        values.remove(key)
    }

    /** The keys stored now (for tests). */
    fun keys(): Set<String> = values.keys.toSet()
}
