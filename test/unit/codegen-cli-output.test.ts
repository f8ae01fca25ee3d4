import { describe, expect, it } from 'vitest'

import { createProgressLine } from '../../codegen/cli/progress-line.js'
import { createStderrLogger } from '../../codegen/cli/stderr-logger.js'

function stream(isTTY: boolean) {
  const written: string[] = []
  return { isTTY, written, write: (text: string) => written.push(text) }
}

describe('the progress line', () => {
  it('rewrites one line on a TTY and clears it', () => {
    const tty = stream(true)
    const line = createProgressLine(tty)
    line.update({ phase: 'introspected', relations: 2000 })
    line.update({ phase: 'rendered', relations: 2000 })
    line.clear()
    line.clear()
    expect(tty.written).toEqual([
      '\r\x1b[Kcodegen: 2000 relations introspected',
      '\r\x1b[Kcodegen: 2000 relations rendered',
      '\r\x1b[K',
    ])
  })

  it('prints nothing when not a TTY', () => {
    const pipe = stream(false)
    const line = createProgressLine(pipe)
    line.update({ phase: 'introspecting' })
    line.clear()
    expect(pipe.written).toEqual([])
  })
})

describe('the stderr logger', () => {
  it('shows its level and above, one line each', () => {
    const out = stream(false)
    const log = createStderrLogger('warn', out)
    log.debug('d')
    log.info('i')
    log.warn('w')
    log.error('e')
    expect(out.written).toEqual(['w\n', 'e\n'])
    expect(log.shows('info')).toBe(false)
  })

  it('says nothing when silent', () => {
    const out = stream(false)
    const log = createStderrLogger('silent', out)
    log.error('e')
    expect(out.written).toEqual([])
  })
})
