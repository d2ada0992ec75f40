import { useEffect } from 'preact/hooks'

/**
 * The browser's own "leave this page?" question while `active`: for changes that would be lost,
 * that is unsaved and not kept in this browser either (see useLocalDraft).
 */
export function useLeaveWarning(active: boolean) {
  useEffect(() => {
    if (!active) return
    const warn = (e: BeforeUnloadEvent) => e.preventDefault()
    addEventListener('beforeunload', warn)
    return () => removeEventListener('beforeunload', warn)
  }, [active])
}
