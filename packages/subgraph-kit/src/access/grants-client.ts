import type { ServiceCredentials } from '@hub/platform/auth/tokens'
import { hubError } from '@hub/platform/errors'
import { describeCallFailure, postToService } from '@hub/platform/http'
import type { ConsentScope } from './policy.js'
import type { ChildGrant, GrantSource } from './request.js'

const ACCESS_GRANTS = /* GraphQL */ `
  query AccessGrants($childIds: [ID!]!, $side: String!, $organisation: String, $purpose: AccessPurpose!) {
    accessGrants(childIds: $childIds, side: $side, organisation: $organisation, purpose: $purpose) {
      childId
      consentScopes
      referred
    }
  }
`

interface GrantsResponse {
  data?: { accessGrants: { childId: string; consentScopes: ConsentScope[]; referred: boolean }[] } | null
  errors?: { message: string }[]
}

/** Where social listens, for the health, education and ngo subgraphs that ask it about consents and referrals. */
export interface SocialGrantsOptions {
  url: string
  timeoutMs: number
}

/**
 * The grants of the health, education and ngo subgraphs: asked of social
 * (which records consents and referrals) with the asking subgraph's own
 * service token, at the moment of the read, so that a revocation counts at
 * once. Nothing the caller sends — a representation, a header — takes part.
 * When social cannot answer, nothing is opened.
 */
export function grantsFromSocial(options: SocialGrantsOptions, credentials: ServiceCredentials): GrantSource {
  return async (viewer, purpose, childIds, callHeaders) => {
    const grants = new Map<string, ChildGrant>()
    if (childIds.length === 0 || viewer.side === null) return grants
    let body: GrantsResponse
    try {
      const answer = await postToService(
        options.url,
        JSON.stringify({
          query: ACCESS_GRANTS,
          variables: { childIds, side: viewer.side, organisation: viewer.organisation, purpose },
        }),
        { ...callHeaders, 'content-type': 'application/json', authorization: await credentials.authorization() },
        options.timeoutMs,
      )
      body = JSON.parse(answer.body) as GrantsResponse
    } catch (error) {
      throw unavailable(describeCallFailure(error, options.timeoutMs))
    }
    if (!body.data?.accessGrants)
      throw unavailable(body.errors?.map((error) => error.message).join('; ') ?? 'no answer')
    for (const grant of body.data.accessGrants) grants.set(grant.childId, grant)
    return grants
  }
}

function unavailable(reason: string) {
  return hubError(
    'UNAVAILABLE',
    'GRANTS_UNAVAILABLE',
    `consent and referrals cannot be checked now (social subgraph: ${reason}); the data stays closed`,
  )
}
