import FlyingFox
import FlyingSocks
import Foundation
import Octavo

/// The preview server: serves one output folder over HTTP (FlyingFox) with live reload.
///
/// It serves the files the build wrote, read from disk at each request; only HTML responses get
/// the live-reload script. Start it with `start(output:host:port:events:)`, stop it with `stop()`.
public final class PreviewServer: Sendable {
    /// Why the server could not start.
    public enum StartError: Error, Equatable, CustomStringConvertible {
        /// Another program listens on the port.
        case portInUse(UInt16)
        /// `--host` is not an IPv4 or IPv6 address (or `localhost`).
        case badHost(String)
        /// The socket could not be opened or bound for another reason.
        case socket(String)

        public var description: String {
            switch self {
            case .portInUse(let port): "port \(port) is in use: stop the program using it, or choose another with --port"
            case .badHost(let host): "--host \(host) is not an IP address: give one such as 127.0.0.1, ::1 or 0.0.0.0"
            case .socket(let message): "cannot listen: \(message)"
            }
        }
    }

    /// The streams of the open pages; `reload()` and `fail(_:)` reach every one.
    public let events: ReloadEvents
    /// The port the server listens on (the one chosen by the system when asked for port 0).
    public let port: UInt16
    /// The host as given, e.g. `127.0.0.1`.
    public let host: String
    private let server: HTTPServer
    private let task: Task<Void, Never>

    private init(events: ReloadEvents, port: UInt16, host: String, server: HTTPServer, task: Task<Void, Never>) {
        self.events = events
        self.port = port
        self.host = host
        self.server = server
        self.task = task
    }

    /// The address to open in a browser, e.g. `http://127.0.0.1:8000/`.
    public var url: String {
        let shown = host.contains(":") ? "[\(host)]" : host
        return "http://\(shown):\(port)/"
    }

    /// Starts serving `output` and returns once the server listens.
    /// - Parameters:
    ///   - output: the output folder; nothing outside it is ever served.
    ///   - host: an IPv4 or IPv6 address, or `localhost` (127.0.0.1).
    ///   - port: the TCP port; 0 lets the system choose a free one.
    ///   - events: the event streams to offer pages.
    /// - Throws: `StartError`.
    public static func start(output: URL, host: String = "127.0.0.1", port: UInt16, events: ReloadEvents) async throws -> PreviewServer {
        let address: any SocketAddress
        do {
            if host == "localhost" {
                address = try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
            } else if host.contains(":") {
                address = try sockaddr_in6.inet6(ip6: host, port: port)
            } else {
                address = try sockaddr_in.inet(ip4: host, port: port)
            }
        } catch {
            throw StartError.badHost(host)
        }
        // FlyingFox logs every request by default; a preview server's terminal is for diagnostics.
        let server = HTTPServer(config: .init(address: address, timeout: 30, logger: .disabled),
                                handler: SiteFileHandler(output: output, events: events))
        let failure = StartFailure()
        let task = Task {
            do { try await server.run() } catch { failure.record(error) }
        }
        // Wait until it listens, or run() fails (a bind error comes at once); at most 10 s.
        var waited = 0
        while await !server.isListening {
            if let error = failure.error {
                if case SocketError.failed(_, let code, let message) = error {
                    throw code == EADDRINUSE ? StartError.portInUse(port) : StartError.socket(message)
                }
                throw StartError.socket("\(error)")
            }
            guard waited < 10_000 else {
                task.cancel()
                throw StartError.socket("the server did not start listening within 10 s")
            }
            try? await Task.sleep(for: .milliseconds(2))
            waited += 2
        }
        var listening = port
        switch await server.listeningAddress {
        case .ip4(_, let actual)?, .ip6(_, let actual)?: listening = actual
        default: break
        }
        return PreviewServer(events: events, port: listening, host: host, server: server, task: task)
    }

    /// Ends every event stream, closes the listening socket and the open connections.
    /// - Parameter timeout: seconds to let open responses finish before they are cut.
    public func stop(timeout: TimeInterval = 0.5) async {
        events.close()
        await server.stop(timeout: timeout)
        task.cancel()
    }
}
