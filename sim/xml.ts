/** Minimal XML writing for the AWS query protocol (ELBv2). */

/** Escapes text for use in XML element content and attribute values. */
export function xmlEscape(value: string): string {
  return value
    .replace(/[&<>"']/g, c => {
      switch (c) {
        case '&':
          return '&amp;'
        case '<':
          return '&lt;'
        case '>':
          return '&gt;'
        case '"':
          return '&quot;'
        default:
          return '&apos;'
      }
    })
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
}

/** A value that can be written as XML: scalars become text, arrays become `<member>` lists. */
export type XmlValue = string | number | boolean | null | undefined | XmlObject | XmlValue[]
/** An XML element's children by name (written in insertion order; undefined/null skipped). */
export interface XmlObject {
  [key: string]: XmlValue
}

/** Writes `<name>value</name>`; objects nest, arrays become `<member>` items (query protocol). */
export function xmlElement(name: string, value: XmlValue): string {
  if (value === undefined || value === null) return ''
  if (Array.isArray(value)) {
    if (value.length === 0) return `<${name}/>`
    return `<${name}>${value.map(v => xmlElement('member', v)).join('')}</${name}>`
  }
  if (typeof value === 'object') {
    let inner = ''
    for (const [k, v] of Object.entries(value)) inner += xmlElement(k, v)
    return `<${name}>${inner}</${name}>`
  }
  return `<${name}>${xmlEscape(String(value))}</${name}>`
}

/** The XML namespace of ELBv2 replies. */
export const ELBV2_XMLNS = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/'

/** A complete query-protocol success reply. */
export function xmlResponse(action: string, result: XmlObject, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<${action}Response xmlns="${ELBV2_XMLNS}">` +
    xmlElement(`${action}Result`, result) +
    `<ResponseMetadata><RequestId>${xmlEscape(requestId)}</RequestId></ResponseMetadata>` +
    `</${action}Response>\n`
  )
}

/** A complete query-protocol error reply. */
export function xmlErrorResponse(
  type: 'Sender' | 'Receiver',
  code: string,
  message: string,
  requestId: string
): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<ErrorResponse xmlns="${ELBV2_XMLNS}">` +
    `<Error><Type>${type}</Type><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message></Error>` +
    `<RequestId>${xmlEscape(requestId)}</RequestId>` +
    `</ErrorResponse>\n`
  )
}
