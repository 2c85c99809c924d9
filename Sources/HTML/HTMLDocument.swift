import CLibXML2
import Foundation

/// An HTML page parsed once by libxml2's HTML parser, queried with XPath.
/// Rules and tests read the same parsed tree; nothing here changes it.
///
/// After parsing, one walk of the tree reads every element's name and attributes into Swift
/// strings, in document order, and keeps each element's position in its node's
/// `_private` field. An element's name and attributes are then read from there: rules ask for
/// the same attributes of the same elements many times, and each libxml2 read (`xmlGetProp`)
/// meant a search, a C string, a copy and a free.
public final class HTMLDocument {
    let document: htmlDocPtr?
    /// Every element under the root, in document order.
    let nodes: [xmlNodePtr]
    /// The tag name of each element of `nodes`, at the same position.
    let names: [String]
    /// The attributes of element `i` are at `attributeStarts[i]..<attributeStarts[i + 1]` of
    /// `attributeNames` and `attributeValues`, in the order written; each value is what
    /// `xmlGetProp` gives.
    let attributeStarts: [Int]
    let attributeNames: [String]
    let attributeValues: [String?]

    public convenience init(html: String) {
        let document = html.withCString { pointer in
            htmlReadMemory(pointer, Int32(strlen(pointer)), nil, "UTF-8", HTMLDocument.options)
        }
        self.init(document: document)
    }

    /// The same document from the text's UTF-8 bytes (read, as from the String, up to the first NUL byte).
    public convenience init(utf8 html: [UInt8]) {
        let document = html.withUnsafeBufferPointer { bytes -> htmlDocPtr? in
            let length = bytes.firstIndex(of: 0) ?? bytes.count
            // libxml2 reads `length` bytes; an empty text still needs a valid pointer.
            return "".withCString { empty in
                let base = bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) } ?? empty
                return htmlReadMemory(base, Int32(length), nil, "UTF-8", HTMLDocument.options)
            }
        }
        self.init(document: document)
    }

    static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)

    private init(document: htmlDocPtr?) {
        self.document = document
        var table = Table()
        if let document, let root = xmlDocGetRootElement(document) { table.read(root) }
        table.attributeStarts.append(table.attributeNames.count)
        nodes = table.nodes
        names = table.names
        attributeStarts = table.attributeStarts
        attributeNames = table.attributeNames
        attributeValues = table.attributeValues
    }

    deinit {
        if let document { xmlFreeDoc(document) }
    }

    /// What one walk of the tree reads.
    private struct Table {
        var nodes: [xmlNodePtr] = []
        var names: [String] = []
        var attributeStarts: [Int] = []
        var attributeNames: [String] = []
        var attributeValues: [String?] = []

        /// Reads an element and its descendant elements in document order, numbering each node.
        mutating func read(_ root: xmlNodePtr) {
            // An explicit stack: deep pages must not overflow the thread's stack.
            var stack: [xmlNodePtr] = [root]
            var children: [xmlNodePtr] = []
            while let node = stack.popLast() {
                node.pointee._private = UnsafeMutableRawPointer(bitPattern: nodes.count + 1)
                nodes.append(node)
                names.append(String(cString: node.pointee.name))
                attributeStarts.append(attributeNames.count)
                var property = node.pointee.properties
                while let current = property {
                    attributeNames.append(String(cString: current.pointee.name))
                    attributeValues.append(HTMLDocument.value(of: current))
                    property = current.pointee.next
                }
                var child = node.pointee.children
                while let current = child {
                    if current.pointee.type == XML_ELEMENT_NODE { children.append(current) }
                    child = current.pointee.next
                }
                while let next = children.popLast() { stack.append(next) }
            }
        }
    }

    /// The value of an attribute, as `xmlGetProp` reads it (`xmlGetPropNodeValueInternal`).
    static func value(of attribute: xmlAttrPtr) -> String? {
        if let child = attribute.pointee.children, child.pointee.next == nil,
            child.pointee.type == XML_TEXT_NODE || child.pointee.type == XML_CDATA_SECTION_NODE
        {
            return child.pointee.content.map { String(cString: $0) }
        }
        if let list = xmlNodeListGetString(attribute.pointee.doc, attribute.pointee.children, 1) {
            defer { free(list) }
            return String(cString: list)
        }
        return ""
    }

    /// The first attribute of element `index` with this name, as `xmlGetProp` finds it.
    @inline(__always)
    func attribute(ofElementAt index: Int, named name: String) -> String?? {
        let count = name.utf8.count
        return attributeNames.withUnsafeBufferPointer { names in
            for position in attributeStarts[index]..<attributeStarts[index + 1] {
                let candidate = names[position]
                if candidate.utf8.count == count && candidate == name { return .some(attributeValues[position]) }
            }
            return nil
        }
    }

    /// The attribute names of element `index`.
    func attributeNames(ofElementAt index: Int) -> ArraySlice<String> {
        attributeNames[attributeStarts[index]..<attributeStarts[index + 1]]
    }

    /// Elements matching an XPath expression, in document order.
    public func elements(_ xpath: String) -> [HTMLElement] {
        evaluate(xpath, from: nil)
    }

    /// Evaluates XPath from the document, or from `node` when given.
    func evaluate(_ xpath: String, from node: xmlNodePtr?) -> [HTMLElement] {
        guard let document, let context = xmlXPathNewContext(document) else { return [] }
        defer { xmlXPathFreeContext(context) }
        if let node { context.pointee.node = node }
        guard let result = xmlXPathEvalExpression(xpath, context) else { return [] }
        defer { xmlXPathFreeObject(result) }
        guard let set = result.pointee.nodesetval else { return [] }
        var found: [HTMLElement] = []
        for index in 0..<Int(set.pointee.nodeNr) {
            if let match = set.pointee.nodeTab[index], match.pointee.type == XML_ELEMENT_NODE {
                found.append(HTMLElement(node: match, owner: self))
            }
        }
        return found
    }

    public var root: HTMLElement? {
        guard let document, let node = xmlDocGetRootElement(document) else { return nil }
        return HTMLElement(node: node, owner: self)
    }

    /// The position in `nodes` of a node read after parsing, if it is one.
    @inline(__always)
    func position(of node: xmlNodePtr) -> Int? {
        guard let mark = node.pointee._private else { return nil }
        let index = Int(bitPattern: mark) - 1
        return index >= 0 && index < nodes.count && nodes[index] == node ? index : nil
    }
}

/// One element of a parsed page. It keeps its document alive.
public struct HTMLElement {
    let node: xmlNodePtr
    let owner: HTMLDocument

    /// Lower-case tag name.
    public var name: String {
        if let index = owner.position(of: node) { return owner.names[index] }
        return String(cString: node.pointee.name)
    }

    /// The line of the start tag in the HTML.
    public var line: Int { Int(xmlGetLineNo(node)) }

    public func attribute(_ name: String) -> String? {
        if let index = owner.position(of: node) {
            guard let found = owner.attribute(ofElementAt: index, named: name) else { return nil }
            return found
        }
        return libxmlAttribute(name)
    }

    /// The attribute read by libxml2 itself, as every read once was: what the table agrees with.
    func libxmlAttribute(_ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { free(value) }
        return String(cString: value)
    }

    /// True when the element has this attribute (whatever its value).
    public func hasAttribute(_ name: String) -> Bool { attribute(name) != nil }

    /// The names of the element's attributes, in the order written (a name written twice, twice).
    public var attributeNames: [String] {
        if let index = owner.position(of: node) { return Array(owner.attributeNames(ofElementAt: index)) }
        var names: [String] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            names.append(String(cString: current.pointee.name))
            attribute = current.pointee.next
        }
        return names
    }

    /// The names of the element's attributes that start with a prefix, each once, in the order
    /// written.
    public func attributeNames(withPrefix prefix: String) -> [String] {
        var found: [String] = []
        if let index = owner.position(of: node) {
            for name in owner.attributeNames(ofElementAt: index) where name.hasPrefix(prefix) && !found.contains(name) {
                found.append(name)
            }
            return found
        }
        for name in attributeNames where name.hasPrefix(prefix) && !found.contains(name) { found.append(name) }
        return found
    }

    public var attributes: [String: String] {
        var values: [String: String] = [:]
        for name in attributeNames {
            values[name] = self.attribute(name) ?? ""
        }
        return values
    }

    /// All text inside the element, as a browser's `textContent`.
    public var text: String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { free(content) }
        return String(cString: content)
    }

    /// Text with runs of white space collapsed to one space and trimmed.
    public var normalizedText: String {
        HTMLText.collapsingWhitespace(text)
    }

    public var children: [HTMLElement] {
        var found: [HTMLElement] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { found.append(HTMLElement(node: current, owner: owner)) }
            child = current.pointee.next
        }
        return found
    }

    /// The first child element with this tag name.
    public func firstChild(named name: String) -> HTMLElement? {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                let element = HTMLElement(node: current, owner: owner)
                if element.name == name { return element }
            }
            child = current.pointee.next
        }
        return nil
    }

    public var parent: HTMLElement? {
        guard let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return HTMLElement(node: parent, owner: owner)
    }
}

extension HTMLDocument {
    /// Every element in document order.
    public var allElements: [HTMLElement] {
        nodes.map { HTMLElement(node: $0, owner: self) }
    }

    /// Comments in document order, with the element that follows each (for template markers).
    public var comments: [(text: String, line: Int)] {
        guard let document, let node = xmlDocGetRootElement(document) else { return [] }
        var found: [(String, Int)] = []
        func walk(_ node: xmlNodePtr) {
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_COMMENT_NODE, let content = xmlNodeGetContent(current) {
                    found.append((String(cString: content), Int(xmlGetLineNo(current))))
                    free(content)
                } else if current.pointee.type == XML_ELEMENT_NODE {
                    walk(current)
                }
                child = current.pointee.next
            }
        }
        walk(node)
        return found
    }
}

extension HTMLElement {
    /// True when both wrap the same node.
    public func isSame(as other: HTMLElement) -> Bool { node == other.node }

    /// The element itself and its ancestors, innermost first.
    public var ancestorsAndSelf: [HTMLElement] {
        var chain: [HTMLElement] = [self]
        var current = parent
        while let element = current {
            chain.append(element)
            current = element.parent
        }
        return chain
    }

    /// True when the element or one of its ancestors matches.
    public func selfOrAncestor(where matches: (HTMLElement) -> Bool) -> Bool {
        var current: HTMLElement? = self
        while let element = current {
            if matches(element) { return true }
            current = element.parent
        }
        return false
    }

    /// Descendant elements in document order.
    public var descendants: [HTMLElement] {
        var found: [HTMLElement] = []
        func walk(_ element: HTMLElement) {
            for child in element.children {
                found.append(child)
                walk(child)
            }
        }
        walk(self)
        return found
    }

    /// Elements matching an XPath expression evaluated from this element.
    public func elements(_ xpath: String) -> [HTMLElement] {
        owner.evaluate(xpath, from: node)
    }
}

extension HTMLElement {
    /// Text directly inside the element, not inside its child elements.
    public var ownText: String {
        var text = ""
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE, let content = current.pointee.content {
                text += String(cString: content)
            }
            child = current.pointee.next
        }
        return text
    }

    /// Appends the UTF-8 bytes of `ownText`, without making strings.
    public func appendOwnText(to bytes: inout [UInt8]) {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE, let content = current.pointee.content {
                var cursor = content
                while cursor.pointee != 0 {
                    bytes.append(cursor.pointee)
                    cursor += 1
                }
            }
            child = current.pointee.next
        }
    }

    /// The element's position among all elements of its document, in document order.
    public var documentIndex: Int {
        if let index = owner.position(of: node) { return index }
        return owner.allElements.firstIndex { $0.node == node } ?? -1
    }
}
