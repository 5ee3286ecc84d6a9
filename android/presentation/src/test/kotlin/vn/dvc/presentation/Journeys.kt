package vn.dvc.presentation

import java.io.File
import java.nio.file.Files
import vn.dvc.core.DvcCore
import vn.dvc.core.TestServer
import vn.dvc.core.kit.InMemorySecureStore
import vn.dvc.core.model.CoreConfig

/** What the presenter tests share: the catalogue, phones, files, the goldens. */
object Journeys {
    val catalogue: String = System.getProperty("dvc.catalogue") ?: error("set -Ddvc.catalogue")

    /** A phone on [server] (or on a dead address when [offline]), its clock at the server's. */
    fun phone(server: TestServer, dataDir: String = "", offline: Boolean = false, store: InMemorySecureStore = InMemorySecureStore()): DvcCore =
        DvcCore(
            CoreConfig(
                dataDir = dataDir,
                serverUrl = if (offline) "http://127.0.0.1:9" else server.url,
                requestTimeoutMs = 5000,
                cataloguePath = catalogue,
            ),
            store,
        ).also { it.setClock(server.now()) }

    /** A fresh folder for a phone's files. */
    fun folder(): String = Files.createTempDirectory("dvc-presenter").toFile().path

    /** A small JPEG file (the core checks the first bytes and the size). */
    fun jpeg(name: String, bytes: Int = 20_000): String {
        val f = File(folder(), name)
        val data = ByteArray(bytes) { (it * 31 % 251).toByte() }
        byteArrayOf(0xFF.toByte(), 0xD8.toByte(), 0xFF.toByte(), 0xE0.toByte()).copyInto(data)
        f.writeBytes(data)
        return f.path
    }

    /** A small PNG file (a signature pad's output). */
    fun png(name: String): String {
        val f = File(folder(), name)
        val data = ByteArray(4_000) { (it * 7 % 253).toByte() }
        byteArrayOf(0x89.toByte(), 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A).copyInto(data)
        f.writeBytes(data)
        return f.path
    }

    /**
     * Compares journey [name]'s dump with `docs/screens/<name>.json` (the
     * Swift models must produce the same file); writes the dump under
     * `build/screens/kotlin/` either way, and over the golden file with
     * `DVC_UPDATE_SCREENS=1`. Returns a diff summary, or null when equal.
     */
    fun compareWithGolden(name: String, dump: String): String? {
        val root = File(System.getProperty("dvc.root") ?: error("set -Ddvc.root"))
        val out = File(root, "build/screens/kotlin/$name.json")
        out.parentFile.mkdirs()
        out.writeText(dump)
        val golden = File(root, "docs/screens/$name.json")
        if (System.getenv("DVC_UPDATE_SCREENS") == "1") {
            golden.parentFile.mkdirs()
            golden.writeText(dump)
            return null
        }
        if (!golden.exists()) return "no ${golden.path}: run with DVC_UPDATE_SCREENS=1"
        if (golden.readText() == dump) return null
        val want = golden.readText().lines()
        val got = dump.lines()
        val at = want.indices.firstOrNull { it >= got.size || want[it] != got[it] } ?: want.size
        return "${out.path} differs from ${golden.path} at line ${at + 1}:\n" +
            "  golden: ${want.getOrNull(at)}\n  got:    ${got.getOrNull(at)}"
    }
}
