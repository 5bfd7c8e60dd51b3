import type { ChildAction, FormRoute } from './routes'
import { ChildConsentForm } from './consent'
import { ChildCriterionForm } from './criteria'
import { ChildFamilyForm, RegisterFamilyForm } from './family'
import { MergePage, PossibleDuplicatePage } from './merges'
import { RegisterChildForm } from './register-child'
import { mayCoordinate, mayRegister } from './registry-parts'

/**
 * Social's registry and family forms, each open to those social's gate lets make its mutation: registering a child to
 * the coordination and the detecting sides, everything else to social's staff and the regional coordinator.
 */
export const REGISTRY_FORM_ROUTES: readonly FormRoute[] = [
  {
    pattern: /^\/dashboard\/children\/new$/,
    allowed: mayRegister,
    render: (_match, { token, claims }) => <RegisterChildForm token={token} claims={claims} />,
  },
  {
    pattern: /^\/dashboard\/families\/new$/,
    allowed: mayCoordinate,
    render: (_match, { token }) => <RegisterFamilyForm token={token} child={null} />,
  },
  {
    pattern:
      /^\/dashboard\/children\/([^/]+)\/family\/(new|attach|members\/new|representatives\/new|contacts\/new|end)$/,
    allowed: mayCoordinate,
    render: (match, { token }) => (
      <ChildFamilyForm key={match[0]} token={token} childId={decodeURIComponent(match[1]!)} form={match[2]!} />
    ),
  },
  {
    pattern: /^\/dashboard\/children\/([^/]+)\/criteria\/(new|end)$/,
    allowed: mayCoordinate,
    render: (match, { token }) => (
      <ChildCriterionForm
        key={match[0]}
        token={token}
        childId={decodeURIComponent(match[1]!)}
        form={match[2] as 'new' | 'end'}
      />
    ),
  },
  {
    pattern: /^\/dashboard\/children\/([^/]+)\/consents\/(new|revoke)$/,
    allowed: mayCoordinate,
    render: (match, { token }) => (
      <ChildConsentForm
        key={match[0]}
        token={token}
        childId={decodeURIComponent(match[1]!)}
        form={match[2] as 'new' | 'revoke'}
      />
    ),
  },
  {
    pattern: /^\/dashboard\/duplicates\/([^/]+)$/,
    allowed: mayCoordinate,
    render: (match, { token }) => (
      <PossibleDuplicatePage key={match[1]} token={token} duplicateId={decodeURIComponent(match[1]!)} />
    ),
  },
  {
    pattern: /^\/dashboard\/merges\/([^/]+)$/,
    allowed: mayCoordinate,
    render: (match, { token }) => <MergePage key={match[1]} token={token} mergeId={decodeURIComponent(match[1]!)} />,
  },
]

const childForm = (label: string, tail: string): ChildAction => ({
  label,
  path: (childId) => `/dashboard/children/${childId}/${tail}`,
  allowed: mayCoordinate,
})

export const REGISTRY_CHILD_ACTIONS: readonly ChildAction[] = [
  childForm('Критерии: добавить', 'criteria/new'),
  childForm('Критерии: прекратить', 'criteria/end'),
  childForm('Семья: зарегистрировать семью', 'family/new'),
  childForm('Семья: отнести к семье из реестра', 'family/attach'),
  childForm('Семья: добавить члена семьи', 'family/members/new'),
  childForm('Семья: законный представитель', 'family/representatives/new'),
  childForm('Семья: телефон или почта', 'family/contacts/new'),
  childForm('Семья: выбытие, конец полномочий, удаление контакта', 'family/end'),
  childForm('Согласие: внести', 'consents/new'),
  childForm('Согласие: отозвать', 'consents/revoke'),
]
