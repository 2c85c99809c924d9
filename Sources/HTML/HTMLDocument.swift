import CLibXML2
import Foundation

/// An HTML page parsed once by libxml2's HTML parser, queried with XPath.
/// Rules and tests read the same parsed tree; nothing here changes it.
public final class HTMLDocument {
    let document: htmlDocPtr?

    public init(html: String) {
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        document = html.withCString { pointer in
            htmlReadMemory(pointer, Int32(strlen(pointer)), nil, "UTF-8", options)
        }
    }

    deinit {
        if let document { xmlFreeDoc(document) }
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
}

/// One element of a parsed page. It keeps its document alive.
public struct HTMLElement {
    let node: xmlNodePtr
    let owner: HTMLDocument

    /// Lower-case tag name.
    public var name: String { String(cString: node.pointee.name) }

    /// The line of the start tag in the HTML.
    public var line: Int { Int(xmlGetLineNo(node)) }

    public func attribute(_ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { free(value) }
        return String(cString: value)
    }

    public var attributes: [String: String] {
        var values: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = String(cString: current.pointee.name)
            values[name] = self.attribute(name) ?? ""
            attribute = current.pointee.next
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
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
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

    public var parent: HTMLElement? {
        guard let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return HTMLElement(node: parent, owner: owner)
    }
}

extension HTMLDocument {
    /// Every element in document order.
    public var allElements: [HTMLElement] {
        var found: [HTMLElement] = []
        guard let root else { return found }
        func walk(_ element: HTMLElement) {
            found.append(element)
            for child in element.children { walk(child) }
        }
        walk(root)
        return found
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
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE, let content = xmlNodeGetContent(current) {
                text += String(cString: content)
                free(content)
            }
            child = current.pointee.next
        }
        return text
    }

    /// The element's position among all elements of its document, in document order.
    public var documentIndex: Int {
        owner.allElements.firstIndex { $0.node == node } ?? -1
    }
}
