/** Median of a list of numbers (the list is sorted in place). */
export function median(values: number[]): number {
  values.sort((a, b) => a - b)
  const mid = values.length >> 1
  return values.length % 2 === 1
    ? values[mid]!
    : (values[mid - 1]! + values[mid]!) / 2
}

/**
 * Runs `fn` `count` times in sequence and returns the median latency of one
 * call in microseconds.
 */
export async function medianLatencyUs(
  count: number,
  fn: () => Promise<unknown>,
): Promise<number> {
  const samples = new Array<number>(count)
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint()
    await fn()
    samples[i] = Number(process.hrtime.bigint() - start) / 1000
  }
  return median(samples)
}

/** Formats rows of cells as a Markdown table. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join(
    '\n',
  )
}

/** Reads a positive integer from the environment, with a default. */
export function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name])
  return Number.isInteger(value) && value > 0 ? value : fallback
}
