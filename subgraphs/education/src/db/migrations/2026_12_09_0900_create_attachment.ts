// The same in every subgraph that keeps signed scans, so written once in the kit (frozen in time like this file).
export { up, down } from '../../../../kit/src/attachments/migration.js'
