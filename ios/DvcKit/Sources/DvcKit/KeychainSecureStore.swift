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

    /// Updates the item in place, or adds it when there is none: never a
    /// moment without the value (delete-then-add loses it if the app dies
    /// in between).
    public func save(key: String, value: String) throws {
        let data = Data(value.utf8)
        let attributes: [String: Any] = [
            kSecValueData as String: data,
            kSecAttrAccessible as String: kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly,
        ]
        let updated = SecItemUpdate(query(key) as CFDictionary, attributes as CFDictionary)
        if updated == errSecSuccess { return }
        guard updated == errSecItemNotFound else { throw keychainError(updated) }
        var q = query(key)
        q.merge(attributes) { _, new in new }
        let added = SecItemAdd(q as CFDictionary, nil)
        guard added == errSecSuccess else { throw keychainError(added) }
    }

    public func delete(key: String) throws {
        let status = SecItemDelete(query(key) as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else { throw keychainError(status) }
    }

    private func keychainError(_ status: OSStatus) -> CoreError {
        .Internal(
            vi: "Không đọc hoặc lưu được thông tin đăng nhập trên máy.",
            en: "The sign-in data on this device cannot be read or saved.",
            support: "Keychain OSStatus \(status)"
        )
    }
}
#endif
