import type { Kysely, Migration } from 'kysely'
import { grantsFromSocial } from '@hub/subgraph-kit/access/grants-client'
import type { GrantSource } from '@hub/subgraph-kit/access/request'
import type { ServiceCredentials } from '@hub/platform/auth/tokens'
import type { SignalDeliveryOptions } from '@hub/side-contract/signals/delivery'
import { testCredentials } from './auth.js'
import type { SubgraphName } from '@hub/platform/sides'
import type { SubgraphDefinition } from '@hub/subgraph-kit/server'
import type { WebhookOptions } from '@hub/subgraph-kit/events/delivery'
import { migrations as educationMigrations } from '../../subgraphs/education/src/db/migrations/index.js'
import { createEducationServer } from '../../subgraphs/education/src/server.js'
import { migrations as healthMigrations } from '../../subgraphs/health/src/db/migrations/index.js'
import { createHealthServer } from '../../subgraphs/health/src/server.js'
import { migrations as ngoMigrations } from '../../subgraphs/ngo/src/db/migrations/index.js'
import { createNgoServer } from '../../subgraphs/ngo/src/server.js'
import { migrations as socialMigrations } from '../../subgraphs/social/src/db/migrations/index.js'
import { createSocialServer } from '../../subgraphs/social/src/server.js'

interface SubgraphFactory {
  migrations: Record<string, Migration>
  create: (dependencies: {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each factory takes its own DB type
    db: Kysely<any>
    grants: GrantSource
    webhooks?: WebhookOptions
    /** Health and education: where their child-find signals go, signed with `credentials`. */
    signalDelivery?: SignalDeliveryOptions
    credentials?: ServiceCredentials
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each factory takes its own DB type
  }) => SubgraphDefinition<any>
}

/** Where nothing listens: a side subgraph tested without social finds consents unanswerable, and opens nothing. */
export const NO_SOCIAL_URL = 'http://127.0.0.1:1/graphql'

/** How health and education deliver child-find signals to social in tests: the real delivery, retried quickly. */
export function sideSignals(name: SubgraphName, socialUrl: string) {
  return { signalDelivery: { url: socialUrl, retryMs: 200, timeoutMs: 2_000 }, credentials: testCredentials(name) }
}

/** How a side subgraph asks social about consents and referrals in tests: the real client, with a test service token. */
export function sideGrants(name: SubgraphName, socialUrl: string = NO_SOCIAL_URL) {
  return grantsFromSocial({ url: socialUrl, timeoutMs: 2_000 }, testCredentials(name))
}

// The four subgraphs as tests build them: their migrations and their server factories.
export const subgraphs: Record<SubgraphName, SubgraphFactory> = {
  social: { migrations: socialMigrations, create: createSocialServer },
  health: { migrations: healthMigrations, create: createHealthServer },
  education: { migrations: educationMigrations, create: createEducationServer },
  ngo: { migrations: ngoMigrations, create: createNgoServer },
}
