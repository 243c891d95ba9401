import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The binary of the running process, which the build stamp and the parse cache name so that a
/// rebuilt Octavo builds again and never reads a cache another binary wrote.
public enum RunningExecutable {
    /// The binary's absolute path, or `nil` when it cannot be found.
    ///
    /// On Linux it is the link `/proc/self/exe`: `Bundle.main` would find the same path but first
    /// lists the binary's folder (looking for a bundle's `Info.plist`), which costs a cold build
    /// a few hundred microseconds in `/usr/local/bin` and milliseconds in a folder of thousands of
    /// entries. Read once per process.
    public static let path: String? = {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if count > 0 { return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        #endif
        return Bundle.main.executablePath
    }()
}
