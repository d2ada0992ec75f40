import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser'
import { refuse } from '../domain-error'

/**
 * Reading the XML an alert source sends, before anything trusts it. CAP and EDXL-DE need no DTD,
 * so a document that declares one is refused outright: that closes external entities (XXE) and
 * entity expansion ("billion laughs") in one rule, whatever the parser would have done with them.
 * Size and nesting are bounded before parsing, so a hostile source costs a bounded amount of work.
 */

/** Bytes of one pushed or fetched document: alerts are kilobytes, a few with an embedded image. */
export const CAP_XML_BYTES_MAX = 1024 * 1024
/** Alerts one EDXL-DE distribution or Atom feed may carry: a province's feed holds tens. */
export const CAP_ALERTS_PER_DOCUMENT_MAX = 50
/** CAP nests six deep and EDXL-DE adds four; deeper is not an alert. */
const NESTING_MAX = 32

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2'

/** An element in document order, as fast-xml-parser's preserveOrder mode gives it. */
export type XmlNode = { [tag: string]: XmlNode[] } & { ':@'?: Record<string, string> }

const OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  maxNestedTags: NESTING_MAX,
} as const

export const localName = (tag: string): string => tag.slice(tag.indexOf(':') + 1)

/** The element's tag (its one key other than the attributes), or null for text. */
export function tagOf(node: XmlNode): string | null {
  for (const key of Object.keys(node)) if (key !== ':@' && key !== '#text') return key
  return null
}

export const childrenOf = (node: XmlNode): XmlNode[] => {
  const tag = tagOf(node)
  return tag === null ? [] : (node[tag] ?? [])
}

export const elements = (node: XmlNode, name: string): XmlNode[] =>
  childrenOf(node).filter((child) => {
    const tag = tagOf(child)
    return tag !== null && localName(tag) === name
  })

/** The element's text content (its text children joined), trimmed. */
export function textOf(node: XmlNode): string {
  let text = ''
  for (const child of childrenOf(node)) {
    const value = (child as { '#text'?: unknown })['#text']
    if (value !== undefined) text += String(value)
  }
  return text.trim()
}

export const childText = (node: XmlNode, name: string): string | undefined => {
  const child = elements(node, name)[0]
  return child === undefined ? undefined : textOf(child)
}

/** Parses a document with the rules above; the root element's node. */
export function parseXml(input: string | Buffer): XmlNode {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length
  if (size > CAP_XML_BYTES_MAX)
    throw refuse('cap.too-large', `The document has ${size} bytes; at most ${CAP_XML_BYTES_MAX} are read.`, {
      params: { bytes: size, max: CAP_XML_BYTES_MAX },
    })
  const text = typeof input === 'string' ? input : input.toString('utf8')
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw refuse(
      'cap.doctype',
      'The document declares a DTD or entities; CAP needs neither and they are refused.',
    )
  const valid = XMLValidator.validate(text)
  if (valid !== true)
    throw refuse(
      'cap.malformed',
      `The document is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}).`,
      {
        params: { line: valid.err.line },
      },
    )
  let nodes: XmlNode[]
  try {
    nodes = new XMLParser(OPTIONS).parse(text) as XmlNode[]
  } catch (error) {
    throw refuse('cap.malformed', `The document could not be read: ${(error as Error).message}`)
  }
  const roots = nodes.filter((n) => {
    const tag = tagOf(n)
    return tag !== null && !tag.startsWith('?')
  })
  const root = roots[0]
  if (roots.length !== 1 || !root) throw refuse('cap.malformed', 'The document has no single root element.')
  return root
}

/** The namespace declarations in scope on an element: its own and its ancestors'. */
type Namespaces = Record<string, string>

function declared(node: XmlNode, inherited: Namespaces): Namespaces {
  const own = Object.entries(node[':@'] ?? {}).filter(
    ([name]) => name === 'xmlns' || name.startsWith('xmlns:'),
  )
  return own.length === 0 ? inherited : { ...inherited, ...Object.fromEntries(own) }
}

/** An `<alert>` found in a document, with the declarations it needs to stand alone. */
export interface FoundAlert {
  node: XmlNode
  namespaces: Namespaces
}

/**
 * The alerts a document carries: itself when it is an `<alert>`, or those in an EDXL-DE 1.0
 * distribution's contentObject/xmlContent/embeddedXMLContent. Anything else is not CAP.
 */
export function findAlerts(root: XmlNode): FoundAlert[] {
  const tag = tagOf(root) ?? ''
  const scope = declared(root, {})
  if (localName(tag) === 'alert') return [{ node: root, namespaces: scope }]
  if (localName(tag) !== 'EDXLDistribution')
    throw refuse('cap.not-cap', `The document is a <${tag}>, not a CAP <alert> or an EDXL-DE distribution.`, {
      params: { root: tag },
    })
  const found: FoundAlert[] = []
  for (const content of elements(root, 'contentObject')) {
    const inContent = declared(content, scope)
    for (const xml of elements(content, 'xmlContent')) {
      const inXml = declared(xml, inContent)
      for (const embedded of elements(xml, 'embeddedXMLContent')) {
        const inEmbedded = declared(embedded, inXml)
        for (const node of elements(embedded, 'alert')) found.push({ node, namespaces: inEmbedded })
      }
    }
  }
  if (found.length === 0)
    throw refuse('cap.not-cap', 'The EDXL-DE distribution carries no CAP <alert> in its embeddedXMLContent.')
  if (found.length > CAP_ALERTS_PER_DOCUMENT_MAX)
    throw refuse(
      'cap.too-many',
      `The distribution carries ${found.length} alerts; at most ${CAP_ALERTS_PER_DOCUMENT_MAX}.`,
      {
        params: { count: found.length, max: CAP_ALERTS_PER_DOCUMENT_MAX },
      },
    )
  return found
}

const builder = new XMLBuilder({ ...OPTIONS, format: false, suppressEmptyNode: false })

/**
 * The alert as a document of its own, for the schema validator: the declarations it inherited
 * from an envelope are copied onto it, so prefixes (cap:, ds:) keep their namespaces.
 */
export function standalone(found: FoundAlert): string {
  const tag = tagOf(found.node) as string
  const attributes = { ...found.namespaces, ...(found.node[':@'] ?? {}) }
  const node = { [tag]: found.node[tag] ?? [], ':@': attributes } as XmlNode
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build([node]) as string}`
}
