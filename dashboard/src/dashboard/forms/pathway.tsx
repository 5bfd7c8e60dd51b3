import type { ReactNode } from 'react'
import type { Claims } from '../roles'
import { Link } from '../navigation'
import { mayDecide, mayDecideFor, mayProgramme, mayRecordSocialSession, mayRefer } from './pathway-access'
import {
  DraftProgrammeForm,
  ExitProgrammeForm,
  ReviewProgrammeForm,
  SignProgrammeForm,
  SocialSessionForm,
} from './ProgrammeForms'
import { ReferForm } from './ReferForm'
import { DecideReferralForm, NeedDeterminationForm, ReferralClockForm } from './ReferralForms'
import type { ChildAction, FormRoute } from './routes'

/**
 * The pathway's forms (social's mutations): referral, the provider's decision and clocks, the need determination, and
 * the ИПРП drafted, signed, reviewed and ended, with the sessions of social's own centres.
 */
const ID = '([0-9a-fA-F-]{36})'

export const PATHS = {
  refer: (childId: string) => `/dashboard/children/${childId}/refer`,
  decide: (referralId: string) => `/dashboard/referrals/${referralId}/decision`,
  clock: (referralId: string) => `/dashboard/referrals/${referralId}/clock`,
  need: (referralId: string) => `/dashboard/referrals/${referralId}/need`,
  draft: (childId: string) => `/dashboard/children/${childId}/programmes/new`,
  sign: (childId: string, programmeId: string) => `/dashboard/children/${childId}/programmes/${programmeId}/sign`,
  review: (childId: string, programmeId: string) => `/dashboard/children/${childId}/programmes/${programmeId}/review`,
  exit: (childId: string) => `/dashboard/children/${childId}/programme-exit`,
  session: (childId: string) => `/dashboard/children/${childId}/social-session`,
}

export const PATHWAY_ROUTES: readonly FormRoute[] = [
  {
    pattern: new RegExp(`^/dashboard/children/${ID}/refer$`),
    allowed: mayRefer,
    render: (match, { token, claims }) => <ReferForm childId={match[1]!} token={token} claims={claims} />,
  },
  {
    pattern: new RegExp(`^/dashboard/referrals/${ID}/decision$`),
    allowed: mayDecide,
    render: (match, { token }) => <DecideReferralForm id={match[1]!} token={token} />,
  },
  {
    pattern: new RegExp(`^/dashboard/referrals/${ID}/clock$`),
    allowed: mayDecide,
    render: (match, { token }) => <ReferralClockForm id={match[1]!} token={token} />,
  },
  {
    pattern: new RegExp(`^/dashboard/referrals/${ID}/need$`),
    allowed: mayDecide,
    render: (match, { token }) => <NeedDeterminationForm id={match[1]!} token={token} />,
  },
  {
    pattern: new RegExp(`^/dashboard/children/${ID}/programmes/new$`),
    allowed: mayProgramme,
    render: (match, { token }) => <DraftProgrammeForm childId={match[1]!} token={token} />,
  },
  {
    pattern: new RegExp(`^/dashboard/children/${ID}/programmes/${ID}/sign$`),
    allowed: mayProgramme,
    render: (match, { token }) => <SignProgrammeForm childId={match[1]!} programmeId={match[2]!} token={token} />,
  },
  {
    pattern: new RegExp(`^/dashboard/children/${ID}/programmes/${ID}/review$`),
    allowed: mayProgramme,
    render: (match, { token }) => <ReviewProgrammeForm childId={match[1]!} programmeId={match[2]!} token={token} />,
  },
  {
    pattern: new RegExp(`^/dashboard/children/${ID}/programme-exit$`),
    allowed: mayProgramme,
    render: (match, { token }) => <ExitProgrammeForm childId={match[1]!} token={token} />,
  },
  {
    pattern: new RegExp(`^/dashboard/children/${ID}/social-session$`),
    allowed: mayRecordSocialSession,
    render: (match, { token }) => <SocialSessionForm childId={match[1]!} token={token} />,
  },
]

export const PATHWAY_CHILD_ACTIONS: readonly ChildAction[] = [
  { label: 'Направить к поставщику', path: PATHS.refer, allowed: mayRefer },
  { label: 'Разработать проект ИПРП', path: PATHS.draft, allowed: mayProgramme },
  { label: 'Завершить ИПРП', path: PATHS.exit, allowed: mayProgramme },
  { label: 'Внести занятие соцзащиты', path: PATHS.session, allowed: mayRecordSocialSession },
]

/** What the card and the queues know of a referral: enough to tell which step comes next. */
export interface ReferralState {
  id: string
  status: string
  needOutcome?: string | null
  programmeSignedOn?: string | null
  provider: { id: string }
  pauses?: readonly { endedOn?: string | null }[]
}

/** The steps the viewer may take on a referral now, in the order of the pathway. */
export function referralSteps(referral: ReferralState, claims: Claims | null) {
  if (!mayDecideFor(claims, referral.provider.id)) return []
  const steps: { label: string; path: string }[] = []
  if (referral.status === 'RECEIVED') steps.push({ label: 'Принять или отказать', path: PATHS.decide(referral.id) })
  if (referral.status === 'ACCEPTED' && !referral.needOutcome) {
    steps.push({ label: 'Определение нуждаемости', path: PATHS.need(referral.id) })
  }
  if (referral.status !== 'REJECTED' && !referral.programmeSignedOn && referral.pauses) {
    const paused = referral.pauses.some((pause) => !pause.endedOn)
    steps.push({ label: paused ? 'Возобновить сроки' : 'Приостановить сроки', path: PATHS.clock(referral.id) })
  }
  return steps
}

/** The steps the viewer may take on a version of the ИПРП now. */
export function programmeSteps(childId: string, programme: { id: string; status: string }, claims: Claims | null) {
  if (!mayProgramme(claims)) return []
  if (programme.status === 'DRAFT') return [{ label: 'Подписать ИПРП', path: PATHS.sign(childId, programme.id) }]
  if (programme.status === 'SIGNED') return [{ label: 'Внести оценку', path: PATHS.review(childId, programme.id) }]
  return []
}

/** The steps as links, for the card's referral and programme sections and the queues' rows. */
export function StepLinks({ steps }: { steps: readonly { label: string; path: string }[] }): ReactNode {
  if (steps.length === 0) return null
  return (
    <ul className="step-links">
      {steps.map((step) => (
        <li key={step.path}>
          <Link to={step.path}>{step.label}</Link>
        </li>
      ))}
    </ul>
  )
}
