import DvcCore
import DvcUI
import SwiftUI

/// A procedure as a draft: facts, questions, the checklist with ticks and
/// pages (the camera writes a file, its path goes to the core), the
/// missing list and the clerk's summary.
struct ProcedureView: View {
    @State var model: ProcedureModel
    let common: CommonTexts
    let go: (Place) -> Void
    @State private var photographing: String?

    var body: some View {
        StateHost(state: model.state, retry: model.open) { s in
            Text(s.title).font(.title).accessibilityAddTraits(.isHeader)
            FactList(facts: s.facts)
            if let unknown = s.documentsUnknown { Text(unknown) }
            Heading(text: s.questionsTitle)
            ForEach(s.questions, id: \.id) { q in
                Text(q.text)
                HStack {
                    Button(common.yes) { Task { await model.answer(q.id, yes: true) } }.frame(minHeight: 44)
                    Button(common.no) { Task { await model.answer(q.id, yes: false) } }.frame(minHeight: 44)
                    Text(q.answerText)
                }
            }
            if let question = s.caseQuestion { Heading(text: question) }
            ChoiceList(choices: s.cases) { id in Task { await model.chooseCase(id) } }
            Heading(text: s.documentsTitle)
            ForEach(s.documents, id: \.id) { d in
                Toggle(isOn: Binding(get: { d.have }, set: { v in Task { await model.tick(d.id, have: v) } })) {
                    VStack(alignment: .leading) { Text(d.name); Text(d.counts).font(.footnote) }
                }
                .accessibilityLabel(d.tickLabel)
                if let reason = d.reason { Text(reason).font(.footnote) }
                if let note = d.note { Text(note).font(.footnote) }
                ForEach(d.pages, id: \.page) { page in
                    Button(page.text) { Task { await model.detach(d.id, page: page.page) } }
                }
                if let needed = d.pageNeeded { Text(needed) }
                ActionButton(label: s.addPageLabel) { photographing = d.id }
            }
            ProgressView(value: Double(s.progressPercent), total: 100).accessibilityLabel(s.progress)
            Text(s.progress)
            if !s.missing.isEmpty { Heading(text: s.missingTitle) }
            ForEach(s.missing, id: \.self) { Text("• \($0)") }
            ForEach(s.warnings, id: \.text) { NoticeRow(notice: $0) }
            Text(s.readyText)
            Heading(text: s.summaryTitle)
            Text(s.summary).font(.system(.body, design: .monospaced))
            ActionButton(label: s.bookLabel) { go(.offices(s.draftId)) }
            ActionButton(label: s.fileLabel, enabled: s.ready) { go(.filing(s.draftId)) }
        }
        .task { await model.open() }
        .sheet(item: Binding(get: { photographing.map(Identified.init) }, set: { photographing = $0?.id })) { doc in
            CameraView { path in Task { await model.attach(doc.id, paths: [path]) } }
        }
    }
}

/// A string usable as a sheet's item.
struct Identified: Identifiable { let id: String }
