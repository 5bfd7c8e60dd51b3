import type { SubgraphName } from '@hub/platform/sides'
import type { SpecialistRole } from '@hub/side-contract/staffing/database'

/** A side's name as its root fields spell it: `registerHealthSpecialist`, … */
const capitalised = (side: SubgraphName) => `${side[0]!.toUpperCase()}${side.slice(1)}`

export interface StaffingAnswer {
  missingRoles: SpecialistRole[]
  specialists: {
    id: string
    personnelNumber: string
    role: SpecialistRole
    employedFrom: string
    employedUntil: string | null
    trainings: { course: string; hours: number; completedOn: string; certificateNumber: string }[]
  }[]
}

/**
 * The staffing operations of one side, under its own root field names; aliases give every side's answer the same
 * shape (`specialist`, `training`, `staffing`), so that one assertion serves the four.
 */
export function staffingOperations(side: SubgraphName) {
  const name = capitalised(side)
  return {
    register: /* GraphQL */ `
      mutation ($input: RegisterSpecialistInput!) {
        specialist: register${name}Specialist(input: $input) {
          id
          personnelNumber
          role
          employedFrom
          employedUntil
          trainings {
            id
          }
        }
      }
    `,
    recordTraining: /* GraphQL */ `
      mutation ($input: RecordSpecialistTrainingInput!) {
        training: record${name}SpecialistTraining(input: $input) {
          id
          course
          hours
          completedOn
          certificateNumber
        }
      }
    `,
    end: /* GraphQL */ `
      mutation ($input: EndSpecialistEmploymentInput!) {
        specialist: end${name}SpecialistEmployment(input: $input) {
          id
          employedFrom
          employedUntil
        }
      }
    `,
    /** For `_entities` on Provider: the side's staffing field, aliased `staffing`. */
    staffingSelection: `fragment Selection on Provider {
      id
      staffing: ${side}Staffing {
        missingRoles
        specialists {
          id personnelNumber role employedFrom employedUntil
          trainings { course hours completedOn certificateNumber }
        }
      }
    }`,
  }
}
