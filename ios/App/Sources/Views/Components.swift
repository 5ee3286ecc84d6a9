import DvcCore
import DvcUI
import SwiftUI

/// Draws a state: a spinner with its text, the error with a retry, or the screen.
struct StateHost<S, Content: View>: View {
    let state: UiState<S>
    let retry: () async -> Void
    @ViewBuilder let content: (S) -> Content

    var body: some View {
        switch state {
        case let .loading(text): ProgressView(text)
        case let .failed(title, message, retryLabel):
            VStack(alignment: .leading, spacing: 12) {
                Text(title).font(.title2).accessibilityAddTraits(.isHeader)
                NoticeRow(notice: Notice(tone: .error, text: message))
                ActionButton(label: retryLabel) { Task { await retry() } }
            }.padding()
        case let .ready(screen, busy, error):
            ScrollView {
                VStack(alignment: .leading, spacing: 8) {
                    if let error { NoticeRow(notice: Notice(tone: .error, text: error)) }
                    if busy { ProgressView() }
                    content(screen)
                }.padding()
            }
        }
    }
}

/// A section heading.
struct Heading: View {
    let text: String
    var body: some View { Text(text).font(.headline).padding(.top, 8).accessibilityAddTraits(.isHeader) }
}

/// A notice: its tone as a symbol and a colour, and its text (complete on its own).
struct NoticeRow: View {
    let notice: Notice
    var body: some View {
        let (symbol, color): (String, Color) = switch notice.tone {
        case .info: ("info.circle", .blue)
        case .success: ("checkmark.circle", .green)
        case .warning: ("exclamationmark.triangle", .orange)
        case .error: ("xmark.octagon", .red)
        }
        Label(notice.text, systemImage: symbol)
            .padding(12).frame(maxWidth: .infinity, alignment: .leading)
            .background(color.opacity(0.15), in: RoundedRectangle(cornerRadius: 8))
    }
}

/// Labelled facts, one per line.
struct FactList: View {
    let facts: [Fact]
    var body: some View { ForEach(facts, id: \.label) { Text("\($0.label): \($0.value)") } }
}

/// One choice of several; each row is at least 44 pt tall.
struct ChoiceList: View {
    let choices: [Choice]
    let pick: (String) -> Void
    var body: some View {
        ForEach(choices, id: \.id) { c in
            Button { pick(c.id) } label: {
                Label(c.label, systemImage: c.selected ? "largecircle.fill.circle" : "circle")
                    .frame(maxWidth: .infinity, minHeight: 44, alignment: .leading)
            }
            .accessibilityAddTraits(c.selected ? [.isButton, .isSelected] : .isButton)
        }
    }
}

/// A screen's main action, at least 44 pt tall.
struct ActionButton: View {
    let label: String
    var enabled = true
    let action: () -> Void
    var body: some View {
        Button(action: action) { Text(label).frame(maxWidth: .infinity, minHeight: 44) }
            .buttonStyle(.borderedProminent).disabled(!enabled)
    }
}
