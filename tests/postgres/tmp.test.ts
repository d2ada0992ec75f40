import { test, expect } from 'vitest'
import pg from 'pg'
import { startPostgres } from '../helpers/postgres'
test('pg', async () => {
  const t0 = Date.now()
  const s = await startPostgres()
  console.log('started in', Date.now() - t0)
  const c = new pg.Client(s.url); await c.connect()
  console.log((await c.query('select version()')).rows[0])
  await c.end()
  const t1 = Date.now()
  await s.stop()
  console.log('stopped in', Date.now() - t1)
}, 60000)
