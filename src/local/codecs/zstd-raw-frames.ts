import { Transform, type TransformCallback } from 'node:stream'

/** Input bytes per frame: each frame states its size, so it is buffered. */
const FRAME_CONTENT = 1024 * 1024
/** A block holds at most 128 KiB (zstd's Block_Maximum_Size). */
const BLOCK_CONTENT = 128 * 1024
const MAGIC = 0xfd2fb528

/**
 * Writes valid Zstandard data without compressing it: a frame per MiB of
 * input, each with its content size and made of Raw (stored) blocks. Node 20
 * has no zstd compressor (zlib has one from Node 22.15) and the pure-JS
 * packages only decompress, so UNLOAD ... ZSTD writes files that every zstd
 * decoder reads back exactly (the `zstd` CLI, fzstd, Redshift's COPY), at the
 * size of the input plus about 0.03%. Frames with a stated content size are
 * the ones every decoder handles; concatenated frames are standard zstd.
 *
 * @example
 * ```ts
 * pipeline(rows, new ZstdRawFrameEncoder(), file)
 * ```
 */
export class ZstdRawFrameEncoder extends Transform {
  #pending: Buffer[] = []
  #length = 0
  #frames = 0

  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: TransformCallback,
  ): void {
    let data = chunk
    while (this.#length + data.length >= FRAME_CONTENT) {
      const take = FRAME_CONTENT - this.#length
      this.#pending.push(data.subarray(0, take))
      this.#emitFrame()
      data = data.subarray(take)
    }
    if (data.length > 0) {
      this.#pending.push(data)
      this.#length += data.length
    }
    callback()
  }

  override _flush(callback: TransformCallback): void {
    // An empty input still gets one (empty) frame: an empty file is not zstd.
    if (this.#length > 0 || this.#frames === 0) this.#emitFrame()
    callback()
  }

  #emitFrame(): void {
    const content = Buffer.concat(this.#pending)
    this.#pending = []
    this.#length = 0
    this.#frames++
    this.push(zstdRawFrame(content))
  }
}

/**
 * One zstd frame holding `content` in Raw blocks.
 *
 * @example
 * ```ts
 * zstdRawFrame(Buffer.from('abc')) // 28 b5 2f fd a0 03 00 00 00 19 00 00 61 62 63
 * ```
 */
export function zstdRawFrame(content: Buffer): Buffer {
  const blocks = Math.max(1, Math.ceil(content.length / BLOCK_CONTENT))
  const frame = Buffer.allocUnsafe(4 + 1 + 4 + blocks * 3 + content.length)
  frame.writeUInt32LE(MAGIC, 0)
  // Frame_Header_Descriptor: content size in 4 bytes (flag 2), single
  // segment (so no window descriptor: the window is the content), no
  // checksum, no dictionary.
  frame[4] = (2 << 6) | (1 << 5)
  frame.writeUInt32LE(content.length, 5)
  let at = 9
  for (let i = 0; i < blocks; i++) {
    const part = content.subarray(i * BLOCK_CONTENT, (i + 1) * BLOCK_CONTENT)
    const last = i === blocks - 1 ? 1 : 0
    // Block_Header: Last_Block bit, Block_Type 0 (Raw), Block_Size.
    frame.writeUIntLE(last | (0 << 1) | (part.length << 3), at, 3)
    part.copy(frame, at + 3)
    at += 3 + part.length
  }
  return frame
}
