import { type Actor, OrganizationKind } from '../common/actor.js';

/**
 * The visitor of the public registry, as an actor: no organisation (a uuid no organisation has)
 * and no role, so no policy of the permission table admits it and every service rule that
 * depends on membership or subscription (evidence confidentiality, for one) shows it only what
 * is public. Pages for it call the same services as the API.
 */
export const PUBLIC_VISITOR: Actor = Object.freeze({
  subject: 'public-visitor',
  organizationId: '00000000-0000-0000-0000-000000000000',
  organizationKind: OrganizationKind.PUBLIC_BODY,
  roles: [],
});
