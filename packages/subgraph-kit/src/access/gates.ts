import {
  defaultFieldResolver,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql'
import { hubError } from '@hub/platform/errors'
import type { Category, ViewerClass } from './policy.js'
import type { RequestAccess } from './request.js'

type Maybe<T> = T | Promise<T>
/* eslint-disable @typescript-eslint/no-explicit-any -- a gate sees the parent and context of whichever type it guards */
type Parent = any
type Context = { access: RequestAccess } & Record<string, any>
/** Each subgraph's own context type; a gate is written against it. */
type SubgraphContext = any
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * How a field (or every field of a type) is guarded:
 * - `{ open }` — names no child: reference data, the public registry;
 * - `{ category }` — the caller's class must have some rule for the category
 *   (a resolver may narrow further, e.g. to children referred to the caller);
 * - `{ category, subject }` — about the child(ren) `subject` names: refused
 *   with FORBIDDEN unless the caller may read that category of that child
 *   (of any of them, for a family); with `family`, an allowed read is also
 *   audited under the family it names, which may have no child at all;
 * - `{ category, rows }` — a list about many children: only the rows of
 *   children the caller may read are returned;
 * - `{ category, everyChild }` — a list of named children the caller did not
 *   pick (those behind a figure): open only to a class whose rule for the
 *   category is `all`, since any narrower rule would have to drop children
 *   and the list would no longer be the figure's; the rows' own gates audit
 *   each child read;
 * - `{ only }` — open only to the listed classes of caller (mutations, service calls).
 */
export type Gate =
  | { open: string }
  | { category: Category }
  | {
      category: Category
      subject: (parent: Parent, context: SubgraphContext) => Maybe<string | readonly string[] | null>
      family?: (parent: Parent) => string
    }
  | { category: Category; rows: (row: Parent, context: SubgraphContext) => Maybe<string | null> }
  | { category: Category; everyChild: true }
  | {
      only: readonly ViewerClass[]
      /** For callers other than the owner's and the regional coordinator's staff: the argument must name their own organisation. */
      ownOrganisation?: { field: string; of: (args: SubgraphContext) => unknown }
    }

/** Gates by `Type.field`, or by `Type` for every field of it but `id`. */
export type Gates = Readonly<Record<string, Gate>>

/** Fields anyone may read whatever guards their type: the key, and what GraphQL adds. */
const ALWAYS_OPEN = new Set(['id', '__typename'])

function gateOf(gates: Gates, type: string, field: string) {
  return gates[`${type}.${field}`] ?? (ALWAYS_OPEN.has(field) ? undefined : gates[type])
}

function subjects(ids: string | readonly string[] | null): readonly string[] {
  if (ids === null) return []
  return typeof ids === 'string' ? [ids] : ids
}

async function mayAny(access: RequestAccess, category: Category, subjects: readonly string[]) {
  const decisions = await Promise.all(subjects.map((id) => access.may(category, id)))
  return decisions.some(Boolean)
}

function guard(gate: Gate, field: string, resolve: GraphQLFieldResolver<Parent, Context>) {
  if ('open' in gate) return resolve
  if ('only' in gate) {
    const allowed = new Set(gate.only)
    const own = gate.ownOrganisation
    return (parent: Parent, args: unknown, context: Context, info: Parameters<typeof resolve>[3]) => {
      const { access } = context
      if (!allowed.has(access.class)) {
        const { role, side } = access.viewer
        throw hubError(
          'FORBIDDEN',
          'ROLE_FORBIDDEN',
          `${field}: a ${role} of ${side ?? 'the public'} may not use this`,
          { field },
        )
      }
      if (own && access.class !== 'owner' && access.class !== 'regional') {
        if (own.of(args) !== access.viewer.organisation) {
          throw hubError('FORBIDDEN', 'OWN_ORGANISATION_ONLY', `${own.field}: must be the caller's own organisation`, {
            field: own.field,
          })
        }
      }
      return resolve(parent, args, context, info)
    }
  }
  const { category } = gate
  if ('everyChild' in gate) {
    return (parent: Parent, args: unknown, context: Context, info: Parameters<typeof resolve>[3]) => {
      if (context.access.rule(category) !== 'all') {
        throw hubError(
          'FORBIDDEN',
          'NAMED_LIST_FORBIDDEN',
          `${field}: named children are listed only to callers who may read ${category} data of every child`,
          { field, category },
        )
      }
      return resolve(parent, args, context, info)
    }
  }
  if ('rows' in gate) {
    return async (parent: Parent, args: unknown, context: Context, info: Parameters<typeof resolve>[3]) => {
      const { access } = context
      if (access.rule(category) === 'none') throw access.refusal(field, category)
      const rows = (await resolve(parent, args, context, info)) as Parent[]
      const keep = await Promise.all(
        rows.map(async (row) => {
          const childId = await gate.rows(row, context)
          return childId === null || (await access.may(category, childId))
        }),
      )
      return rows.filter((_row, index) => keep[index])
    }
  }
  if ('subject' in gate) {
    const { family } = gate
    return (parent: Parent, args: unknown, context: Context, info: Parameters<typeof resolve>[3]) => {
      const { access } = context
      const rule = access.rule(category)
      if (rule === 'none') throw access.refusal(field, category)
      const subject = gate.subject(parent, context)
      if (rule === 'all') {
        // Most callers' rule: the read is only recorded, and a synchronous subject costs no extra promise.
        const record = (ids: string | readonly string[] | null) => {
          for (const id of subjects(ids)) access.may(category, id)
          if (family) access.readFamily(category, family(parent))
        }
        if (!(subject instanceof Promise)) {
          record(subject)
          return resolve(parent, args, context, info)
        }
        return subject.then((ids) => {
          record(ids)
          return resolve(parent, args, context, info)
        })
      }
      return Promise.resolve(subject)
        .then((ids) => ids === null || mayAny(access, category, subjects(ids)))
        .then((allowed) => {
          if (!allowed) throw access.refusal(field, category)
          if (family) access.readFamily(category, family(parent))
          return resolve(parent, args, context, info)
        })
    }
  }
  return (parent: Parent, args: unknown, context: Context, info: Parameters<typeof resolve>[3]) => {
    if (context.access.rule(category) === 'none') throw context.access.refusal(field, category)
    return resolve(parent, args, context, info)
  }
}

function hasDirective(node: { directives?: readonly { name: { value: string } }[] } | null | undefined, name: string) {
  return node?.directives?.some((directive) => directive.name.value === name) === true
}

/**
 * Hidden from the gateway, yet read straight at the subgraph by its own administrators: each subgraph's own access
 * audit (the gateway has no one audit to show). Its `audit` gate decides who.
 */
const READ_STRAIGHT = new Set(['Query.accessAudit', 'AccessAuditEntry'])

/**
 * Whether a field answers only inside the hub: hidden from clients (`@inaccessible`, on it or its type), reading
 * what the gateway put into the representation (`@requires`), or the subgraph's SDL (`_service`). Derived from the
 * SDL, so that a new such field is guarded without a line in a policy.
 */
export function isInternalField(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>) {
  if (type.name === 'Query' && field.name === '_service') return true
  if (READ_STRAIGHT.has(type.name) || READ_STRAIGHT.has(`${type.name}.${field.name}`)) return false
  const typeNodes = [type.astNode, ...(type.extensionASTNodes ?? [])]
  return (
    hasDirective(field.astNode, 'inaccessible') ||
    hasDirective(field.astNode, 'requires') ||
    typeNodes.some((node) => hasDirective(node, 'inaccessible'))
  )
}

/**
 * An internal field answers the gateway's query plan (a call bearing its assertion) and the subgraphs' service tokens,
 * never a user token sent straight to the subgraph: what such a caller would put into a representation — a family id,
 * children's ids — is not the owner's answer, and the field was never meant for clients.
 */
function internalOnly(
  field: string,
  resolve: GraphQLFieldResolver<Parent, Context>,
): GraphQLFieldResolver<Parent, Context> {
  return (parent, args, context, info) => {
    const { access } = context
    if (!access.viaGateway && access.viewer.role !== 'service') {
      throw hubError(
        'FORBIDDEN',
        'GATEWAY_ONLY',
        `${field}: answers only the gateway's query plan or a service token, never a user token sent straight to the subgraph`,
        { field },
      )
    }
    return resolve(parent, args, context, info)
  }
}

/**
 * Wraps the resolver of every gated field of the schema in its gate, and of every internal field in the check of
 * where the call comes from; the schema is changed in place.
 */
export function applyGates(schema: GraphQLSchema, gates: Gates) {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue
    for (const field of Object.values(type.getFields())) {
      const name = `${type.name}.${field.name}`
      const gate = gateOf(gates, type.name, field.name)
      if (gate) field.resolve = guard(gate, name, field.resolve ?? defaultFieldResolver)
      if (isInternalField(type, field)) field.resolve = internalOnly(name, field.resolve ?? defaultFieldResolver)
    }
  }
  return schema
}

function keyFields(type: { astNode?: ObjectTypeDefinitionNode | null }) {
  const keys = (type.astNode?.directives ?? []).filter((directive) => directive.name.value === 'key')
  return new Set(
    keys.flatMap((directive) => {
      const fields = directive.arguments?.find((argument) => argument.name.value === 'fields')?.value
      return fields?.kind === 'StringValue' ? fields.value.split(/\s+/) : []
    }),
  )
}

function isExternal(node: FieldDefinitionNode | null | undefined) {
  return node?.directives?.some((directive) => directive.name.value === 'external') === true
}

/** Federation's own fields: `_entities` resolves only keys, and each entity's fields carry their own gates. */
const FEDERATION_FIELDS = new Set(['Query._entities', 'Query._service'])

/**
 * Fields through which a caller can enter the subgraph's data — the root
 * fields and every field of an entity (reachable by `_entities`) — that
 * have no gate: a policy test keeps this list empty.
 */
export function ungatedEntryFields(schema: GraphQLSchema, gates: Gates) {
  const entryTypes = Object.values(schema.getTypeMap()).filter(
    (type) =>
      isObjectType(type) &&
      (type === schema.getQueryType() ||
        type === schema.getMutationType() ||
        type.astNode?.directives?.some((directive) => directive.name.value === 'key') === true ||
        (type.extensionASTNodes ?? []).some((node) => node.directives?.some((d) => d.name.value === 'key'))),
  )
  return entryTypes.flatMap((type) =>
    isObjectType(type)
      ? Object.keys(type.getFields())
          .filter((field) => !ALWAYS_OPEN.has(field) && !FEDERATION_FIELDS.has(`${type.name}.${field}`))
          // An @external field only hands back what the gateway itself put into the representation; a key names only.
          .filter((field) => !isExternal(type.getFields()[field]!.astNode) && !keyFields(type).has(field))
          .filter((field) => gateOf(gates, type.name, field) === undefined)
          .map((field) => `${type.name}.${field}`)
      : [],
  )
}
