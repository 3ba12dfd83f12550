import { OrganizationKind, Role } from '../common/actor.js';
import { materialiseAudience, receives, receivesSql } from './event-audience.js';

const org = (organizationKind: OrganizationKind, organizationId: string) => ({
  subject: 'someone',
  organizationId,
  organizationKind,
  roles: [Role.VIEWER],
});

describe('event audience', () => {
  it('materialises ALL as a flag and a list without repeats', () => {
    expect(materialiseAudience('ALL')).toEqual({ audienceAll: true, recipients: [] });
    expect(materialiseAudience(['a', 'b', 'a'])).toEqual({ audienceAll: false, recipients: ['a', 'b'] });
  });

  it('sends the agency everything, others what is addressed to all or to them', () => {
    const toB = materialiseAudience(['b']);
    expect(receives(org(OrganizationKind.AGENCY, 'x'), toB)).toBe(true);
    expect(receives(org(OrganizationKind.SUPPLIER, 'b'), toB)).toBe(true);
    expect(receives(org(OrganizationKind.SUPPLIER, 'c'), toB)).toBe(false);
    expect(receives(org(OrganizationKind.SUPPLIER, 'c'), materialiseAudience('ALL'))).toBe(true);
  });

  it('states the same rule in SQL over the materialised audience', () => {
    const sql = receivesSql('e', '$1', '$2::boolean');
    expect(sql).toContain('$2::boolean OR e.audience_all OR EXISTS');
    expect(sql).toContain('r.event_id = e.id AND r.organization_id = $1');
  });
});
