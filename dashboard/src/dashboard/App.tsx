import { readClaims, useSession } from '../shared/session'
import { SignIn } from '../shared/SignIn'
import { ChildCardPage } from './ChildCardPage'
import { ROLE, VIEWER_SIDE } from './labels'
import { Link, navigate, usePath } from './navigation'
import { OverviewPage } from './OverviewPage'
import { ProvidersPage } from './ProvidersPage'
import { RegistryPage } from './RegistryPage'
import { ReportsPage } from './ReportsPage'
import { ServicesPage } from './ServicesPage'

const SECTIONS = [
  { path: '/dashboard', label: 'Обзор' },
  { path: '/dashboard/registry', label: 'Реестр детей' },
  { path: '/dashboard/reports', label: 'Отчёты' },
  { path: '/dashboard/providers', label: 'Поставщики' },
  { path: '/dashboard/services', label: 'Перечень услуг' },
]

function Page({ path, token }: { path: string; token: string }) {
  const child = /^\/dashboard\/children\/([^/]+)$/.exec(path)
  if (child) return <ChildCardPage key={child[1]} id={decodeURIComponent(child[1]!)} token={token} />
  if (path === '/dashboard/registry') return <RegistryPage token={token} />
  if (path === '/dashboard/reports') return <ReportsPage token={token} />
  if (path === '/dashboard/providers') return <ProvidersPage token={token} />
  if (path === '/dashboard/services') return <ServicesPage token={token} />
  return <OverviewPage token={token} />
}

/** The dashboard shell: sign-in, the signed-in user, navigation, and the page of the current path. */
export function App() {
  const { token, signedIn, signOut } = useSession()
  const path = usePath()
  if (!token) {
    return (
      <main className="page">
        <SignIn onSignedIn={signedIn} />
      </main>
    )
  }
  const claims = readClaims(token)
  return (
    <>
      <header className="top">
        <strong>Ранняя помощь</strong>
        <nav>
          {SECTIONS.map((section) => (
            <Link key={section.path} to={section.path} className={path === section.path ? 'active' : undefined}>
              {section.label}
            </Link>
          ))}
          <a href="/explorer">Обозреватель GraphQL</a>
        </nav>
        <span className="viewer">
          {ROLE[claims?.role ?? ''] ?? claims?.role}
          {claims?.side ? `, ${VIEWER_SIDE[claims.side] ?? claims.side}` : ''}
        </span>
        <button
          type="button"
          onClick={() => {
            signOut()
            navigate('/dashboard')
          }}
        >
          Выйти
        </button>
      </header>
      <main className="page">
        <Page path={path} token={token} />
      </main>
    </>
  )
}
