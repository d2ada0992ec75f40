import { join } from 'node:path'
import fp from 'fastify-plugin'
import { ScreenshotFiles } from './files'
import { ScreenshotService, type ScreenshotSettings } from './service'

declare module 'fastify' {
  interface FastifyInstance {
    screenshots: ScreenshotService
    screenshotFiles: ScreenshotFiles
  }
}

/** The screenshot service over `<DATA_DIR>/screenshots`. */
export const screenshotsPlugin = fp<{ dataDir: string; settings: ScreenshotSettings }>(
  async (app, { dataDir, settings }) => {
    const files = new ScreenshotFiles(join(dataDir, 'screenshots'))
    await files.init()
    app.decorate('screenshotFiles', files)
    app.decorate(
      'screenshots',
      new ScreenshotService(app.repos, files, app.log, settings, null, (shot, now) => {
        const screen = app.repos.screens.find(shot.screenId)
        if (screen) app.alerts.screenshotChecked(screen, shot, now)
      }),
    )
  },
  { name: 'screenshots', dependencies: ['services', 'alerts'] },
)
