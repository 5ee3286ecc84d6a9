import DvcCore
import Observation

/// My appointments. Each upcoming one carries the local notifications to
/// schedule (`reminders`, for UNUserNotificationCenter) and `calendarFile`
/// gives its .ics for "add to calendar".
@MainActor @Observable
public final class AppointmentsModel: ScreenModel<AppointmentsScreen> {
    override public init(app: AppModel) { super.init(app: app) }

    /// Shows the appointments (the stored copy offline).
    public func open() async { await load { try await app.core.screens().appointments(language: language) } }

    /// Cancels booking `bookingId`.
    public func cancel(_ bookingId: String) async {
        await act {
            _ = try await app.core.bookings().cancel(bookingId: bookingId)
            return try await app.core.screens().appointments(language: language)
        }
    }

    /// The calendar file (.ics) of booking `bookingId`.
    public func calendarFile(_ bookingId: String) throws -> String { try app.core.bookings().ics(bookingId: bookingId) }
}
