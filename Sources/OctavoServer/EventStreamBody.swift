import FlyingSocks
import Octavo

/// The body of an event-stream response: the bytes of one `ReloadEvents` subscription, one HTTP
/// chunk per event, until the stream ends.
struct EventStreamBody: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8

    /// Unsubscribes when the response is released (the client went away or the server stopped), so
    /// closed pages do not pile up.
    final class Subscription: Sendable {
        let events: ReloadEvents
        let id: Int
        let stream: AsyncStream<[UInt8]>

        init(events: ReloadEvents) {
            self.events = events
            (id, stream) = events.subscribe()
        }

        deinit { events.unsubscribe(id) }
    }

    let subscription: Subscription

    init(events: ReloadEvents) {
        subscription = Subscription(events: events)
    }

    func makeAsyncIterator() -> Iterator {
        Iterator(subscription: subscription, base: subscription.stream.makeAsyncIterator())
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        let subscription: Subscription
        var base: AsyncStream<[UInt8]>.Iterator
        var pending: [UInt8] = []

        mutating func next() async throws -> UInt8? {
            guard let buffer = try await nextBuffer(suggested: 1) else { return nil }
            return buffer.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            if pending.isEmpty {
                guard let event = await base.next() else { return nil }
                pending = event
            }
            let taken = Array(pending.prefix(Swift.max(count, 1)))
            pending.removeFirst(taken.count)
            return taken
        }
    }
}
