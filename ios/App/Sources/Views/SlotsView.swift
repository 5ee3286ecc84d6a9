import DvcUI
import SwiftUI

/// One office's free slots by day (stale marked), the priority choice, booking.
struct SlotsView: View {
    @State var model: SlotsModel

    var body: some View {
        StateHost(state: model.state, retry: model.open) { s in
            Text(s.officeName).font(.title).accessibilityAddTraits(.isHeader)
            if let stale = s.stale { NoticeRow(notice: stale) }
            ChoiceList(choices: s.days) { id in Task { await model.pickDay(id) } }
            Heading(text: s.priorityTitle)
            ChoiceList(choices: s.priorities) { id in Task { await model.pickPriority(id) } }
            if let empty = s.empty { Text(empty) }
            ForEach(s.slots, id: \.start) { slot in
                ActionButton(label: "\(slot.time) · \(slot.free)", enabled: slot.bookable) { Task { await model.book(slot.start) } }
            }
            Text(s.bookLabel).font(.footnote)
        }
        .task { await model.open() }
    }
}
