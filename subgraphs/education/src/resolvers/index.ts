import { DateScalar } from '../../../kit/src/scalars.js'
import type { Resolvers } from '../__generated__/resolvers-types.js'
import { Child } from './Child.js'
import { ChildEducation } from './ChildEducation.js'
import { Kindergarten } from './Kindergarten.js'
import { PreschoolApplication } from './PreschoolApplication.js'

export const resolvers: Resolvers = {
  Date: DateScalar,
  Child,
  ChildEducation,
  PreschoolApplication,
  Kindergarten,
}
