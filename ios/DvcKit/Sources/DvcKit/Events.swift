import DvcCore

/// Hands the core's events to an `AsyncStream`.
private final class StreamListener: CoreListener, @unchecked Sendable {
    let continuation: AsyncStream<CoreEvent>.Continuation
    init(_ continuation: AsyncStream<CoreEvent>.Continuation) { self.continuation = continuation }
    func onEvent(event: CoreEvent) { continuation.yield(event) }
}

extension DvcCore {
    /// The core's changes (sync progress and outcome, new notifications,
    /// connectivity, the worklist) as an `AsyncStream`: iterating
    /// subscribes; the subscription ends when the stream does (the task is
    /// cancelled or the loop left). A slow reader drops the oldest events,
    /// never blocks the core.
    public var events: AsyncStream<CoreEvent> {
        AsyncStream(bufferingPolicy: .bufferingNewest(256)) { continuation in
            let subscription = self.subscribe(listener: StreamListener(continuation))
            continuation.onTermination = { _ in subscription.cancel() }
        }
    }
}
