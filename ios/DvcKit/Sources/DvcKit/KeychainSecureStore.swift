#if canImport(Security)
import DvcCore
import Foundation
import Security

/// The iOS `SecureStore`: generic-password items in the Keychain, readable
/// after the first unlock, never synced to other devices.
public final class KeychainSecureStore: SecureStore, @unchecked Sendable {
    private let service: String

    /// A store whose items belong to `service` (default: the app's bundle id).
    public init(service: String = Bundle.main.bundleIdentifier ?? "vn.dvc.core") {
        self.service = service
    }

    private func query(_ key: String) -> [String: Any] {
        [kSecClass as String: kSecClassGenericPassword,
         kSecAttrService as String: service,
         kSecAttrAccount as String: key]
    }

    public func load(key: String) throws -> String? {
        var q = query(key)
        q[kSecReturnData as String] = true
        q[kSecMatchLimit as String] = kSecMatchLimitOne
        var item: CFTypeRef?
        let status = SecItemCopyMatching(q as CFDictionary, &item)
        if status == errSecItemNotFound { return nil }
        guard status == errSecSuccess, let data = item as? Data else { throw keychainError(status) }
        return String(data: data, encoding: .utf8)
    }

    public func save(key: String, value: String) throws {
        try delete(key: key)
        var q = query(key)
        q[kSecValueData as String] = Data(value.utf8)
        q[kSecAttrAccessible as String] = kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly
        let status = SecItemAdd(q as CFDictionary, nil)
        guard status == errSecSuccess else { throw keychainError(status) }
    }

    public func delete(key: String) throws {
        let status = SecItemDelete(query(key) as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else { throw keychainError(status) }
    }

    private func keychainError(_ status: OSStatus) -> CoreError {
        .Internal(vi: "Lỗi Keychain \(status)", en: "Keychain error \(status)")
    }
}
#endif
