// The same on the health, education and ngo sides, so written once in the kit (frozen in time like this file).
export { up, down } from '@hub/side-contract/child-merge-migration'
