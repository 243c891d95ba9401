extension PageScan {
    /// One copy of each different link that the scans of one build hold (see ``PageScan/linkNumbers``).
    ///
    /// Filled by one ``PageScanner`` on one thread while it scans, then only read: a scan's
    /// numbers are of links added before it was made, and a build's scans are read (by the audit,
    /// or by a later build through ``AuditCache``) once its scanner is done.
    final class LinkTable: @unchecked Sendable {
        /// The links, by number.
        private var links: [Link] = []
        /// The number of each link, keyed by its bytes (Swift's `==` takes NFC and NFD forms as equal).
        private var numbers: [Key: Int32] = [:]

        /// A link as bytes: the value, the tag, and where it leads (`nil`: above the root).
        private struct Key: Hashable {
            var reference: ByteString
            var tag: String
            var path: ByteString?
            var fragment: ByteString?
        }

        /// How many links the table holds; they are numbered from 0.
        var count: Int { links.count }

        /// The link numbered `number`.
        func link(_ number: Int32) -> Link {
            links[Int(number)]
        }

        /// The number of `link`, which is added when new. `reference` and `fragment`: its value
        /// and its target's fragment as bytes.
        func number(of link: Link, reference: ByteString, fragment: ByteString?) -> Int32 {
            let key: Key
            switch link.target {
            case .climbs:
                key = Key(reference: reference, tag: link.tag)
            case .path(_, let bytes, _):
                key = Key(reference: reference, tag: link.tag, path: bytes, fragment: fragment)
            }
            if let number = numbers[key] { return number }
            let number = Int32(links.count)
            links.append(link)
            numbers[key] = number
            return number
        }
    }
}
