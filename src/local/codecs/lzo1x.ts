/**
 * Decompresses one LZO1X block (what lzop writes with -1..-9) whose
 * decompressed size is known from the lzop block header. Every read and
 * every back reference is bounds-checked, so corrupt input throws instead of
 * reading or writing outside the buffers. Follows the reference decoder
 * (lzo1x_d.ch): literal runs, then matches of four kinds (M1..M4) whose last
 * two bits carry up to three trailing literals.
 *
 * @example
 * ```ts
 * const out = lzo1xDecompress(block, 262144)
 * ```
 */
export function lzo1xDecompress(
  input: Uint8Array,
  outputLength: number,
): Buffer {
  const out = Buffer.allocUnsafe(outputLength)
  let ip = 0
  let op = 0

  const byte = (): number => {
    if (ip >= input.length) throw new RangeError('LZO1X input overrun')
    return input[ip++]!
  }
  const literals = (count: number): void => {
    if (ip + count > input.length) throw new RangeError('LZO1X input overrun')
    if (op + count > outputLength) throw new RangeError('LZO1X output overrun')
    out.set(input.subarray(ip, ip + count), op)
    ip += count
    op += count
  }
  const copyMatch = (distance: number, count: number): void => {
    const from = op - distance
    if (from < 0) throw new RangeError('LZO1X match before the start')
    if (op + count > outputLength) throw new RangeError('LZO1X output overrun')
    if (distance >= count) {
      out.copyWithin(op, from, from + count)
    } else {
      // Byte by byte: an overlapping match repeats the bytes it produces.
      for (let i = 0; i < count; i++) out[op + i] = out[from + i]!
    }
    op += count
  }
  /** A length that continues in zero bytes (each adding 255) and a final byte. */
  const longLength = (base: number): number => {
    let t = 0
    while (input[ip] === 0) {
      t += 255
      ip++
      if (ip >= input.length) throw new RangeError('LZO1X input overrun')
    }
    return t + base + byte()
  }

  let t = 0
  // state: 0 = read an instruction, 1 = after a literal run, 2 = have a match opcode in t
  let state = 0
  if (input.length > 0 && input[0]! > 17) {
    t = byte() - 17
    if (t < 4) {
      literals(t)
      t = byte()
      state = 2
    } else {
      literals(t)
      state = 1
    }
  }
  for (;;) {
    if (state === 0) {
      t = byte()
      if (t >= 16) {
        state = 2
        continue
      }
      if (t === 0) t = longLength(15)
      literals(t + 3)
      state = 1
      continue
    }
    if (state === 1) {
      // First instruction after a literal run: a short M1 reaches 2 KiB further back.
      t = byte()
      if (t >= 16) {
        state = 2
        continue
      }
      copyMatch(1 + 0x0800 + (t >> 2) + (byte() << 2), 3)
    } else if (t >= 64) {
      // M2: 3..8 bytes, up to 2 KiB back.
      copyMatch(1 + ((t >> 2) & 7) + (byte() << 3), (t >> 5) + 1)
    } else if (t >= 32) {
      // M3: any length, up to 16 KiB back.
      let length = t & 31
      if (length === 0) length = longLength(31)
      const low = byte()
      const distance = 1 + (low >> 2) + (byte() << 6)
      copyMatch(distance, length + 2)
    } else if (t >= 16) {
      // M4: any length, 16..48 KiB back; distance 0x4000 ends the stream.
      let length = t & 7
      if (length === 0) length = longLength(7)
      const low = byte()
      const distance = ((t & 8) << 11) + (low >> 2) + (byte() << 6)
      if (distance === 0) {
        if (op !== outputLength) {
          throw new RangeError('LZO1X stream ended before the block size')
        }
        return out
      }
      copyMatch(distance + 0x4000, length + 2)
    } else {
      // M1: 2 bytes, up to 1 KiB back.
      copyMatch(1 + (t >> 2) + (byte() << 2), 2)
    }
    // The low two bits of the instruction's last byte: trailing literals.
    const trailing = input[ip - 2]! & 3
    if (trailing === 0) {
      state = 0
    } else {
      literals(trailing)
      t = byte()
      state = 2
    }
  }
}
