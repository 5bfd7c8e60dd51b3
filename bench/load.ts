import autocannon from 'autocannon'

/** One request of a workload: the path under the system's origin, and a body for POST. */
export interface BenchRequest {
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  body?: string
}

export interface LoadResult {
  /** Requests answered with 2xx during the measured window. */
  requests: number
  /** Requests per second. */
  throughput: number
  /** Latency percentiles, milliseconds. */
  p50: number
  p95: number
  p99: number
  /** Answers other than 2xx, and connection errors and timeouts. */
  failures: number
}

function percentile(sorted: readonly number[], fraction: number) {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!
}

/**
 * Sends the requests in turn (round robin) from `connections` keep-alive connections for `seconds`, and measures
 * every response. autocannon reports no 95th percentile, so the latencies are kept and ranked here.
 */
export async function runLoad(
  origin: string,
  requests: readonly BenchRequest[],
  options: { connections: number; seconds: number },
): Promise<LoadResult> {
  let next = 0
  const latencies: number[] = []
  let failures = 0
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: origin,
        connections: options.connections,
        duration: options.seconds,
        timeout: 30,
        requests: [
          {
            setupRequest: (request) => {
              const chosen = requests[next++ % requests.length]!
              return {
                ...request,
                method: chosen.method,
                path: chosen.path,
                headers: chosen.headers,
                body: chosen.body,
              }
            },
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    )
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime)
      else failures++
    })
  })
  latencies.sort((a, b) => a - b)
  return {
    requests: latencies.length,
    throughput: latencies.length / options.seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    failures: failures + result.errors + result.timeouts,
  }
}
