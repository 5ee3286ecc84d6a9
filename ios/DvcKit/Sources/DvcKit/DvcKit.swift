import DvcCore
import Foundation

@_exported import DvcCore

/// Opening the core the way an iOS app does.
public enum DvcKit {
    /// The procedure catalogue shipped in this package, gzip-compressed
    /// (used until the server's newer version is installed).
    public static var cataloguePath: String {
        Bundle.module.path(forResource: "catalogue.json", ofType: "gz") ?? ""
    }

    /// The trusted root certificates shipped in this package (an `https`
    /// server is checked against them; the library holds none).
    public static var tlsRootsPath: String {
        Bundle.module.path(forResource: "tls-roots", ofType: "pem") ?? ""
    }

    /// Opens the core with its database in `dataDirectory` (the app's
    /// Application Support folder) talking to `server`. On iOS the folder
    /// is protected until the phone is first unlocked after a restart and
    /// left out of iCloud backups.
    public static func open(dataDirectory: URL, server: URL, store: SecureStore, timeoutMs: Int32 = 0) throws -> DvcCore {
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        #if os(iOS)
        try FileManager.default.setAttributes(
            [.protectionKey: FileProtectionType.completeUntilFirstUserAuthentication],
            ofItemAtPath: dataDirectory.path
        )
        var folder = dataDirectory
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        try folder.setResourceValues(values)
        #endif
        let config = CoreConfig(
            dataDir: dataDirectory.path, serverUrl: server.absoluteString,
            requestTimeoutMs: timeoutMs, cataloguePath: cataloguePath, tlsRootsPath: tlsRootsPath
        )
        return try DvcCore(config: config, secureStore: store)
    }
}
