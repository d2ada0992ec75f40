import Type from 'typebox'
import {
  PlaysCsvQuery,
  PlaysReport,
  PlaysReportQuery,
  UptimeCsvQuery,
  UptimeReport,
  UptimeReportQuery,
} from '../schemas/reports'
import { route } from './route'

/** The reports, and the CSV downloads the console links to. */
export const reportsApi = {
  plays: route('GET', '/api/reports/plays', {
    querystring: PlaysReportQuery,
    response: { 200: PlaysReport },
  }),
  playsCsv: route('GET', '/api/reports/plays.csv', {
    querystring: PlaysCsvQuery,
    response: { 200: Type.String() },
  }),
  uptime: route('GET', '/api/reports/uptime', {
    querystring: UptimeReportQuery,
    response: { 200: UptimeReport },
  }),
  uptimeCsv: route('GET', '/api/reports/uptime.csv', {
    querystring: UptimeCsvQuery,
    response: { 200: Type.String() },
  }),
}
