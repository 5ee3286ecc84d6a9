package vn.dvc.presentation

import java.lang.reflect.Modifier
import java.time.Instant

/**
 * A stable JSON dump of screen states, the same in Kotlin and Swift (the
 * parity journeys compare them with `docs/screens/`): keys in the order the
 * core declares them, written in snake_case; enum cases in snake_case;
 * instants in ISO 8601; bytes as `"<bytes>"`. Values that differ on every
 * run are replaced by placeholders: 32-hex ids (drafts, bookings, visits)
 * by `<id-N>` in order of first appearance, and the receipt's random
 * track check by `<check>`.
 */
class ScreenDump {
    private val ids = LinkedHashMap<String, String>()
    private val hex = Regex("[0-9a-f]{32}")
    private val steps = StringBuilder()

    /** Adds one step of a journey: its name and the state shown. */
    fun step(name: String, state: Any?) {
        if (steps.isNotEmpty()) steps.append(",\n")
        steps.append("{\"step\": ").append(quote(name)).append(", \"state\": ")
        write(state, steps, 1)
        steps.append("}")
    }

    /** The whole journey as a JSON array, one step per element. */
    fun json(): String = "[\n$steps\n]\n"

    private fun write(value: Any?, out: StringBuilder, depth: Int) {
        when (value) {
            null -> out.append("null")
            is String -> out.append(quote(mask(value)))
            is Boolean -> out.append(value)
            is Int, is Long, is Short, is Byte -> out.append(value.toString())
            is UInt -> out.append(value.toString())
            is ULong -> out.append(value.toString())
            is Float -> out.append(value.toString())
            is Double -> out.append(value.toString())
            is Instant -> out.append(quote(value.toString()))
            is ByteArray -> out.append("\"<bytes>\"")
            is Enum<*> -> out.append(quote(value.name.lowercase()))
            is List<*> -> {
                if (value.isEmpty()) {
                    out.append("[]")
                    return
                }
                out.append("[")
                value.forEachIndexed { i, item ->
                    out.append(if (i == 0) "\n" else ",\n").append("  ".repeat(depth + 1))
                    write(item, out, depth + 1)
                }
                out.append("\n").append("  ".repeat(depth)).append("]")
            }
            else -> record(value, out, depth)
        }
    }

    /** A record (a uniffi data class or a presenter state) as an object. */
    private fun record(value: Any, out: StringBuilder, depth: Int) {
        val fields = value.javaClass.declaredFields.filter { !Modifier.isStatic(it.modifiers) && !it.isSynthetic }
        out.append("{")
        out.append("\n").append("  ".repeat(depth + 1)).append("\"type\": ").append(quote(typeName(value)))
        for (f in fields) {
            f.isAccessible = true
            var v = f.get(value)
            if (f.name == "trackCheck" && v != null) v = "<check>"
            out.append(",\n").append("  ".repeat(depth + 1)).append(quote(snake(f.name))).append(": ")
            write(v, out, depth + 1)
        }
        out.append("\n").append("  ".repeat(depth)).append("}")
    }

    private fun typeName(value: Any): String {
        val name = value.javaClass.name.substringAfterLast('.').substringAfterLast('$')
        return snake(name)
    }

    private fun mask(text: String): String = hex.replace(text) { m ->
        ids.getOrPut(m.value) { "<id-${ids.size + 1}>" }
    }

    private fun snake(name: String): String =
        name.replace(Regex("([a-z0-9])([A-Z])"), "$1_$2").lowercase()

    private fun quote(s: String): String {
        val b = StringBuilder("\"")
        for (c in s) {
            when {
                c == '"' -> b.append("\\\"")
                c == '\\' -> b.append("\\\\")
                c == '\n' -> b.append("\\n")
                c.code < 0x20 -> b.append(String.format("\\u%04x", c.code))
                else -> b.append(c)
            }
        }
        return b.append('"').toString()
    }
}
