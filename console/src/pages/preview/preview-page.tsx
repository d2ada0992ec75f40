import type { PageProps } from '../index'
import './messages'
import './preview.css'
import { ScreenPicker } from './screen-picker'
import { ScreenPreview } from './screen-preview'

/**
 * The officials' remote preview (`#/preview/<screenId>`): the screen's own player code in a frame,
 * live, at another instant, or with versions waiting for approval. Without a screen: the picker.
 */
export function PreviewPage({ params, query }: PageProps) {
  const screenId = params[0]
  if (!screenId) return <ScreenPicker />
  return <ScreenPreview key={screenId} screenId={screenId} query={query} />
}
