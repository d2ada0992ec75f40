// The test oracle (a dev dependency shipping no types): only what lunar-calendar.test.ts calls.
declare module 'lunar-javascript' {
  export interface Lunar {
    getYear(): number
    /** Negative for a leap month. */
    getMonth(): number
    getDay(): number
  }
  export const Solar: { fromYmd(year: number, month: number, day: number): { getLunar(): Lunar } }
}
