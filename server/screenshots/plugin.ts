import { join } from 'node:path'
import fp from 'fastify-plugin'
import { ChromiumRenderer } from './expected'
import { ScreenshotFiles } from './files'
import { ScreenshotService, type ScreenshotSettings } from './service'

declare module 'fastify' {
  interface FastifyInstance {
    screenshots: ScreenshotService
    screenshotFiles: ScreenshotFiles
  }
}

/** The screenshot service over `<DATA_DIR>/screenshots`, with a Chromium for expected pictures when configured. */
export const screenshotsPlugin = fp<{ dataDir: string; playerDir: string; settings: ScreenshotSettings }>(
  async (app, { dataDir, playerDir, settings }) => {
    const files = new ScreenshotFiles(join(dataDir, 'screenshots'))
    await files.init()
    app.decorate('screenshotFiles', files)
    const renderer = settings.chromium
      ? new ChromiumRenderer({
          chromiumPath: settings.chromium,
          playerDir,
          mediaDir: join(dataDir, 'media'),
          // The media store is decorated after this plugin; asked only once a render runs.
          ensureMedia: (name) => app.mediaStore.ensure(name),
          documentJson: (screenId) => app.repos.documents.latestJson(screenId),
          log: app.log,
        })
      : null
    if (renderer) app.addHook('onClose', () => renderer.close())
    app.decorate(
      'screenshots',
      new ScreenshotService(app.repos, files, app.log, settings, renderer, (shot, now) => {
        const screen = app.repos.screens.find(shot.screenId)
        if (screen) app.alerts.screenshotChecked(screen, shot, now)
      }),
    )
  },
  { name: 'screenshots', dependencies: ['services', 'alerts'] },
)
