/**
 * The app's decorations (app.repos, app.clock, request.user…) are declared beside the plugins
 * that add them. The server's type declarations, which the tests compile against (tsconfig
 * references), keep side-effect imports: importing those modules here, from app.ts, carries the
 * declarations to every importer of the app. At run time app.ts imports them anyway.
 */
import './alerts/plugin'
import './feeds/plugin'
import './cap/plugin'
import './media/store'
import './outbound/plugin'
import './plugins/auth'
import './plugins/backups'
import './plugins/compute'
import './plugins/db'
import './plugins/jobs'
import './plugins/metrics'
import './plugins/realtime'
import './plugins/services'
import './screenshots/plugin'
