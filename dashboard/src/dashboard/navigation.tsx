import { useEffect, useState, type MouseEvent, type ReactNode } from 'react'

/** The dashboard's routes are paths under /dashboard; the gateway serves the same page for each. */
export function navigate(to: string) {
  history.pushState(null, '', to)
  dispatchEvent(new PopStateEvent('popstate'))
}

export function usePath() {
  const [path, setPath] = useState(location.pathname)
  useEffect(() => {
    const update = () => setPath(location.pathname)
    addEventListener('popstate', update)
    return () => removeEventListener('popstate', update)
  }, [])
  return path
}

export function Link({
  to,
  children,
  className,
  current,
}: {
  to: string
  children: ReactNode
  className?: string
  /** Marks the link to the page the user is on (`aria-current`). */
  current?: boolean
}) {
  const follow = (event: MouseEvent) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    navigate(to)
  }
  return (
    <a href={to} onClick={follow} className={className} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  )
}
