#if canImport(os)
import DvcCore
import os

/// The core's log into the unified log (`os_log`), subsystem `vn.dvc.core`,
/// one category per core module. Install with
/// `_ = setLogSink(sink: OSLogSink(), level: .info)`.
public final class OSLogSink: LogSink, @unchecked Sendable {
    public init() {}

    public func log(record: LogRecord) {
        let logger = Logger(subsystem: "vn.dvc.core", category: record.target)
        switch record.level {
        case .error: logger.error("\(record.message, privacy: .public)")
        case .warn: logger.warning("\(record.message, privacy: .public)")
        case .info: logger.info("\(record.message, privacy: .public)")
        case .debug, .trace: logger.debug("\(record.message, privacy: .public)")
        }
    }
}
#endif
