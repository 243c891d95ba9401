import Mustache

extension Optional {
    /// The value, or ``Absent`` so that Mustache does not look further up.
    var orAbsent: Any { self.map { $0 as Any } ?? Absent() }
}

extension Optional where Wrapped == String {
    /// The text as a ``PresentText``, or ``Absent`` so that Mustache does not look further up.
    var orAbsent: Any { self.map { PresentText(text: $0) as Any } ?? Absent() }
}
