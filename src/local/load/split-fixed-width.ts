import type { FixedWidthField } from './copy-plan.js'
import type { RecordSplitter, TextRecord } from './text-record.js'

/**
 * Splits FIXEDWIDTH files: each line is one record, cut into fields of the
 * given widths in BYTES (a multibyte character counts for its UTF-8 bytes),
 * as Redshift's `'label:width,...'` specification means them. A line
 * shorter than the specification yields only the fields it holds (the
 * loader then applies FILLRECORD or reports the missing columns). A field
 * that is the NULL AS string once its padding is removed is `null`.
 *
 * @example
 * ```ts
 * splitFixedWidth([{ label: 'id', width: 3 }, { label: 'name', width: 5 }], '\\N')
 *   .feed('001Alice\n', (r) => r.fields) // ['001', 'Alice']
 * ```
 */
export function splitFixedWidth(
  spec: readonly FixedWidthField[],
  nullAs: string,
): RecordSplitter {
  let carry = ''
  let line = 1
  const record = (raw: string): TextRecord => {
    // eslint-disable-next-line no-control-regex
    const ascii = !/[^\u0000-\u007f]/.test(raw)
    const bytes = ascii ? undefined : Buffer.from(raw)
    const total = ascii ? raw.length : bytes!.length
    const fields: (string | null)[] = []
    const offsets: number[] = []
    let at = 0
    for (const { width } of spec) {
      if (at >= total) break
      const end = Math.min(total, at + width)
      const value = ascii
        ? raw.slice(at, end)
        : bytes!.subarray(at, end).toString('utf8')
      fields.push(value.trimEnd() === nullAs ? null : value)
      offsets.push(at)
      at = end
    }
    // Bytes past the last field are not part of any column.
    const out: TextRecord = { fields, quoted: null, offsets, raw, line: line++ }
    return out
  }
  return {
    get lines() {
      return line - 1
    },
    feed(text, emit) {
      const buf = carry + text
      let pos = 0
      for (;;) {
        const nl = buf.indexOf('\n', pos)
        if (nl === -1) break
        emit(record(stripCr(buf.slice(pos, nl))))
        pos = nl + 1
      }
      carry = buf.slice(pos)
    },
    end(emit) {
      if (carry.length > 0) emit(record(stripCr(carry)))
      carry = ''
    },
  }
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line
}
