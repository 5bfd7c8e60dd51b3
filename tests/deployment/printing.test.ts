import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { flat, pdfText } from '../support/pdf.js'
import { startHubWithChild } from '../support/process-hub.js'

const root = new URL('../../', import.meta.url)

/** The package a bare import names: `pdfmake/interfaces.js` is pdfmake, `@scope/name/x` is `@scope/name`. */
const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/')

/**
 * The gateway as the image runs it: its esbuild bundle (`gateway/dist/main.mjs`, packages left to node_modules), its own
 * process beside the subgraphs' bundles. Printing reads the Roboto fonts from the pdfmake package by a path the bundle
 * resolves from where it lies; the image installs only the runtime dependencies (`npm ci --omit=dev`).
 */
describe('the bundled gateway prints', () => {
  let started: Awaited<ReturnType<typeof startHubWithChild>>

  beforeAll(async () => {
    started = await startHubWithChild('pglite')
  }, 180_000)
  afterAll(() => started?.stop())

  it('a child card as PDF with its Cyrillic text, from the fonts it finds beside the bundle', async () => {
    const response = await fetch(`${started.hub.gatewayUrl}/documents/child-card/${started.childId}.pdf`, {
      headers: { authorization: started.callers.reader },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    const text = flat(await pdfText(Buffer.from(await response.arrayBuffer())))
    expect(text).toContain('Карточка ребёнка в региональном реестре')
    expect(text).toContain('Соколова Алёна Игоревна')
  })

  it('imports only packages the image installs: pdfmake and its fonts are runtime dependencies', () => {
    const bundle = readFileSync(new URL('gateway/dist/main.mjs', root), 'utf8')
    const { dependencies } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
      dependencies: Record<string, string>
    }
    const imported = new Set(
      [
        ...bundle.matchAll(
          /(?:^import\s[^;]*?\bfrom\s*|^import\s*|\bimport\(|\brequire\d*\()"(?!\.)((?:@[\w.-]+\/)?[\w.-]+[\w./-]*)"/gm,
        ),
      ]
        .map((match) => match[1]!)
        .filter((specifier) => !builtinModules.includes(specifier))
        .map(packageOf),
    )
    expect(imported).toContain('pdfmake')
    expect([...imported].filter((name) => !(name in dependencies))).toEqual([])
  })
})
