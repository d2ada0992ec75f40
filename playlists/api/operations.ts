import Type from 'typebox'
import { ApproveInput } from '../schemas/approval'
import { AuditEntry, AuditQuery } from '../schemas/audit'
import { IdParams } from '../schemas/common'
import { Emergency, EmergencyInput } from '../schemas/emergency'
import { route } from './route'

/** Emergency messages: sent, approved by another person, cleared. */
export const emergenciesApi = {
  list: route('GET', '/api/emergencies', { response: { 200: Type.Array(Emergency) } }),
  send: route('POST', '/api/emergencies', { body: EmergencyInput, response: { 201: Emergency } }),
  approve: route('POST', '/api/emergencies/:id/approve', {
    params: IdParams,
    body: Type.Union([ApproveInput, Type.Null()]),
    response: { 200: Emergency },
  }),
  clear: route('POST', '/api/emergencies/:id/clear', { params: IdParams, response: { 200: Emergency } }),
}

/** The audit log, read-only; the CSV is a download the console links to. */
export const auditApi = {
  list: route('GET', '/api/audit', { querystring: AuditQuery, response: { 200: Type.Array(AuditEntry) } }),
  csv: route('GET', '/api/audit.csv', { querystring: AuditQuery, response: { 200: Type.String() } }),
}
