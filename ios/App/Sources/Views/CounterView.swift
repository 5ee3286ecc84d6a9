import DvcUI
import SwiftUI

/// The counter: scan a citizen's QR and see whether it is genuine, and the dossier.
struct CounterView: View {
    @State var model: CounterModel
    /// `CommonTexts.scan`, from the core.
    let scanLabel: String
    @State private var scanning = false

    var body: some View {
        Group {
            if model.waiting {
                ActionButton(label: scanLabel) { scanning = true }.padding()
            } else {
                StateHost(state: model.state, retry: { scanning = true }) { s in
                    Text(s.title).font(.title).accessibilityAddTraits(.isHeader)
                    NoticeRow(notice: s.verdict)
                    FactList(facts: s.facts)
                    if !s.documents.isEmpty { Heading(text: s.documentsTitle) }
                    ForEach(s.documents, id: \.self) { Text("• \($0)") }
                    Text(s.source).font(.footnote)
                    ActionButton(label: s.scanLabel) { scanning = true }
                }
            }
        }
        .sheet(isPresented: $scanning) { ScannerView { text in scanning = false; Task { await model.scanned(text) } } }
    }
}
