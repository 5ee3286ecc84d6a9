import DvcCore
import Observation

/// Sign-in: a citizen's phone and one-time code, or staff credentials.
@MainActor @Observable
public final class SignInModel: ScreenModel<SignInScreen> {
    private var sent: OtpSent?
    /// Where to go once signed in (nil before).
    public private(set) var next: StartScreen?

    override public init(app: AppModel) { super.init(app: app) }

    /// Shows the screen.
    public func open() async { await load { app.core.screens().signIn(language: language, sent: sent) } }

    /// Sends a one-time code to `phone`.
    public func requestCode(_ phone: String) async {
        await act {
            sent = try await app.core.account().requestCode(phone: phone)
            return app.core.screens().signIn(language: language, sent: sent)
        }
    }

    /// Signs the citizen in with `code`.
    public func signIn(phone: String, code: String) async {
        await act {
            _ = try await app.core.account().signInCitizen(phone: phone, code: code)
            next = try app.start()
            return app.core.screens().signIn(language: language, sent: sent)
        }
    }

    /// Signs staff in; the server says which app they get.
    public func signInStaff(username: String, password: String) async {
        await act {
            _ = try await app.core.account().signInStaff(username: username, password: password)
            next = try app.start()
            return app.core.screens().signIn(language: language, sent: sent)
        }
    }
}
