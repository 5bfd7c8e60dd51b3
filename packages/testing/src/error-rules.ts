import { expect } from 'vitest'
import { isErrorRule, renderRule } from '@hub/platform/error-rules'

/**
 * The error names a rule of the catalogue and carries every value its Russian text needs: what the screens show
 * without reading the English message.
 */
export function expectCatalogued(error: { message: string; extensions?: Record<string, unknown> } | undefined) {
  const rule = error?.extensions?.rule
  expect(isErrorRule(rule), `${error?.message}: extensions.rule ${String(rule)} is not in the catalogue`).toBe(true)
  const params = (error?.extensions?.params ?? {}) as Record<string, unknown>
  expect(renderRule(rule as Parameters<typeof renderRule>[0], params), `${error?.message}: params`).toBeDefined()
}
