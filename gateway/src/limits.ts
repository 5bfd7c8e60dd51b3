import type { QueryLimits } from '@hub/platform/limits'
import type { RateLimit } from '@hub/platform/rate-limit'

/**
 * What one request may ask of the gateway (`packages/platform/src/limits.ts` applies them, here and at the subgraphs),
 * and how often one caller may ask.
 */
export interface GatewayLimits extends QueryLimits {
  rateLimit: RateLimit
}

/**
 * The deepest committed operation, ChildCard, has depth 7; the costliest, RegistryPage at its largest page of 1,000
 * children with every ministry's part, costs about 217,000 (about 11,000 at its default page of 50); none uses aliases
 * or directives. These leave room to grow and are checked against every committed operation by
 * tests/gateway/limits.test.ts. The cost limit still refuses two such pages in one request, whether the page size is
 * written in the query or sent as a variable.
 */
export const DEFAULT_LIMITS: Readonly<GatewayLimits> = Object.freeze({
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 2_000,
  maxDirectives: 20,
  maxCost: 300_000,
  maxBatchOperations: 1,
  // Many times the largest committed operation with its variables: the query itself is bounded by maxTokens.
  maxBodyBytes: 256 * 1024,
  rateLimit: Object.freeze({ requests: 600, windowMs: 60_000 }),
})
