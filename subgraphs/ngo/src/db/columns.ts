/** One column list per table, aliasing snake_case to the camelCase rows resolvers receive. */
export const columns = {
  ngoSession: [
    'ngo_session.id',
    'ngo_session.child_id as childId',
    'ngo_session.provider_id as providerId',
    'ngo_session.service_code as serviceCode',
    'ngo_session.delivered_on as deliveredOn',
    'ngo_session.duration_minutes as durationMinutes',
    'ngo_session.mode',
    'ngo_session.attended',
  ],
  parentGroup: [
    'parent_group.id',
    'parent_group.provider_id as providerId',
    'parent_group.name',
    'parent_group.municipality_oktmo as municipalityOktmo',
  ],
  parentGroupParticipation: [
    'parent_group_participation.id',
    'parent_group_participation.parent_group_id as parentGroupId',
    'parent_group_participation.family_id as familyId',
    'parent_group_participation.joined_on as joinedOn',
    'parent_group_participation.left_on as leftOn',
  ],
} as const
