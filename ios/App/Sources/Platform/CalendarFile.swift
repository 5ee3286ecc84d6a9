import CoreTransferable
import UniformTypeIdentifiers

/// The core's .ics of an appointment, shared as a calendar file ("add to calendar").
struct CalendarFile: Transferable {
    let text: String

    static var transferRepresentation: some TransferRepresentation {
        DataRepresentation(exportedContentType: .calendarEvent) { Data($0.text.utf8) }
    }
}
