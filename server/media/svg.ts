/**
 * SVG is XML text, so the byte-signature detector does not name it (or says only "XML").
 * Screens do not show SVG at all, but an SVG that can run code deserves a sharper refusal:
 * whoever sent it should know the file is not just a drawing.
 */

/** The root element sits near the top, after at most an XML declaration, comments and a DOCTYPE. */
const SVG_ROOT_SEARCH_CHARS = 4096

/** `<svg`, possibly namespace-prefixed (`<svg:svg`), as the first element of the document. */
const SVG_ROOT =
  /^(?:\s|<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*<(?:[\w.-]+:)?svg[\s/>]/i

/** Ways an SVG runs code or pulls in other documents when a browser opens it. */
const ACTIVE_CONTENT: readonly (readonly [string, RegExp])[] = [
  ['<script> elements', /<(?:[\w.-]+:)?script[\s/>]/i],
  ['event handlers (onload=…)', /[\s"'/]on[a-z]+\s*=/i],
  ['a <foreignObject> (embedded HTML)', /<(?:[\w.-]+:)?foreignObject[\s/>]/i],
  ['javascript: links', /javascript\s*:/i],
  ['embedded documents (<iframe>, <embed>, <object>)', /<(?:[\w.-]+:)?(?:iframe|embed|object)[\s/>]/i],
  ['XML entity definitions', /<!ENTITY/i],
]

export function isSvg(text: string): boolean {
  return SVG_ROOT.test(text.slice(0, SVG_ROOT_SEARCH_CHARS))
}

/** What in `text` could run or load something; empty for a plain drawing. */
export function svgActiveContent(text: string): string[] {
  return ACTIVE_CONTENT.filter(([, pattern]) => pattern.test(text)).map(([what]) => what)
}
