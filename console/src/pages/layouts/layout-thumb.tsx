import type { Zone } from '@playlists/schemas/layout'

/** A small picture of a layout's zones at a panel's aspect (width ÷ height), for lists. */
export function LayoutThumb({
  zones,
  aspect,
}: {
  zones: readonly Pick<Zone, 'id' | 'x' | 'y' | 'width' | 'height'>[]
  aspect: number
}) {
  return (
    <span
      class="layout-thumb"
      aria-hidden="true"
      style={{ aspectRatio: String(aspect), width: aspect >= 1 ? '6rem' : `${6 * aspect}rem` }}
    >
      {zones.map((z) => (
        <span
          key={z.id}
          class={z.id === 'main' ? 'main' : undefined}
          style={{
            left: `${z.x * 100}%`,
            top: `${z.y * 100}%`,
            width: `${z.width * 100}%`,
            height: `${z.height * 100}%`,
          }}
        />
      ))}
    </span>
  )
}
