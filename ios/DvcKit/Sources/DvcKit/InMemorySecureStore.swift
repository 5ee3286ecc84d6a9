import DvcCore
import Foundation

/// A `SecureStore` kept in memory only: for tests, previews and Linux.
public final class InMemorySecureStore: SecureStore, @unchecked Sendable {
    private var values: [String: String] = [:]
    private let lock = NSLock()

    /// An empty store.
    public init() {}

    public func load(key: String) throws -> String? {
        lock.lock(); defer { lock.unlock() }
        return values[key]
    }

    public func save(key: String, value: String) throws {
        lock.lock(); defer { lock.unlock() }
        values[key] = value
    }

    public func delete(key: String) throws {
        lock.lock(); defer { lock.unlock() }
        values.removeValue(forKey: key)
    }

    /// The keys stored now (for tests).
    public var keys: Set<String> {
        lock.lock(); defer { lock.unlock() }
        return Set(values.keys)
    }
}
