// The same on every side that emits child-find signals, so written once in the kit (frozen in time like this file).
export { up, down } from '@hub/side-contract/signals/outbox-migration'
