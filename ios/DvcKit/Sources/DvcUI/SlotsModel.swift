import DvcCore
import Foundation
import Observation

/// One office's free slots by day, the priority choice, and booking for a
/// draft — or moving booking `rescheduling` to another slot.
@MainActor @Observable
public final class SlotsModel: ScreenModel<SlotsScreen> {
    private let officeId: String
    private let draftId: String?
    private let rescheduling: String?
    private var priorityId = "none"
    /// The booking made or moved here (nil before).
    public private(set) var booked: Booking?

    /// The slots of `officeId`, booking for `draftId` or moving `rescheduling`.
    public init(app: AppModel, officeId: String, draftId: String?, rescheduling: String? = nil) {
        self.officeId = officeId
        self.draftId = draftId
        self.rescheduling = rescheduling
        super.init(app: app)
    }

    private func screen(_ date: String) async throws -> SlotsScreen {
        try await app.core.screens().slots(
            language: language, officeId: officeId, date: date, priorityId: priorityId, rescheduling: rescheduling != nil)
    }

    /// Shows today's slots.
    public func open() async { await load { try await screen("") } }

    /// Shows the day with choice id `date`.
    public func pickDay(_ date: String) async { await act { try await screen(date) } }

    /// Picks the priority with choice id `id`.
    public func pickPriority(_ id: String) async {
        await act {
            priorityId = id
            return try await screen(shown?.date ?? "")
        }
    }

    /// Books (or moves the booking to) the slot starting at `start`.
    public func book(_ start: Date) async {
        await act {
            if let rescheduling {
                booked = try await app.core.bookings().reschedule(bookingId: rescheduling, slotStart: start)
            } else if let draftId {
                booked = try await app.core.screens().book(draftId: draftId, officeId: officeId, slotStart: start, priorityId: priorityId)
            }
            return try await screen(shown?.date ?? "")
        }
    }
}
