import { describe, expect, it } from 'vitest'
import { viewerFromClaims } from '@hub/platform/auth/viewer'

const STAFF = { sub: 'kuznetsova', side: 'social', role: 'specialist' }

describe('the optional name claim of a token', () => {
  it('reads a member of staff’s display name, with its spaces tidied', () => {
    expect(viewerFromClaims({ ...STAFF, name: '  Кузнецова   Ольга Викторовна ' })).toEqual({
      subject: 'kuznetsova',
      side: 'social',
      organisation: null,
      role: 'specialist',
      name: 'Кузнецова Ольга Викторовна',
    })
  })

  it('accepts a token without a name, or with one that is not a readable name, and leaves the name unread', () => {
    for (const name of [undefined, '', '   ', 42, ['Кузнецова'], 'К'.repeat(201)]) {
      const viewer = viewerFromClaims({ ...STAFF, name })
      expect(typeof viewer).toBe('object')
      expect(viewer).not.toHaveProperty('name')
    }
  })
})
