import Foundation

// The print edition written a piece at a time: the template renders a skeleton in which a marker
// stands for each section's text, and the text is written in place of its marker as the skeleton
// is copied out. The whole page (64 MB at 10,000 pages) is never one string, and the template's
// strings that hold it, level upon level, are never made.

extension PrintEdition {
    /// `print.html` rendered with a marker in place of each section's text, and what is needed to
    /// write it out (see ``PrintSkeleton``).
    ///
    /// The bytes written are the bytes ``render(with:config:)`` makes, or there is no skeleton:
    /// a marker starts with a NUL byte, which cmark never writes, and a nonce drawn for this
    /// build; a template that escapes or transforms the text (`{{body}}`, `{{uppercased(body)}}`)
    /// changes its marker, and every NUL byte of the skeleton must open a marker as written.
    /// An empty text has no marker, so that `{{#body}}` decides as it would on the text.
    /// - Returns: `nil` when the templates have no `print.mustache`, the render met a limit of
    ///   ``RenderGuard`` (its problem is the one ``render(with:config:)`` reports), or a marker
    ///   is not found as written: the caller then renders the page whole.
    func skeleton(with templates: TemplateSet, config: SiteConfig) -> PrintSkeleton? {
        guard templates.has(TemplateSet.printName), cache == nil else { return nil }
        var marked = self
        let nonce = String(UInt64.random(in: .min ... .max), radix: 16)
        marked.marker = PrintSkeleton.markerStart + nonce
        let anchors = marked.anchors()
        let context = marked.context(anchors: anchors, templates: templates, config: config)
        let rendered = templates.render(context, template: TemplateSet.printName, limits: PageRenderer.limits(for: site), page: Self.path)
        guard rendered.problem == nil else { return nil }
        var skeleton = PrintSkeleton(edition: self, anchors: anchors, html: rendered.html)
        guard skeleton.findMarkers(start: Array((PrintSkeleton.markerStart + nonce).utf8)) else { return nil }
        return skeleton
    }

    /// The texts of page `index`'s section as markers, or empty where the text is.
    func markedText(_ index: Int, level: Int, anchors: Anchors, marker: String) -> (body: String, closing: String) {
        let page = site.pages[index]
        let paragraphs = anchors.paragraphs[index]
        let writes = { (blocks: [MarkdownBlock], ids: ArraySlice<String?>) -> Bool in
            // As ``BlockHTML/html(of:paragraphIDs:)`` would: headings and paragraphs always write
            // something; another block is written to know.
            for (block, id) in zip(blocks, ids) {
                switch block.kind {
                case .closingMarker: continue
                case .heading, .paragraph: return true
                case .other:
                    if !writer(index, level: level, anchors: anchors).html(of: [block], paragraphIDs: [id]).isEmpty { return true }
                }
            }
            return false
        }
        let tail = "-\(index)-\(level)" + PrintSkeleton.markerEnd
        return (writes(page.blocks, paragraphs[..<page.blocks.count]) ? marker + "b" + tail : "",
                writes(page.closing, paragraphs[page.blocks.count...]) ? marker + "c" + tail : "")
    }
}

/// `print.html` with a marker in place of each section's text (see
/// ``PrintEdition/skeleton(with:config:)``), written out with the texts by ``write(to:)``.
struct PrintSkeleton {
    /// How a marker starts, before the nonce: a NUL byte, `<` (which escaping changes) and two
    /// letters of different case (which a change of case or order does not keep).
    static let markerStart = "\u{0}<oC"
    /// How a marker ends.
    static let markerEnd = ">\u{0}"

    /// The print edition, without markers.
    let edition: PrintEdition
    /// Its anchors.
    let anchors: PrintEdition.Anchors
    /// The template's output.
    let html: String
    /// Where each marker is in `html`'s UTF-8, and the text it stands for.
    private var markers: [(range: Range<Int>, closing: Bool, page: Int, level: Int)] = []

    init(edition: PrintEdition, anchors: PrintEdition.Anchors, html: String) {
        self.edition = edition
        self.anchors = anchors
        self.html = html
    }

    /// Finds every marker (`start`, `b` or `c`, `-page-level`, ``markerEnd``); `false` when a NUL
    /// byte opens no marker as written.
    mutating func findMarkers(start: [UInt8]) -> Bool {
        var text = html
        let pages = edition.site.pages.count
        return text.withUTF8 { bytes in
            var position = 0
            while let found = bytes[position...].firstIndex(of: 0) {
                guard bytes[found...].starts(with: start) else { return false }
                var cursor = found + start.count
                guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "b") || bytes[cursor] == UInt8(ascii: "c") else { return false }
                let closing = bytes[cursor] == UInt8(ascii: "c")
                cursor += 1
                func number() -> Int? {
                    guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") else { return nil }
                    cursor += 1
                    var value = 0
                    let first = cursor
                    while cursor < bytes.count, cursor - first < 9, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[cursor]) {
                        value = value * 10 + Int(bytes[cursor] - UInt8(ascii: "0"))
                        cursor += 1
                    }
                    return cursor > first ? value : nil
                }
                guard let page = number(), page < pages, let level = number(), (1...6).contains(level),
                      bytes[cursor...].starts(with: PrintSkeleton.markerEnd.utf8) else { return false }
                cursor += PrintSkeleton.markerEnd.utf8.count
                markers.append((found..<cursor, closing, page, level))
                position = cursor
            }
            return true
        }
    }

    /// Writes the page to `sink`: the skeleton between markers, and each section's text in place
    /// of its marker. The texts are made a batch of ``sectionBatch`` at a time on all cores (this
    /// step was the only work of a 10,000-page build for 0.2 s, one core idle) and written in
    /// order; only a batch's texts are held at once. Pieces are gathered into blocks of about a megabyte.
    func write(to sink: FileSink) {
        var text = html
        text.withUTF8 { bytes in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(Self.blockSize)
            func put(_ piece: UnsafeBufferPointer<UInt8>) {
                buffer.append(contentsOf: piece)
                if buffer.count >= Self.blockSize {
                    buffer.withUnsafeBytes { sink.write($0) }
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            var position = 0
            for start in stride(from: 0, to: markers.count, by: Self.sectionBatch) {
                let batch = markers[start..<min(start + Self.sectionBatch, markers.count)]
                for (marker, section) in zip(batch, sections(of: batch)) {
                    put(UnsafeBufferPointer(rebasing: bytes[position..<marker.range.lowerBound]))
                    var section = section
                    section.withUTF8 { put($0) }
                    position = marker.range.upperBound
                }
            }
            put(UnsafeBufferPointer(rebasing: bytes[position...]))
            buffer.withUnsafeBytes { sink.write($0) }
        }
    }

    /// The texts of `batch`'s markers, in order, made on all cores.
    private func sections(of batch: ArraySlice<(range: Range<Int>, closing: Bool, page: Int, level: Int)>) -> [String] {
        var texts = [String](repeating: "", count: batch.count)
        texts.withUnsafeMutableBufferPointer { buffer in
            let output = Unchecked.Buffer(buffer)
            DispatchQueue.concurrentPerform(iterations: batch.count) { [self] offset in
                let marker = batch[batch.startIndex + offset]
                let page = edition.site.pages[marker.page]
                let paragraphs = anchors.paragraphs[marker.page]
                let writer = edition.writer(marker.page, level: marker.level, anchors: anchors)
                output.buffer[offset] = marker.closing ? writer.html(of: page.closing, paragraphIDs: paragraphs[page.blocks.count...])
                    : writer.html(of: page.blocks, paragraphIDs: paragraphs[..<page.blocks.count])
            }
        }
        return texts
    }

    /// About how many bytes are written at once.
    static let blockSize = 1 << 20

    /// How many sections' texts are made at once (some 6 KB each at 10,000 pages).
    static let sectionBatch = 256
}
