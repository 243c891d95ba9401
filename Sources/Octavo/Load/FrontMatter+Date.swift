// Front matter dates: what `date:` (YAML) and `date =` (TOML, when written as text) may hold.
extension FrontMatter {
    /// The problem with a front matter date, or the day it names.
    enum DateReading: Equatable {
        /// The date as Octavo keeps it: `2023-02-21`, `2023-02` or `2023`, or a date-time's day.
        case day(String)
        /// Shaped like a date, but not a day of the calendar (`2024-13-45`, `2023-02-29`).
        case notInCalendar
        /// Not shaped like a date at all (`21.02.2023`, `yesterday`).
        case notADate
    }

    /// Reads a front matter date: a calendar date of ISO 8601 (`2023-02-21`) or one of its reduced
    /// precisions (`2023-02`, `2023`), or a date-time of RFC 3339 (`2023-02-21T10:00:00Z`, Hugo's
    /// archetypes; `2023-02-21 10:00:00`, YAML's timestamp), whose day is kept, as TOML's date-times
    /// are. One line end may follow (a YAML block scalar ends with one).
    ///
    /// - Parameter text: The value as written.
    /// - Returns: `.day` with the date (its day, for a date-time); `.notInCalendar` for a month
    ///   outside 01–12 or a day the month lacks (the Gregorian calendar's leap years); `.notADate`
    ///   for anything else.
    static func readDate(_ text: String) -> DateReading {
        var bytes = Array(text.utf8)
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast(); if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() } }
        else if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        func at(_ index: Int, _ character: Character) -> Bool { index < bytes.count && bytes[index] == character.asciiValue }
        guard let year = number(0..<4) else { return .notADate }
        if bytes.count == 4 { return .day(String(decoding: bytes, as: UTF8.self)) }
        guard at(4, "-"), let month = number(5..<7) else { return .notADate }
        let dayLength = bytes.count == 7 ? 7 : 10
        if bytes.count > 7 {
            guard at(7, "-"), number(8..<10) != nil else { return .notADate }
            if bytes.count > 10 {
                guard at(10, "T") || at(10, "t") || at(10, " "), isTime(bytes[11...]) else { return .notADate }
            }
        }
        guard (1...12).contains(month) else { return .notInCalendar }
        if let day = number(8..<10), dayLength == 10 {
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            guard (1...days).contains(day) else { return .notInCalendar }
        }
        return .day(String(decoding: bytes[..<dayLength], as: UTF8.self))
    }

    /// Whether `bytes` is RFC 3339's time with an optional offset: `10:00:00`, `10:00:00.5`, `10:00:00Z`,
    /// `10:00:00+02:00` (YAML also allows a space before the offset, and no seconds' fraction limit).
    private static func isTime(_ bytes: ArraySlice<UInt8>) -> Bool {
        let text = Array(bytes)
        func two(_ at: Int, max: Int) -> Bool {
            guard at + 2 <= text.count, text[at..<at + 2].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
            return Int(text[at] - 48) * 10 + Int(text[at + 1] - 48) <= max
        }
        guard two(0, max: 23), text.count >= 8, text[2] == UInt8(ascii: ":"), two(3, max: 59), text[5] == UInt8(ascii: ":"), two(6, max: 60) else { return false }
        var index = 8
        if index < text.count, text[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < text.count, text[index] >= 48, text[index] <= 57 { index += 1 }
            guard index > start else { return false }
        }
        if index < text.count, text[index] == UInt8(ascii: " ") { index += 1 }
        if index == text.count { return true }
        if text[index] == UInt8(ascii: "Z") || text[index] == UInt8(ascii: "z") { return index + 1 == text.count }
        guard text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") else { return false }
        return index + 6 == text.count && two(index + 1, max: 23) && text[index + 3] == UInt8(ascii: ":") && two(index + 4, max: 59)
    }

    /// The message for a date `readDate` refused.
    static func dateProblem(_ reading: DateReading, _ text: String) -> String {
        let shown = text.trimmingSpaces()
        if reading == .notInCalendar {
            return "front matter 'date' \(shown) is not a day of the calendar: the month must be 01 to 12, and the day one that the month has"
        }
        return "front matter 'date' must be a date like 2023-02-21 (or 2023-02, or 2023, or a date-time like 2023-02-21T10:00:00Z)"
    }
}
