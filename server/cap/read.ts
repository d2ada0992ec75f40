import { readCircle, readPolygon } from '@playlists/cap/area'
import { readReferences } from '@playlists/cap/decide'
import type { CapAlert, CapArea, CapInfo } from '@playlists/schemas/cap'
import { childText, elements, textOf, type XmlNode } from './xml'

/**
 * A schema-valid `<alert>` as the core's `CapAlert`. Validation has already held the element
 * order, the enumerations and the instants to CAP 1.2, so this only reads; the casts below
 * restate what the schema guaranteed.
 */

const required = (node: XmlNode, name: string): string => childText(node, name) ?? ''

function readArea(node: XmlNode): CapArea {
  return {
    areaDesc: required(node, 'areaDesc'),
    polygons: elements(node, 'polygon')
      .map((p) => readPolygon(textOf(p)))
      .filter((p) => p !== null),
    circles: elements(node, 'circle')
      .map((c) => readCircle(textOf(c)))
      .filter((c) => c !== null),
    geocodes: elements(node, 'geocode').map((g) => ({
      valueName: required(g, 'valueName'),
      value: required(g, 'value'),
    })),
  }
}

function readInfo(node: XmlNode): CapInfo {
  const optional = (name: string) => {
    const value = childText(node, name)
    return value === undefined || value === '' ? {} : { [name]: value }
  }
  return {
    // The schema's default when the element is absent (§3.2.2).
    language: childText(node, 'language') || 'en-US',
    event: required(node, 'event'),
    urgency: required(node, 'urgency') as CapInfo['urgency'],
    severity: required(node, 'severity') as CapInfo['severity'],
    certainty: required(node, 'certainty') as CapInfo['certainty'],
    ...optional('senderName'),
    ...optional('headline'),
    ...optional('description'),
    ...optional('instruction'),
    ...optional('effective'),
    ...optional('onset'),
    ...optional('expires'),
    areas: elements(node, 'area').map(readArea),
  }
}

export function readAlert(node: XmlNode): CapAlert {
  return {
    identifier: required(node, 'identifier'),
    sender: required(node, 'sender'),
    sent: required(node, 'sent'),
    status: required(node, 'status') as CapAlert['status'],
    msgType: required(node, 'msgType') as CapAlert['msgType'],
    scope: required(node, 'scope') as CapAlert['scope'],
    references: readReferences(childText(node, 'references')),
    infos: elements(node, 'info').map(readInfo),
  }
}
