#!/usr/bin/env node
// `codegen`: runs the compiled command when the package is built, and the
// TypeScript sources through tsx otherwise (a checkout without a build).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const built = new URL('../dist/codegen/cli/main.js', import.meta.url)
if (existsSync(fileURLToPath(built))) {
  await import(built.href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import(new URL('../codegen/cli/main.ts', import.meta.url).href)
}
