/** One record of a delimited, CSV or fixed-width file, split into fields. */
export interface TextRecord {
  /** Field texts, unescaped and unquoted; `null` where the field was the NULL AS string. */
  readonly fields: readonly (string | null)[]
  /** Which fields were quoted (CSV, REMOVEQUOTES); `null` when none was. */
  readonly quoted: readonly boolean[] | null
  /** Where each field starts in `raw`. */
  readonly offsets: readonly number[]
  /** The record as it is in the file (without its line end). */
  readonly raw: string
  /** Line of the file the record starts on (1-based). */
  readonly line: number
  /** A problem of the record itself (unterminated quote), found while splitting. */
  readonly error?: { readonly code: number; readonly reason: string }
}

/** Splits decoded text into records, across chunk boundaries. */
export interface RecordSplitter {
  /** Feeds more text; calls `emit` for each complete record. */
  feed(text: string, emit: (record: TextRecord) => void): void
  /** The end of the file: emits what is left. */
  end(emit: (record: TextRecord) => void): void
  /** Lines read so far (quoted line breaks included). */
  readonly lines: number
}
