package vn.dvc.core.android

import android.util.Log
import vn.dvc.core.model.LogLevel
import vn.dvc.core.model.LogRecord
import vn.dvc.core.model.LogSink

/**
 * The core's log into Logcat, tag `dvc-core`. Install once at start-up with
 * `setLogSink(LogcatSink(), LogLevel.INFO)`. Android-only: not compiled by
 * the JVM test run.
 */
class LogcatSink : LogSink {
    override fun log(record: LogRecord) {
        val line = "${record.target}: ${record.message}"
        when (record.level) {
            LogLevel.ERROR -> Log.e(TAG, line)
            LogLevel.WARN -> Log.w(TAG, line)
            LogLevel.INFO -> Log.i(TAG, line)
            LogLevel.DEBUG, LogLevel.TRACE -> Log.d(TAG, line)
        }
    }

    private companion object {
        const val TAG = "dvc-core"
    }
}
