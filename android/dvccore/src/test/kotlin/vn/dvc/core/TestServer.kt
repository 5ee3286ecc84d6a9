package vn.dvc.core

import java.io.File
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.time.Instant
import java.time.temporal.ChronoUnit
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit

/**
 * A real `dvc-server` process for the tests, in dev mode (one-time codes
 * are printed to its stdout), on a free loopback port, with staff accounts.
 * It seeds field work over HTTP the way a citizen and the agency make it
 * (see [seedFieldDay]), so the tests drive only the phone's side.
 */
class TestServer : AutoCloseable {
    val url: String
    private val process: Process
    private val lines = LinkedBlockingQueue<String>()
    private val dir: File = Files.createTempDirectory("dvc-kotlin-test").toFile()
    private val http = HttpClient.newHttpClient()

    init {
        val bin = System.getProperty("dvc.server.bin") ?: System.getenv("DVC_SERVER_BIN")
            ?: error("set -Ddvc.server.bin to the dvc-server binary")
        val db = File(dir, "server.sqlite3").path
        for ((user, office, role) in STAFF) {
            // On the server's clock too: the signing key it makes is valid from then.
            val add = ProcessBuilder(
                bin, "--db", db, "--now", START.toString(), "staff", "add", "--user", user, "--office", office, "--role", role,
            )
                .redirectErrorStream(true)
            add.environment()["DVC_STAFF_PASSWORD"] = STAFF_PASSWORD
            val p = add.start()
            val out = p.inputStream.bufferedReader().readText()
            check(p.waitFor() == 0) { "staff add failed: $out" }
        }
        process = ProcessBuilder(
            bin, "--db", db, "--dev", "--listen", "127.0.0.1:0", "--otp-resend-secs", "0", "--now", START.toString(),
        )
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start()
        Thread {
            process.inputStream.bufferedReader().forEachLine { lines.put(it) }
        }.apply { isDaemon = true }.start()
        val first = lines.poll(30, TimeUnit.SECONDS) ?: error("dvc-server did not start")
        url = Regex("listening on (http://\\S+)").find(first)?.groupValues?.get(1)
            ?: error("unexpected first line: $first")
    }

    private val started = System.nanoTime()

    /** Now, by the server's clock: it started at [START], whatever today is. */
    fun now(): Instant = START.plusNanos(System.nanoTime() - started)

    /** The next one-time code the server printed for [phone]. */
    fun codeFor(phone: String): String {
        val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10)
        while (System.nanoTime() < deadline) {
            val line = lines.poll(100, TimeUnit.MILLISECONDS) ?: continue
            Regex("DEV OTP phone=$phone code=(\\d{6})").find(line)?.let { return it.groupValues[1] }
        }
        error("no code printed for $phone")
    }

    /** What [seedFieldDay] put on a field worklist. */
    data class FieldDay(val dossierCode: String, val s10: String, val pickupVisitId: String)

    /**
     * A small field day for [assignee]: a dossier the citizen [phone] files
     * with its result delivered home, processed and handed to the post (a
     * delivery visit), and a home pickup of a dossier made at the door.
     */
    fun seedFieldDay(phone: String, assignee: String = "field-hk"): FieldDay {
        val code = fileHomeDelivery(phone)
        val s10 = processAndDispatch(code, assignee)
        return FieldDay(code, s10, bookPickup(assignee))
    }

    /**
     * The citizen [phone] signs in and files a birth registration at Hoàn
     * Kiếm, result delivered home; returns its dossier code.
     */
    fun fileHomeDelivery(phone: String): String {
        post("/v1/auth/otp", null, """{"phone":"$phone"}""")
        val signIn = post("/v1/auth/citizen", null, """{"phone":"$phone","code":"${codeFor(phone)}"}""")
        val dossier = post(
            "/v1/dossiers",
            field(signIn, "token"),
            """{"procedure_code":"1.001193","office_id":"vnp-hoan-kiem","documents":["declaration_form"],""" +
                """"delivery":{"kind":"home","address":"12 Tràng Tiền, Hoàn Kiếm"}}""",
        )
        val code = field(dossier, "code")
        checks[code] = field(dossier, "track_check")
        return code
    }

    /** The receipt's track check of each dossier filed here, by code. */
    val checks = mutableMapOf<String, String>()

    /**
     * The agency ([COUNTER]) accepts, processes and hands dossier [code]'s
     * result to the post for [assignee] (free: a person with meritorious
     * service); returns the item number.
     */
    fun processAndDispatch(code: String, assignee: String = "field-hk"): String {
        val token = staffToken(COUNTER)
        for (status in listOf(2, 4, 9)) {
            post("/v1/staff/dossiers/$code/status", token, """{"status_code":$status}""")
        }
        val reply = post(
            "/v1/staff/dossiers/$code/dispatch",
            token,
            """{"assignee":"$assignee","latitude":21.0245,"longitude":105.856,""" +
                """"contact_name":"Nguyễn Văn An","contact_phone":"0912345678","beneficiary":"merit"}""",
        )
        return field(reply, "s10")
    }

    /**
     * The agency ([COUNTER]) books a home pickup for [assignee] in the next
     * hours, for a dossier to be made at the door; returns the visit id.
     */
    fun bookPickup(assignee: String = "field-hk"): String {
        val start = now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)
        val end = start.plus(2, ChronoUnit.HOURS)
        val visit = post(
            "/v1/staff/visits",
            staffToken(COUNTER),
            """{"procedure_code":"1.001193","assignee":"$assignee","beneficiary":"social",""" +
                """"contact_name":"Trần Thị Bình","contact_phone":"0987000111","address":"5 Hàng Bài, Hoàn Kiếm",""" +
                """"latitude":21.0236,"longitude":105.8526,"window_start":"$start","window_end":"$end"}""",
        )
        return field(visit, "id")
    }

    private fun staffToken(user: String): String =
        field(post("/v1/auth/staff", null, """{"username":"$user","password":"$STAFF_PASSWORD"}"""), "token")

    /** POSTs [json] to [path]; the body of a 2xx answer, else fails. */
    private fun post(path: String, token: String?, json: String): String {
        val request = HttpRequest.newBuilder(URI.create(url + path))
            .header("content-type", "application/json")
            .apply { if (token != null) header("authorization", "Bearer $token") }
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build()
        val reply = http.send(request, HttpResponse.BodyHandlers.ofString())
        check(reply.statusCode() in 200..299) { "POST $path: ${reply.statusCode()} ${reply.body()}" }
        return reply.body()
    }

    /** The first string field [name] of a JSON answer. */
    private fun field(json: String, name: String): String =
        Regex("\"$name\"\\s*:\\s*\"([^\"]*)\"").find(json)?.groupValues?.get(1)
            ?: error("no $name in $json")

    override fun close() {
        process.destroy()
        process.waitFor(5, TimeUnit.SECONDS)
        dir.deleteRecursively()
    }

    companion object {
        const val STAFF_PASSWORD = "kotlin-test-password"

        /** Where the server's clock starts: Wednesday 2 December 2026, 08:30 in Hanoi. */
        val START: Instant = Instant.parse("2026-12-02T01:30:00Z")

        /** Counter staff of field-hk's office: seeds field work. */
        const val COUNTER = "counter-hk"
        val STAFF = listOf(
            Triple("field-hk", "vnp-hoan-kiem", "field"),
            Triple("counter-cg", "vnp-cau-giay", "counter"),
            Triple(COUNTER, "vnp-hoan-kiem", "counter"),
        )
    }
}
