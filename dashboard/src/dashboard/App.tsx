import { useState } from 'react'
import { readPurpose } from '../shared/purpose'
import { readClaims, useSession } from '../shared/session'
import { SignIn } from '../shared/SignIn'
import { CaseloadsPage } from './CaseloadsPage'
import { ChildCardPage } from './ChildCardPage'
import { NgoPage } from './forms/ngo'
import { CHILD_ACTIONS, formAt } from './forms/routes'
import { HomePage } from './HomePage'
import { NotificationBell } from './NotificationBell'
import { NotificationsPage } from './NotificationsPage'
import { IntegrationsPage } from './IntegrationsPage'
import { ReferencePage } from './ReferencePage'
import { viewerLabel } from './labels'
import { Link, usePath } from './navigation'
import { OverviewPage } from './OverviewPage'
import { ProvidersPage } from './ProvidersPage'
import { PurposeChoice } from './PurposeChoice'
import { QueuePage } from './QueuePage'
import { RegistryImportPage } from './RegistryImportPage'
import { RegistryPage } from './RegistryPage'
import { ReportsPage } from './ReportsPage'
import {
  accessOf,
  mayOpen,
  NOTIFICATIONS_PATH,
  ownProvider,
  SECTIONS,
  sectionOfPath,
  seesNotifications,
  type Claims,
  type QueueId,
} from './roles'
import { ServicesPage } from './ServicesPage'

/** Links to the forms the viewer may use for this child; nothing when there are none. */
function childActions(childId: string, claims: Claims | null) {
  const allowed = CHILD_ACTIONS.filter((action) => action.allowed(claims))
  if (allowed.length === 0) return undefined
  return (
    <ul className="plain">
      {allowed.map((action) => (
        <li key={action.label}>
          <Link to={action.path(childId)}>{action.label}</Link>
        </li>
      ))}
    </ul>
  )
}

function Page({ path, token, claims }: { path: string; token: string; claims: Claims | null }) {
  const form = formAt(path)
  if (form?.route.allowed(claims)) return form.route.render(form.match, { token, claims })
  const access = accessOf(claims)
  // A path the role may not use (a form its route does not allow among them) opens the role's home page instead.
  const shown = !form && mayOpen(claims, path) ? path : SECTIONS[access.sections[0]!].path
  const provider = ownProvider(claims)
  const child = /^\/dashboard\/children\/([^/]+)$/.exec(shown)
  if (child) {
    const id = decodeURIComponent(child[1]!)
    return <ChildCardPage key={id} id={id} token={token} actions={childActions(id, claims)} />
  }
  const queue = /^\/dashboard\/queues\/([^/]+)$/.exec(shown)
  if (queue) return <QueuePage key={queue[1]} id={queue[1] as QueueId} token={token} provider={provider} />
  if (shown === NOTIFICATIONS_PATH) return <NotificationsPage token={token} />
  if (shown === '/dashboard/caseloads') return <CaseloadsPage token={token} />
  if (shown === '/dashboard/registry') return <RegistryPage token={token} />
  if (shown === '/dashboard/registry/import') return <RegistryImportPage token={token} />
  if (shown === '/dashboard/overview') return <OverviewPage token={token} />
  if (shown === '/dashboard/reports') return <ReportsPage token={token} mayFile={access.fileReports} />
  if (shown === '/dashboard/providers') return <ProvidersPage token={token} />
  if (shown === '/dashboard/services') return <ServicesPage token={token} claims={claims} />
  if (shown === '/dashboard/ngo') return <NgoPage token={token} claims={claims} />
  if (shown === '/dashboard/integrations') return <IntegrationsPage token={token} claims={claims} />
  if (shown === '/dashboard/reference') return <ReferencePage token={token} claims={claims} />
  const leads = claims?.role === 'specialist' || claims?.role === 'coordinator'
  return <HomePage queues={access.queues} token={token} provider={provider} leads={leads} />
}

/** The dashboard shell: sign-in, the signed-in user, navigation, and the page of the current path. */
export function App() {
  const { state, token, signIn, signOut } = useSession()
  const path = usePath()
  // A new purpose of access reads the page again under it.
  const [purpose, setPurpose] = useState(readPurpose)
  if (!token) {
    return (
      <main className="page">
        <SignIn state={state} onSignIn={signIn} />
      </main>
    )
  }
  const claims = readClaims(token)
  const access = accessOf(claims)
  const current = mayOpen(claims, path) ? sectionOfPath(path) : access.sections[0]
  return (
    <>
      <header className="top">
        <strong>Ранняя помощь</strong>
        <nav>
          {access.sections.map((id) => (
            <Link
              key={id}
              to={SECTIONS[id].path}
              className={current === id ? 'active' : undefined}
              current={current === id}
            >
              {SECTIONS[id].label}
            </Link>
          ))}
          <a href="/explorer">Обозреватель GraphQL</a>
        </nav>
        {seesNotifications(claims) && <NotificationBell token={token} path={path} />}
        <span className="viewer" title={claims?.name}>
          {viewerLabel(claims)}
        </span>
        <PurposeChoice onChange={setPurpose} />
        <button type="button" onClick={() => void signOut()}>
          Выйти
        </button>
      </header>
      <main className="page">
        <Page key={purpose} path={path} token={token} claims={claims} />
      </main>
    </>
  )
}
