import {
  GraphQLError,
  isObjectType,
  Kind,
  parse,
  type DirectiveNode,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
} from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditView } from '@hub/subgraph-kit/access/audit'
import { SUBGRAPH_NAMES } from '@hub/platform/sides'
import { subgraphSdl } from '../../scripts/subgraph-schema.js'
import { buildGatedSchema } from '@hub/subgraph-kit/server'
import { authorizationFor, gatewayCallHeaders, viewers, type TestViewer } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import {
  insertChild,
  insertConsent,
  insertFamily,
  insertProgramme,
} from '../../subgraphs/social/test/support/factories.js'
import { insertParentGroup, insertParticipation } from '../../subgraphs/ngo/test/support/factories.js'
import { postGraphQL } from '@hub/testing/graphql'
import { startHub, type Hub } from '../support/hub.js'
import { insertChildKnownToEverySide } from '../support/scenario.js'
import { subgraphs } from '../support/subgraphs.js'
import { sideGrants } from '@hub/testing/subgraph'
import { ENTITIES_QUERY } from '@hub/testing/subgraph'

// What a caller puts into a representation (`_entities`) or a hidden field never widens its access: fields that read
// what the gateway supplies (@requires) or that the gateway hides (@inaccessible) answer only the gateway's query plan
// and the subgraphs' service tokens, never a user token sent straight to a subgraph.

const PARTICIPATIONS = `${ENTITIES_QUERY}
  fragment Selection on Child { ngo { parentGroupParticipations { group { name } } } }
`
const PRESCHOOL_CHILDREN = `${ENTITIES_QUERY}
  fragment Selection on RegionalIndicators {
    educationPreschool { reachedThree }
    educationPreschoolChildren { enrolled directed queued none }
  }
`
const PERIOD = { from: '2026-01-01', to: '2026-12-31' }
const FORBIDDEN_STRAIGHT = "answers only the gateway's query plan or a service token"

describe.each(backends)('forged representations and hidden fields (%s)', (backend) => {
  let hub: Hub
  let fixture: Awaited<ReturnType<typeof insertChildKnownToEverySide>>
  let provider: TestViewer
  let turningThree: string
  let neighbours: string
  const otherGroup = 'Группа соседней семьи'

  beforeAll(async () => {
    hub = await startHub(backend)
    fixture = await insertChildKnownToEverySide(hub.databases)
    // The child is in the care of the NGO provider (an accepted referral, with the family's consent for it); another
    // family, not the provider's, meets in one of the provider's parent groups.
    await insertProgramme(hub.databases.social.db, fixture.child.id, fixture.provider.id)
    await insertConsent(hub.databases.social.db, fixture.child.id, fixture.mother.id, {
      recipient_provider_id: fixture.provider.id,
    })
    provider = viewers.specialist('ngo', fixture.provider.id)
    neighbours = (await insertFamily(hub.databases.social.db)).id
    const group = await insertParentGroup(hub.databases.ngo.db, fixture.provider.id, { name: otherGroup })
    await insertParticipation(hub.databases.ngo.db, group.id, neighbours)
    const child = await insertChild(hub.databases.social.db, {
      birth_date: '2023-06-15',
      registry_status: 'IN_NEED',
      family_id: neighbours,
    })
    turningThree = child.id
  })
  afterAll(() => hub?.stop())

  const auditRowsOf = (subject: string) =>
    auditView(hub.databases.ngo.db)
      .selectFrom('access_audit')
      .select(['child_id', 'categories'])
      .where('subject', '=', subject)
      .execute()

  it("refuses a provider's representation naming another family straight at ngo, and audits nothing", async () => {
    const subject = 'ngo-specialist-' + fixture.provider.id
    const before = await auditRowsOf(subject)
    const straight = (family: string) =>
      authorizationFor(provider).then((authorization) =>
        postGraphQL<{ _entities: ({ ngo: unknown } | null)[] }>(
          hub.services.ngo.url,
          PARTICIPATIONS,
          { representations: [{ __typename: 'Child', id: fixture.child.id, family: { id: family } }] },
          authorization,
        ),
      )
    // Whatever family the representation names, even the right one, ngo does not take it from the caller.
    for (const response of [await straight(neighbours), await straight(fixture.family.id)]) {
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Child.ngo' })
      expect(response.errors?.[0]?.message).toContain(FORBIDDEN_STRAIGHT)
      expect(JSON.stringify(response.data)).not.toContain(otherGroup)
    }
    expect(await auditRowsOf(subject)).toEqual(before)
  })

  it("shows the provider, through the gateway, the parent groups of the child's own family only", async () => {
    const response = await hub.query<{
      child: { ngo: { parentGroupParticipations: { group: { name: string } }[] } }
    }>(
      'query ($id: ID!) { child(id: $id) { ngo { parentGroupParticipations { group { name } } } } }',
      { id: fixture.child.id },
      provider,
    )
    expect(response.errors).toBeUndefined()
    expect(response.data?.child.ngo.parentGroupParticipations.map((row) => row.group.name)).toEqual([
      fixture.group.name,
    ])
    const audited = await auditRowsOf('ngo-specialist-' + fixture.provider.id)
    expect(audited.map((row) => row.child_id)).toContain(fixture.child.id)
    expect(audited.map((row) => row.child_id)).not.toContain(turningThree)
  })

  it("refuses an analyst social's hidden list of children turning three, straight at social", async () => {
    const response = await postGraphQL(
      hub.services.social.url,
      'query ($period: PeriodInput!) { regionalIndicators(period: $period) { childrenTurningThree } }',
      { period: PERIOD },
      await authorizationFor(viewers.analyst('regional')),
    )
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'RegionalIndicators.childrenTurningThree',
    })
    expect(JSON.stringify(response.data ?? null)).not.toContain(turningThree)
  })

  it('refuses an analyst the preschool placement of children named in a representation, straight at education', async () => {
    const response = await postGraphQL(
      hub.services.education.url,
      PRESCHOOL_CHILDREN,
      {
        representations: [
          {
            __typename: 'RegionalIndicators',
            id: 'forged',
            period: PERIOD,
            childrenTurningThree: [fixture.child.id, turningThree],
          },
        ],
      },
      await authorizationFor(viewers.analyst('regional')),
    )
    const refused = (response.errors ?? []).map((error) => [error.extensions?.code, error.extensions?.field])
    expect(refused).toEqual([
      ['FORBIDDEN', 'RegionalIndicators.educationPreschool'],
      ['FORBIDDEN', 'RegionalIndicators.educationPreschoolChildren'],
    ])
    expect(JSON.stringify(response.data ?? null)).not.toContain(fixture.child.id)
  })

  it('still computes the preschool indicators for an analyst through the gateway', async () => {
    const response = await hub.query<{ regionalIndicators: { educationPreschool: { reachedThree: number | null } } }>(
      'query ($period: PeriodInput!) { regionalIndicators(period: $period) { educationPreschool { reachedThree } } }',
      { period: PERIOD },
      viewers.analyst('regional'),
    )
    expect(response.errors).toBeUndefined()
    expect(response.data?.regionalIndicators.educationPreschool).toHaveProperty('reachedThree')
  })

  it.each(SUBGRAPH_NAMES)("answers %s's _service only to a service or the gateway's plan", async (name) => {
    for (const as of [viewers.coordinator('regional'), viewers.public()]) {
      const response = await postGraphQL(hub.services[name].url, '{ _service { sdl } }', {}, await authorizationFor(as))
      expect(response.errors?.[0]?.extensions, as.role).toMatchObject({ code: 'FORBIDDEN', field: 'Query._service' })
      expect(JSON.stringify(response.data ?? null)).not.toContain('@inaccessible')
    }
    const gateway = await postGraphQL<{ _service: { sdl: string } }>(
      hub.services[name].url,
      '{ _service { sdl } }',
      {},
      await gatewayCallHeaders(viewers.coordinator('regional')),
    )
    expect(gateway.data?._service.sdl).toContain('@key')
  })

  it('guards every hidden and @requires field of every subgraph, found in its SDL, against a user token sent straight', () => {
    const straight = {
      access: {
        viaGateway: false,
        viewer: { subject: 'someone', side: 'regional', organisation: null, role: 'coordinator' },
      },
    }
    for (const name of SUBGRAPH_NAMES) {
      const schema = buildGatedSchema(subgraphs[name].create({ db: hub.databases[name].db, grants: sideGrants(name) }))
      const internal = internalFieldsInSdl(subgraphSdl(name))
      expect(internal.length, name).toBeGreaterThan(1)
      const escaped = internal.filter((coordinate) => {
        const [typeName, fieldName] = coordinate.split('.') as [string, string]
        const type = schema.getType(typeName)
        if (!isObjectType(type)) return true
        const resolve = type.getFields()[fieldName]?.resolve as GraphQLFieldResolver<unknown, unknown> | undefined
        try {
          resolve?.({}, {}, straight, {} as GraphQLResolveInfo)
        } catch (error) {
          return !(error instanceof GraphQLError && error.extensions.code === 'FORBIDDEN')
        }
        return true
      })
      // Only each subgraph's own access audit is hidden from the gateway and read straight, by its administrators.
      expect(
        escaped.filter((coordinate) => !/^(Query\.accessAudit|AccessAuditEntry\.)/.test(coordinate)),
        name,
      ).toEqual([])
    }
  })
})

function hasDirective(node: { directives?: readonly DirectiveNode[] }, ...names: string[]) {
  return (node.directives ?? []).some((directive) => names.includes(directive.name.value))
}

/** `Type.field` of every object field the SDL marks @requires or @inaccessible (on the field or its type), and `_service`. */
function internalFieldsInSdl(sdl: string) {
  const types = parse(sdl).definitions.filter(
    (definition): definition is ObjectTypeDefinitionNode | ObjectTypeExtensionNode =>
      definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION,
  )
  const hiddenTypes = new Set(types.filter((type) => hasDirective(type, 'inaccessible')).map((type) => type.name.value))
  return [
    'Query._service',
    ...types.flatMap((type) =>
      (type.fields ?? [])
        .filter((field) => hiddenTypes.has(type.name.value) || hasDirective(field, 'requires', 'inaccessible'))
        .map((field) => `${type.name.value}.${field.name.value}`),
    ),
  ]
}
