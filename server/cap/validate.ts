import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { validateXML } from 'xmllint-wasm'
import { refuse } from '../domain-error'
import { ROOT } from '../paths'

/**
 * Every alert is checked against the OASIS CAP 1.2 schema itself (schema/CAP-v1.2.xsd, kept
 * unchanged) by libxml2 compiled to WebAssembly: the validator the standard's own examples are
 * checked with, without a native module to build at the gates. It runs without network or file
 * access beyond the two documents it is given.
 */
const XSD_PATH = join(ROOT, 'server', 'cap', 'schema', 'CAP-v1.2.xsd')
let xsd: string | undefined

/** Schema errors listed in a refusal: the first few say what is wrong; hundreds say nothing more. */
const ERRORS_SHOWN = 5

export async function validateCap(alertXml: string): Promise<void> {
  xsd ??= readFileSync(XSD_PATH, 'utf8')
  const result = await validateXML({
    xml: [{ fileName: 'alert.xml', contents: alertXml }],
    schema: [{ fileName: 'CAP-v1.2.xsd', contents: xsd }],
  })
  if (result.valid) return
  const errors = result.errors.slice(0, ERRORS_SHOWN).map((e) => ({
    line: e.loc?.lineNumber ?? null,
    message: e.message.trim(),
  }))
  throw refuse(
    'cap.schema',
    `The alert does not follow the CAP 1.2 schema: ${errors[0]?.message ?? 'invalid'}`,
    { details: errors, params: { errors: result.errors.length } },
  )
}
