import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A raw HTTP/1.1 client over a TCP socket to 127.0.0.1, for the preview server's tests.
///
/// Raw on purpose: URLSession would normalize `..`, encoded dots and backslashes before sending,
/// and the tests must send those bytes as an attacker would. Every read is bounded by a timeout,
/// and the blocking socket calls run on a thread of their own, off Swift's cooperative pool.
struct HTTPTestClient: Sendable {
    struct Response: Sendable {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    let port: UInt16

    /// Sends `method target` with `headers` and `Connection: close`, and reads the whole response.
    func request(_ target: String, method: String = "GET", headers: [String: String] = [:]) async throws -> Response {
        let head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + headers.map { "\($0.key): \($0.value)\r\n" }.joined() + "\r\n"
        return try await request(raw: Array(head.utf8), isHead: method == "HEAD")
    }

    /// Sends bytes as they are and reads the response until the server closes the connection.
    func request(raw: [UInt8], isHead: Bool = false) async throws -> Response {
        let port = port
        let bytes: [UInt8] = try await Self.onThread {
            let socket = try Self.connect(port: port)
            defer { close(socket) }
            try Self.send(raw, on: socket)
            // Until the server closes the connection; at most 30 s (a loaded machine is slow).
            let deadline = Date().addingTimeInterval(30)
            var received: [UInt8] = []
            while Date() < deadline {
                guard let chunk = try Self.receive(socket) else { continue }
                if chunk.isEmpty { break }
                received += chunk
            }
            return received
        }
        return try Self.parse(bytes)
    }

    /// Opens the event stream, calls `action` once the server says it is connected, and returns
    /// what the stream carried until `expected` appears (at most `timeout` seconds).
    func events(until expected: String, timeout: Int = 30, after action: @escaping @Sendable () throws -> Void) async throws -> String {
        let port = port
        return try await Self.onThread {
            let socket = try Self.connect(port: port)
            defer { close(socket) }
            try Self.send(Array("GET /__octavo/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8), on: socket)
            let deadline = Date().addingTimeInterval(TimeInterval(timeout))
            var received: [UInt8] = []
            var acted = false
            while Date() < deadline {
                guard let chunk = try Self.receive(socket) else { continue }
                if chunk.isEmpty { break }
                received += chunk
                let text = String(decoding: received, as: UTF8.self)
                if !acted, text.contains(": connected") {
                    acted = true
                    try action()
                }
                if acted, text.contains(expected) { return text }
            }
            throw Failure(description: "no \(expected) on the event stream in \(timeout) s; got: \(String(decoding: received, as: UTF8.self))")
        }
    }

    private static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }

    private static func connect(port: UInt16) throws -> Int32 {
        #if canImport(Glibc)
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let socket = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard socket >= 0 else { throw Failure(description: "socket() failed") }
        // One second per read: a silent server fails the test instead of hanging it.
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                #if canImport(Glibc)
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                #else
                Darwin.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                #endif
            }
        }
        guard result == 0 else { close(socket); throw Failure(description: "cannot connect to port \(port)") }
        return socket
    }

    private static func send(_ bytes: [UInt8], on socket: Int32) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { write(socket, $0.baseAddress, $0.count) }
            guard count > 0 else { throw Failure(description: "write failed") }
            sent += count
        }
    }

    /// The next bytes; empty at the end of the stream, nil when a one-second read timed out.
    private static func receive(_ socket: Int32) throws -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { read(socket, $0.baseAddress, $0.count) }
        if count < 0 {
            if errno == EAGAIN || errno == EWOULDBLOCK { return nil }
            if errno == ECONNRESET { return [] }
            throw Failure(description: "read failed: errno \(errno)")
        }
        return Array(buffer[..<count])
    }

    private static func parse(_ bytes: [UInt8]) throws -> Response {
        let separator = Array("\r\n\r\n".utf8)
        guard let end = (0...max(0, bytes.count - 4)).first(where: { bytes.count >= 4 && Array(bytes[$0..<$0 + 4]) == separator }) else {
            throw Failure(description: "no complete response: \(String(decoding: bytes, as: UTF8.self))")
        }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: Array(bytes[(end + 4)...]))
    }
}
