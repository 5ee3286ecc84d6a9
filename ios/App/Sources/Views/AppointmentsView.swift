import DvcUI
import SwiftUI

/// My appointments: cancel, change the time, add to calendar (the .ics is
/// shared); the reminders the core lists are scheduled as local
/// notifications whenever the list changes.
struct AppointmentsView: View {
    @State var model: AppointmentsModel
    let go: (Place) -> Void

    var body: some View {
        StateHost(state: model.state, retry: model.open) { s in
            Text(s.title).font(.title).accessibilityAddTraits(.isHeader)
            if let offline = s.offline { NoticeRow(notice: offline) }
            if let empty = s.empty { Text(empty) }
            Text(s.remindersNote).font(.footnote)
            ForEach(s.upcoming, id: \.bookingId) { a in
                Heading(text: a.when)
                Text([a.place, a.procedure, a.status, a.priority].compactMap { $0 }.joined(separator: "\n"))
                if a.changeable {
                    ActionButton(label: s.rescheduleLabel) { go(.slots(office: a.officeId, draft: nil, rescheduling: a.bookingId)) }
                    ActionButton(label: s.cancelLabel) {
                        NotificationScheduler.cancel(a.reminders)
                        Task { await model.cancel(a.bookingId) }
                    }
                }
                if let ics = try? model.calendarFile(a.bookingId) {
                    ShareLink(s.calendarLabel, item: CalendarFile(text: ics), preview: SharePreview(s.calendarLabel))
                }
            }
            if !s.earlier.isEmpty { Heading(text: s.earlierTitle) }
            ForEach(s.earlier, id: \.bookingId) { Text("\($0.when) · \($0.place) · \($0.status)") }
        }
        .task { await model.open() }
        .onChange(of: model.state.screen?.upcoming.flatMap(\.reminders).map(\.notificationId)) { _, _ in
            NotificationScheduler.schedule(model.state.screen?.upcoming.flatMap(\.reminders) ?? [])
        }
    }
}
