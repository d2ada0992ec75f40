import type { PageProps } from '../index'
import { LayoutEditor } from './layout-editor'
import { LayoutList } from './layout-list'
import './layouts.css'

/**
 * Layouts (`#/layouts`): the list and the presets; `#/layouts/<id>` edits one, and
 * `#/layouts/new?preset=<id>` starts a new one from a preset.
 */
export function LayoutsPage({ params, query }: PageProps) {
  const id = params[0]
  if (!id) return <LayoutList />
  const layoutId = id === 'new' ? null : id
  return (
    <LayoutEditor
      key={`${id}?${query.get('preset') ?? ''}`}
      layoutId={layoutId}
      presetId={query.get('preset')}
      shapeParam={query.get('shape')}
    />
  )
}
