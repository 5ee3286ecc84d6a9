import DvcKit
import DvcUI
import SwiftUI

/// The app: opens the one core (Keychain store, Application Support
/// folder, catalogue and TLS roots from DvcKit's resources) and shows the
/// screen the core says to start on.
@main
struct DvcApp: App {
    @State private var app: AppModel

    init() {
        let server = Bundle.main.object(forInfoDictionaryKey: "DVCServerURL") as? String ?? "https://dvc.example.vn"
        let support = FileManager.default.urls(for: .applicationSupportDirectory, in: .userDomainMask)[0]
            .appendingPathComponent("dvc")
        let core = try! DvcKit.open(dataDirectory: support, server: URL(string: server)!, store: KeychainSecureStore())
        _app = State(initialValue: try! AppModel(core: core, systemLanguageTag: Locale.preferredLanguages.first ?? "vi"))
    }

    var body: some Scene {
        WindowGroup { RootView(app: app) }
    }
}
