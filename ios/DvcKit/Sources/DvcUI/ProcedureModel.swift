import DvcCore
import Observation

/// One procedure as a draft: facts, questions, checklist, pages, summary.
@MainActor @Observable
public final class ProcedureModel: ScreenModel<ProcedureScreen> {
    private let draftId: String

    /// The model of draft `draftId`.
    public init(app: AppModel, draftId: String) {
        self.draftId = draftId
        super.init(app: app)
    }

    private func screen() throws -> ProcedureScreen { try app.core.screens().procedure(language: language, draftId: draftId) }

    /// Shows the screen.
    public func open() async { await load { try screen() } }

    /// Ticks (or unticks) a document.
    public func tick(_ documentId: String, have: Bool) async {
        await act {
            _ = try app.core.checklists().tick(draftId: draftId, documentId: documentId, have: have)
            return try screen()
        }
    }

    /// Answers a question.
    public func answer(_ questionId: String, yes: Bool) async {
        await act {
            try app.core.screens().answer(draftId: draftId, questionId: questionId, yes: yes)
            return try screen()
        }
    }

    /// Picks the case (a choice id of the screen).
    public func chooseCase(_ caseId: String) async {
        await act {
            try app.core.screens().chooseCase(draftId: draftId, caseId: caseId)
            return try screen()
        }
    }

    /// Attaches photos or scans (files the camera or picker wrote) to a document.
    public func attach(_ documentId: String, paths: [String]) async {
        await act {
            _ = try app.core.checklists().attach(draftId: draftId, documentId: documentId, paths: paths)
            return try screen()
        }
    }

    /// Removes page `page` of a document.
    public func detach(_ documentId: String, page: Int32) async {
        await act {
            _ = try app.core.checklists().detach(draftId: draftId, documentId: documentId, page: page)
            return try screen()
        }
    }
}
