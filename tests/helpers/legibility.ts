/** What the legibility tests share: a far-read gate wall, and a slide too crowded for it. */

/** A gate wall: P6, read from 25 m. */
export const WALL = { pixelPitchMm: 6, viewingDistanceM: 25 }

/** A slide whose long text the fitter must shrink far below what 25 m needs on P6 (legible at arm's length). */
export const CROWDED_SLIDE = {
  id: 'crowded',
  kind: 'slide',
  durationMs: 300_000,
  text: {
    vi: { title: 'Thông báo', body: 'Quý khách vui lòng xuất trình hộ chiếu tại quầy. '.repeat(12) },
    zh: { title: '通知', body: '请在柜台出示护照。'.repeat(66) },
    en: { title: 'Notice', body: 'Please show your passport at the counter. '.repeat(12) },
  },
}
