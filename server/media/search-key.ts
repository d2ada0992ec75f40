/**
 * The form names are searched in: lower-case, without diacritics, đ as d. Operators type
 * Vietnamese on whatever keyboard the gate's office PC has, often without tone marks, so
 * "cua khau" must find "Cửa khẩu" — and "Cửa khẩu" must find "CUA KHAU.jpg" too.
 * Chinese and other scripts pass through lower-cased.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * A medium is found by its display name or by the name of the file it came from; the two are
 * kept on separate lines so a search never matches across the join.
 */
export function mediaSearchKey(name: string, originalName: string): string {
  const keys = [searchKey(name), searchKey(originalName)]
  return [...new Set(keys)].join('\n')
}
