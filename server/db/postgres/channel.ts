/** The channel every table's change trigger notifies and every node listens on (migrate.ts, bridge-worker.ts). */
export const CHANNEL = 'gatecast_data'
