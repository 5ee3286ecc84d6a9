import DvcCore
import Foundation

@_exported import DvcCore

/// Opening the core the way an iOS app does.
public enum DvcKit {
    /// Opens the core with its database in `dataDirectory` (the app's
    /// Application Support folder) talking to `server`.
    public static func open(dataDirectory: URL, server: URL, store: SecureStore, timeoutMs: UInt32 = 0) throws -> DvcCore {
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        let config = CoreConfig(dataDir: dataDirectory.path, serverUrl: server.absoluteString, requestTimeoutMs: timeoutMs)
        return try DvcCore(config: config, secureStore: store)
    }
}
