import DvcCore
import DvcUI
import SwiftUI

/// A place in the app (the navigation path holds these).
enum Place: Hashable {
    case procedure(String), offices(String?), slots(office: String, draft: String?, rescheduling: String?)
    case appointments, filing(String), qr(String), track(String?), settings
    case visit(String), sync
}

/// The root: the core's start screen, a navigation stack of places, app
/// links routed by the core, text scaled by the core's setting on top of
/// the system's Dynamic Type.
struct RootView: View {
    let app: AppModel
    @State private var path: [Place] = []
    @State private var start: StartScreen = .signIn

    var body: some View {
        NavigationStack(path: $path) {
            first
                .navigationDestination(for: Place.self) { destination($0) }
        }
        .dynamicTypeSize(minimumTypeSize ... .accessibility5)
        .onAppear { start = (try? app.start()) ?? .signIn }
        .onOpenURL { url in
            switch app.core.screens().route(url: url.absoluteString) {
            case let .dossier(key)?: path.append(.track(key))
            case .booking?: path.append(.appointments)
            case nil: break
            }
        }
    }

    @ViewBuilder private var first: some View {
        switch start {
        case .signIn: SignInView(model: SignInModel(app: app)) { start = $0 }
        case .home: HomeView(model: HomeModel(app: app), go: go)
        case .worklist: WorklistView(model: WorklistModel(app: app), go: go)
        case .counter: CounterView(model: CounterModel(app: app), scanLabel: app.common().scan)
        }
    }

    private func go(_ place: Place) { path.append(place) }

    /// The system's Dynamic Type, never smaller than the settings' choice
    /// (the core's scale 1.0 / 1.3 / 1.6 for "as the phone", "large",
    /// "largest"): the system's own larger sizes always stay.
    private var minimumTypeSize: DynamicTypeSize {
        switch app.textScale {
        case ..<1.15: return .xSmall
        case ..<1.45: return .xxxLarge
        default: return .accessibility3
        }
    }

    @ViewBuilder private func destination(_ place: Place) -> some View {
        switch place {
        case let .procedure(draft): ProcedureView(model: ProcedureModel(app: app, draftId: draft), common: app.common(), go: go)
        case let .offices(draft): OfficesView(model: OfficesModel(app: app), draftId: draft, go: go)
        case let .slots(office, draft, rescheduling):
            SlotsView(model: SlotsModel(app: app, officeId: office, draftId: draft, rescheduling: rescheduling))
        case .appointments: AppointmentsView(model: AppointmentsModel(app: app), go: go)
        case let .filing(draft): FilingView(model: FilingModel(app: app, draftId: draft), go: go)
        case let .qr(dossier): QrView(model: QrModel(app: app, dossierId: dossier))
        case let .track(key): TrackView(model: TrackModel(app: app), key: key, prompt: app.common().trackPrompt)
        case .settings: SettingsView(model: SettingsModel(app: app), cancel: app.common().cancel) { start = .signIn; path = [] }
        case let .visit(id): VisitView(model: VisitModel(app: app, visitId: id))
        case .sync: SyncView(model: SyncModel(app: app))
        }
    }
}
