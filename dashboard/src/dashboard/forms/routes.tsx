import type { ReactNode } from 'react'
import { mayOpen, type Claims } from '../roles'
import { CATALOGUE_ROUTES } from './catalogue'
import { EDUCATION_ACTIONS, EDUCATION_ROUTES } from './education'
import { HEALTH_ACTIONS, HEALTH_ROUTES } from './health'
import { INTEGRATION_ROUTES } from './integrations'
import { NGO_ACTIONS, NGO_CARD_ROUTES, NGO_PAGE_ROUTES } from './ngo'
import { PATHWAY_CHILD_ACTIONS, PATHWAY_ROUTES } from './pathway'
import { PROGRAMME_LEAD_ACTIONS, PROGRAMME_LEAD_ROUTES } from './programme-lead'
import { REGISTRY_CHILD_ACTIONS, REGISTRY_FORM_ROUTES } from './registry'
import { SIGNAL_ROUTES } from './signals'

/**
 * The forms of the dashboard, each at a path of its own so that a queue's row, the child's card and the registry can
 * lead straight to it. Each side's forms are listed in their own module and joined here.
 */
export interface FormRoute {
  /** The path, its parts captured (e.g. the child's id). */
  pattern: RegExp
  /** Who may open the form: the same rule the owning subgraph's gate applies to its mutation. */
  allowed: (claims: Claims | null) => boolean
  render: (match: RegExpExecArray, context: { token: string; claims: Claims | null }) => ReactNode
}

/** An action on a child's card: a link to a form for that child, shown to those who may use it. */
export interface ChildAction {
  label: string
  path: (childId: string) => string
  allowed: (claims: Claims | null) => boolean
}

export const FORM_ROUTES: readonly FormRoute[] = [
  ...REGISTRY_FORM_ROUTES,
  ...PATHWAY_ROUTES,
  ...HEALTH_ROUTES,
  ...EDUCATION_ROUTES,
  ...NGO_CARD_ROUTES,
  ...NGO_PAGE_ROUTES,
  ...PROGRAMME_LEAD_ROUTES,
  ...SIGNAL_ROUTES,
  ...INTEGRATION_ROUTES,
  ...CATALOGUE_ROUTES,
]

export const CHILD_ACTIONS: readonly ChildAction[] = [
  ...REGISTRY_CHILD_ACTIONS,
  ...PATHWAY_CHILD_ACTIONS,
  ...HEALTH_ACTIONS,
  ...EDUCATION_ACTIONS,
  ...NGO_ACTIONS,
  ...PROGRAMME_LEAD_ACTIONS,
]

/** The form at a path, if a form is there. */
export function formAt(path: string) {
  for (const route of FORM_ROUTES) {
    const match = route.pattern.exec(path)
    if (match) return { route, match }
  }
  return null
}

/** Whether the role may open a path: a form's path for those its route allows, any other as the role table says. */
export function mayOpenPath(claims: Claims | null, path: string) {
  const form = formAt(path)
  return form ? form.route.allowed(claims) : mayOpen(claims, path)
}
