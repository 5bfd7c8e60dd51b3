import { sql, type Kysely } from 'kysely'
import type { RegistryPageQuery } from '../../schema/__generated__/operations.js'
import { badUserInput } from '@hub/platform/errors'
import { isUuid } from '@hub/subgraph-kit/loaders'
import { inForce, today } from '@hub/subgraph-kit/validation'
import { fullName, registrySearch } from '../../subgraphs/social/src/names.js'
import { decodeCursor, encodeCursor } from '@hub/subgraph-kit/paging'
import { nameHasWordStarting } from '../../subgraphs/social/src/modules/registry/queries/child.queries.js'
import { json } from './sql.js'

type Node = RegistryPageQuery['children']['edges'][number]['node']

/** One row per child of the page, as the statement below returns it (JSON: dates are text). */
interface PageRow {
  totalCount: number
  node:
    | (Omit<Node, 'fullName' | 'criteria' | 'family'> & {
        lastName: string
        firstName: string
        patronymic: string | null
        criteria: {
          code: Node['criteria'][number]['code']
          source: Node['criteria'][number]['source']
          validFrom: string
          validTo: string | null
        }[]
        family: { id: string; situations: { kind: string; decidedOn: string; endedOn: string | null }[] } | null
      })
    | null
}

export interface RegistryPageArgs {
  first: number
  after?: string
  /** `ChildFilter.search`: words beginning words of the full name with or without a birth date, or a СНИЛС. */
  search?: string
}

/**
 * `RegistryPage` as the regional coordinator of social gets it, in one statement: the page in id order after the
 * cursor laterally joined to the total, and for each child its criteria, family situations and every side's part.
 * Health's part and ПМПК conclusions need the family's consent for the regional coordinator; without it they are
 * null, as the hub answers them (with a FORBIDDEN error).
 */
export async function registryPage(db: Kysely<unknown>, args: RegistryPageArgs): Promise<RegistryPageQuery> {
  const search = args.search === undefined ? undefined : registrySearch('filter.search', args.search)
  const afterId = args.after === undefined ? undefined : decodeCursor(args.after)
  if (afterId !== undefined && !isUuid(afterId)) {
    throw badUserInput('after', 'PAGE_CURSOR', 'must be an endCursor returned by a previous page')
  }
  const matches = sql.join(
    [
      sql`c.merged_into_id is null`,
      ...(search && 'snils' in search ? [sql`c.snils = ${search.snils}`] : []),
      ...(search && 'words' in search ? search.words.map((word) => nameHasWordStarting('c.name_key', word)) : []),
      ...(search && 'words' in search && search.birthDate ? [sql`c.birth_date = ${search.birthDate}`] : []),
    ],
    sql` and `,
  )
  const { rows } = await sql<PageRow>`
    with total as (select count(*)::int as "totalCount" from social.child c where ${matches}),
    page as (
      select c.* from social.child c
      where ${matches} ${afterId === undefined ? sql`` : sql`and c.id > ${afterId}::uuid`}
      order by c.id limit ${args.first + 1}
    ),
    grants as (
      select p.id, array_agg(distinct scope) as scopes
      from page p
      join social.consent k on k.child_id in (p.id, p.merged_into_id)
      cross join unnest(k.scopes) scope
      where k.purpose = 'EARLY_HELP' and k.recipient_side = 'REGIONAL'
        and k.given_at <= now() and (k.revoked_at is null or k.revoked_at > now())
      group by p.id
    )
    select total."totalCount", case when c.id is null then null else json_build_object(
      'id', c.id, 'lastName', c.last_name, 'firstName', c.first_name, 'patronymic', c.patronymic,
      'birthDate', c.birth_date, 'sex', c.sex, 'registryStatus', c.registry_status,
      'municipality', json_build_object('oktmo', m.oktmo, 'name', m.name),
      'criteria', ${json(sql`
        select json_agg(json_build_object(
          'code', cc.code, 'source', cc.source, 'validFrom', cc.valid_from, 'validTo', cc.valid_to
        ) order by cc.valid_from, cc.id)
        from social.child_criterion cc where cc.child_id = c.id`)},
      'family', case when c.family_id is null then null else json_build_object(
        'id', c.family_id,
        'situations', ${json(sql`
          select json_agg(json_build_object('kind', s.kind, 'decidedOn', s.decided_on, 'endedOn', s.ended_on))
          from social.family_situation s where s.family_id = c.family_id`)}
      ) end,
      'health', case when 'HEALTH' = any(g.scopes) then json_build_object(
        'healthGroup', (
          select json_build_object('group', a.health_group) from health.health_group_assessment a
          where a.child_id = c.id order by a.assessed_on desc, a.id desc limit 1
        ),
        'diagnoses', ${json(sql`
          select json_agg(json_build_object('icd10', d.icd10_code) order by d.is_primary desc, d.diagnosed_on, d.id)
          from health.diagnosis d where d.child_id = c.id`)}
      ) end,
      'education', json_build_object(
        'pmpkConclusions', case when 'PMPK' = any(g.scopes) then ${json(sql`
          select json_agg(json_build_object(
            'concludedOn', k.concluded_on, 'recommendedProgramme', k.recommended_programme
          ) order by k.concluded_on desc, k.id)
          from education.pmpk_conclusion k where k.child_id = c.id`)} end,
        'preschoolApplications', ${json(sql`
          select json_agg(json_build_object('status', a.status) order by a.applied_on desc, a.id)
          from education.preschool_application a where a.child_id = c.id`)}
      ),
      'ngo', json_build_object('sessions', ${json(sql`
        select json_agg(json_build_object('deliveredOn', x.delivered_on, 'attended', x.attended)
          order by x.delivered_on desc, x.id)
        from ngo.ngo_session x where x.child_id = c.id`)})
    ) end as node
    from total
    left join page c on true
    left join social.municipality m on m.oktmo = c.municipality_oktmo
    left join grants g on g.id = c.id
    order by c.id
  `.execute(db)
  const day = today()
  const nodes = rows.flatMap((row) => (row.node ? [row.node] : []))
  const page = nodes.slice(0, args.first)
  const edges = page.map(({ lastName, firstName, patronymic, criteria, family, ...node }) => ({
    cursor: encodeCursor(node.id),
    node: {
      ...node,
      fullName: fullName({ lastName, firstName, patronymic }),
      criteria: criteria.map(({ validFrom, validTo, ...criterion }) => ({
        ...criterion,
        active: inForce(validFrom, validTo, day),
      })),
      family: family && {
        id: family.id,
        inSop: family.situations.some(
          (situation) => situation.kind === 'SOP' && inForce(situation.decidedOn, situation.endedOn, day),
        ),
      },
    },
  }))
  return {
    children: {
      totalCount: rows[0]?.totalCount ?? 0,
      pageInfo: { hasNextPage: nodes.length > args.first, endCursor: edges.at(-1)?.cursor ?? null },
      edges,
    },
  }
}
