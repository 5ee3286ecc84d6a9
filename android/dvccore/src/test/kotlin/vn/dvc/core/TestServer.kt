package vn.dvc.core

import java.io.File
import java.nio.file.Files
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit

/**
 * A real `dvc-server` process for the tests, in dev mode (one-time codes
 * are printed to its stdout), on a free loopback port, with staff accounts.
 */
class TestServer : AutoCloseable {
    val url: String
    private val process: Process
    private val lines = LinkedBlockingQueue<String>()
    private val dir: File = Files.createTempDirectory("dvc-kotlin-test").toFile()

    init {
        val bin = System.getProperty("dvc.server.bin") ?: System.getenv("DVC_SERVER_BIN")
            ?: error("set -Ddvc.server.bin to the dvc-server binary")
        val db = File(dir, "server.sqlite3").path
        for ((user, office, role) in STAFF) {
            val add = ProcessBuilder(bin, "--db", db, "staff", "add", "--user", user, "--office", office, "--role", role)
                .redirectErrorStream(true)
            add.environment()["DVC_STAFF_PASSWORD"] = STAFF_PASSWORD
            val p = add.start()
            val out = p.inputStream.bufferedReader().readText()
            check(p.waitFor() == 0) { "staff add failed: $out" }
        }
        process = ProcessBuilder(bin, "--db", db, "--dev", "--listen", "127.0.0.1:0", "--otp-resend-secs", "0")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start()
        Thread {
            process.inputStream.bufferedReader().forEachLine { lines.put(it) }
        }.apply { isDaemon = true }.start()
        val first = lines.poll(30, TimeUnit.SECONDS) ?: error("dvc-server did not start")
        url = Regex("listening on (http://\\S+)").find(first)?.groupValues?.get(1)
            ?: error("unexpected first line: $first")
    }

    /** The next one-time code the server printed for [phone]. */
    fun codeFor(phone: String): String {
        val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10)
        while (System.nanoTime() < deadline) {
            val line = lines.poll(100, TimeUnit.MILLISECONDS) ?: continue
            Regex("DEV OTP phone=$phone code=(\\d{6})").find(line)?.let { return it.groupValues[1] }
        }
        error("no code printed for $phone")
    }

    override fun close() {
        process.destroy()
        process.waitFor(5, TimeUnit.SECONDS)
        dir.deleteRecursively()
    }

    companion object {
        const val STAFF_PASSWORD = "kotlin-test-password"
        val STAFF = listOf(
            Triple("field-hk", "vnp-hoan-kiem", "field"),
            Triple("counter-cg", "vnp-cau-giay", "counter"),
        )
    }
}
