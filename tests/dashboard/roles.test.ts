import { describe, expect, it } from 'vitest'
import { accessOf, audienceOf, mayOpen, ownProvider, SECTIONS } from '../../dashboard/src/dashboard/roles.js'

const PROVIDER = '6f1c2a7e-3b9d-4c55-9a0e-1d2f3a4b5c6d'

describe('the dashboard’s role table', () => {
  it('classes the signed-in users as social’s policy does', () => {
    expect(audienceOf({ side: 'regional', role: 'coordinator' })).toBe('coordination')
    expect(audienceOf({ side: 'social', role: 'specialist' })).toBe('coordination')
    expect(audienceOf({ side: 'health', role: 'specialist' })).toBe('otherSide')
    expect(audienceOf({ side: 'ngo', role: 'specialist', org: PROVIDER })).toBe('provider')
    expect(audienceOf({ side: 'regional', role: 'analyst' })).toBe('analyst')
    expect(audienceOf({ side: 'social', role: 'administrator' })).toBe('administrator')
    expect(audienceOf(null)).toBe('none')
  })

  it('gives staff «Мои задачи» as their home and an analyst the overview, without queues', () => {
    expect(accessOf({ side: 'regional', role: 'coordinator' }).sections[0]).toBe('tasks')
    expect(accessOf({ side: 'regional', role: 'analyst' })).toMatchObject({ queues: [], fileReports: false })
    expect(SECTIONS[accessOf({ side: 'regional', role: 'analyst' }).sections[0]!].path).toBe('/dashboard/overview')
  })

  it('shows «Нагрузка специалистов» to coordinators of social, of the region and of a provider, after the home page', () => {
    for (const claims of [
      { side: 'regional', role: 'coordinator' },
      { side: 'social', role: 'coordinator' },
      { side: 'ngo', role: 'coordinator', org: PROVIDER },
    ]) {
      expect(accessOf(claims).sections.slice(0, 2)).toEqual(['tasks', 'caseloads'])
      expect(mayOpen(claims, '/dashboard/caseloads')).toBe(true)
    }
    for (const claims of [
      { side: 'social', role: 'specialist' },
      { side: 'ngo', role: 'specialist', org: PROVIDER },
      { side: 'health', role: 'coordinator' },
      { side: 'regional', role: 'analyst' },
    ]) {
      expect(accessOf(claims).sections).not.toContain('caseloads')
      expect(mayOpen(claims, '/dashboard/caseloads')).toBe(false)
    }
  })

  it('lets only social’s staff and the regional coordinator file reports and see the merges', () => {
    for (const claims of [
      { side: 'regional', role: 'coordinator' },
      { side: 'social', role: 'specialist' },
    ]) {
      expect(accessOf(claims).fileReports).toBe(true)
      expect(accessOf(claims).queues).toContain('merges')
    }
    for (const claims of [
      { side: 'health', role: 'coordinator' },
      { side: 'ngo', role: 'specialist', org: PROVIDER },
      { side: 'regional', role: 'analyst' },
    ]) {
      expect(accessOf(claims).fileReports).toBe(false)
      expect(accessOf(claims).queues).not.toContain('merges')
    }
  })

  it('opens the named children behind a figure to those social lets find any child, the groups to the others', () => {
    for (const claims of [
      { side: 'regional', role: 'coordinator' },
      { side: 'social', role: 'specialist' },
      { side: 'health', role: 'specialist' },
      { side: 'education', role: 'coordinator' },
    ]) {
      expect(accessOf(claims).namedChildren).toBe(true)
    }
    for (const claims of [
      { side: 'regional', role: 'analyst' },
      { side: 'ngo', role: 'specialist', org: PROVIDER },
      { side: 'ngo', role: 'coordinator', org: PROVIDER },
      { side: 'social', role: 'administrator' },
      null,
    ]) {
      expect(accessOf(claims).namedChildren).toBe(false)
    }
  })

  it('opens a path only in the role’s sections and queues, and a child’s card to anyone signed in', () => {
    const provider = { side: 'ngo', role: 'specialist', org: PROVIDER }
    expect(mayOpen(provider, '/dashboard/queues/drafts')).toBe(true)
    expect(mayOpen(provider, '/dashboard/queues/duplicates')).toBe(false)
    expect(mayOpen({ side: 'regional', role: 'analyst' }, '/dashboard/registry')).toBe(false)
    expect(mayOpen({ side: 'regional', role: 'analyst' }, '/dashboard')).toBe(false)
    expect(mayOpen({ side: 'regional', role: 'analyst' }, `/dashboard/children/${PROVIDER}`)).toBe(true)
    expect(mayOpen({ side: 'social', role: 'administrator' }, '/dashboard/overview')).toBe(false)
    expect(mayOpen({ side: 'social', role: 'administrator' }, '/dashboard/providers')).toBe(true)
    expect(mayOpen({ side: 'regional', role: 'coordinator' }, '/dashboard/nowhere')).toBe(false)
  })

  it('gives ngo staff the page «Работа НКО», and nobody else', () => {
    expect(accessOf({ side: 'ngo', role: 'specialist', org: PROVIDER }).sections).toContain('ngo')
    expect(mayOpen({ side: 'ngo', role: 'specialist', org: PROVIDER }, '/dashboard/ngo')).toBe(true)
    expect(mayOpen({ side: 'health', role: 'specialist' }, '/dashboard/ngo')).toBe(false)
    expect(mayOpen({ side: 'regional', role: 'coordinator' }, '/dashboard/ngo')).toBe(false)
  })

  it('opens «Импорт реестра» as a section to social’s administrator, from the registry to its coordinators, to nobody else', () => {
    const IMPORT = '/dashboard/registry/import'
    expect(accessOf({ side: 'social', role: 'administrator' }).sections).toContain('registryImport')
    expect(mayOpen({ side: 'social', role: 'administrator' }, IMPORT)).toBe(true)
    for (const coordinator of [
      { side: 'social', role: 'coordinator' },
      { side: 'regional', role: 'specialist' },
    ]) {
      expect(mayOpen(coordinator, IMPORT)).toBe(true)
      expect(accessOf(coordinator).sections).not.toContain('registryImport')
    }
    for (const other of [
      { side: 'health', role: 'administrator' },
      { side: 'health', role: 'coordinator' },
      { side: 'social', role: 'analyst' },
    ]) {
      expect(mayOpen(other, IMPORT)).toBe(false)
    }
  })

  it('narrows a provider’s staff to their own organisation, and nobody else', () => {
    expect(ownProvider({ side: 'ngo', role: 'specialist', org: PROVIDER })).toBe(PROVIDER)
    expect(ownProvider({ side: 'regional', role: 'coordinator', org: PROVIDER })).toBeNull()
  })
})
