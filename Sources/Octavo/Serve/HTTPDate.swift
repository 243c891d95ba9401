import Foundation

/// The date format of `Last-Modified` and `If-Modified-Since` (RFC 9110 §5.6.7, IMF-fixdate).
enum HTTPDate {
    private static func formatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT` for a time in whole seconds since 1970.
    static func string(seconds: Int) -> String {
        formatter().string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// Seconds since 1970, or nil for text that is not an IMF-fixdate.
    static func seconds(_ text: String) -> Int? {
        formatter().date(from: text).map { Int($0.timeIntervalSince1970) }
    }
}
