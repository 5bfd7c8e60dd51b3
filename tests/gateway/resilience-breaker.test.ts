import { describe, expect, it } from 'vitest'
import { CircuitBreaker, CircuitOpenError, backoffMs, retryable } from '../../gateway/src/resilience.js'

function breakerAt(clock: { now: number }) {
  return new CircuitBreaker('ngo', { failuresToOpen: 3, openMs: 1_000 }, () => clock.now)
}

/** A call through the breaker that ends as `outcome`. */
function call(breaker: CircuitBreaker, outcome: 'ok' | 'failed') {
  const ticket = breaker.admit()
  if (outcome === 'ok') breaker.succeeded(ticket)
  else breaker.failed(ticket)
}

describe('a subgraph’s circuit breaker', () => {
  it('stays closed until the set number of failures in a row, a success in between starting the count again', () => {
    const breaker = breakerAt({ now: 0 })
    for (const outcome of ['failed', 'failed', 'ok', 'failed', 'failed'] as const) call(breaker, outcome)
    expect(breaker.state).toBe('closed')
    call(breaker, 'failed')
    expect(breaker.state).toBe('open')
  })

  it('fails calls at once while open, saying when the next try is', () => {
    const clock = { now: 0 }
    const breaker = breakerAt(clock)
    for (let i = 0; i < 3; i++) call(breaker, 'failed')
    clock.now = 400
    expect(() => breaker.admit()).toThrow(CircuitOpenError)
    expect(() => breaker.admit()).toThrow(/circuit open .* again in 1 s/)
  })

  it('lets one call try after the open time, closing on its success', () => {
    const clock = { now: 0 }
    const breaker = breakerAt(clock)
    for (let i = 0; i < 3; i++) call(breaker, 'failed')
    clock.now = 1_000
    expect(breaker.state).toBe('half-open')
    const trial = breaker.admit()
    // While the trial is out, the others still fail at once.
    expect(() => breaker.admit()).toThrow(CircuitOpenError)
    breaker.succeeded(trial)
    expect(breaker.state).toBe('closed')
    expect(() => breaker.admit()).not.toThrow()
  })

  it('opens again for the whole open time when the trial fails', () => {
    const clock = { now: 0 }
    const breaker = breakerAt(clock)
    for (let i = 0; i < 3; i++) call(breaker, 'failed')
    clock.now = 1_500
    call(breaker, 'failed')
    expect(breaker.state).toBe('open')
    clock.now = 2_400
    expect(() => breaker.admit()).toThrow(CircuitOpenError)
    clock.now = 2_500
    expect(() => breaker.admit()).not.toThrow()
  })

  it('does not count the late outcome of a call admitted before the circuit opened or closed', () => {
    const clock = { now: 0 }
    const breaker = breakerAt(clock)
    // Calls that hang while the subgraph goes down, and end in a timeout only after it is back.
    const hanging = [breaker.admit(), breaker.admit(), breaker.admit(), breaker.admit()]
    for (let i = 0; i < 3; i++) call(breaker, 'failed')
    clock.now = 1_000
    call(breaker, 'ok')
    for (const ticket of hanging) breaker.failed(ticket)
    expect(breaker.state).toBe('closed')
    // Nor does a late success close a circuit that opened after the call was admitted.
    const late = breaker.admit()
    for (let i = 0; i < 3; i++) call(breaker, 'failed')
    breaker.succeeded(late)
    expect(breaker.state).toBe('open')
  })

  it('neither counts nor closes on a released call (one caller’s timeout while the subgraph answers); a released trial lets the next call try', () => {
    const clock = { now: 0 }
    const breaker = breakerAt(clock)
    call(breaker, 'failed')
    call(breaker, 'failed')
    for (let i = 0; i < 5; i++) breaker.released(breaker.admit())
    expect(breaker.state).toBe('closed')
    call(breaker, 'failed')
    expect(breaker.state).toBe('open')
    clock.now = 1_000
    breaker.released(breaker.admit())
    expect(breaker.state).toBe('half-open')
    expect(() => breaker.admit()).not.toThrow()
  })
})

describe('which failures a read is retried after', () => {
  it('retries a refused or broken connection and a proxy’s 502–504, never a timeout or another status', () => {
    const failure = (code: string) => ({ error: Object.assign(new Error(code), { code }) })
    expect(retryable(failure('ECONNREFUSED'))).toBe(true)
    expect(retryable(failure('ECONNRESET'))).toBe(true)
    expect(retryable(failure('UND_ERR_SOCKET'))).toBe(true)
    expect(retryable(failure('UND_ERR_HEADERS_TIMEOUT'))).toBe(false)
    expect(retryable({ error: new Error('no code') })).toBe(false)
    expect([502, 503, 504].map((status) => retryable({ status }))).toEqual([true, true, true])
    expect([500, 400, 401].map((status) => retryable({ status }))).toEqual([false, false, false])
  })

  it('waits at most the base, then twice the base, before the first and second retry', () => {
    const waits = Array.from({ length: 200 }, () => [1, 2].map((attempt) => backoffMs({ retryBaseMs: 50 }, attempt)))
    expect(Math.max(...waits.map(([first]) => first!))).toBeLessThanOrEqual(50)
    expect(Math.max(...waits.map(([, second]) => second!))).toBeLessThanOrEqual(100)
    expect(Math.max(...waits.map(([, second]) => second!))).toBeGreaterThan(50)
  })
})
