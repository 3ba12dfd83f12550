import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { In, Repository } from 'typeorm';
import { type Actor, isAgency } from '../common/actor.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../common/errors/domain-error.js';
import { keysetConnection, likeContains } from '../common/database/keyset.js';
import { isUniqueViolation, UnitOfWork } from '../common/database/unit-of-work.js';
import type { ConnectionShape } from '../common/graphql/connection.js';
import { BY_NAME, pageRequest } from '../common/graphql/cursor.js';
import { fromGlobalId } from '../common/graphql/global-id.js';
import { NodeType } from '../common/graphql/node-type.js';
import type { Organization } from './dto/organization.model.js';
import type { OrganizationsArgs, RegisterOrganizationArgs } from './dto/organizations.args.js';
import { OrganizationEntity } from './organization.entity.js';
import { ORGANIZATION_TYPE, organizationId, toOrganization } from './organization.mapper.js';
import { checkOrgNumber } from './org-number.js';
import { toSearchName } from './search-name.js';

/**
 * Organisations are the registry's tenants. Every signed-in caller may list them (name, kind and
 * codes are public facts); details beyond that are for the agency.
 */
@Injectable()
export class OrganizationsService {
  constructor(
    @InjectRepository(OrganizationEntity) private readonly repository: Repository<OrganizationEntity>,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async list(_actor: Actor, args: OrganizationsArgs): Promise<ConnectionShape<Organization>> {
    const qb = this.repository.createQueryBuilder('o');
    if (args.kind) qb.andWhere('o.kind = :kind', { kind: args.kind });
    const search = args.search ? toSearchName(args.search) : '';
    if (search) qb.andWhere(`o.search_name LIKE :search ESCAPE '\\'`, { search: likeContains(search) });
    return keysetConnection(
      qb,
      [
        { column: 'o.search_name', value: (o) => o.searchName },
        { column: 'o.id', value: (o) => o.id },
      ],
      'ASC',
      pageRequest(args, BY_NAME),
      toOrganization,
    );
  }

  /** By opaque id; NOT_FOUND for anything else. */
  async get(actor: Actor, id: string): Promise<Organization> {
    const uuid = fromGlobalId(id, ORGANIZATION_TYPE);
    const found = uuid ? await this.findByUuid(actor, uuid) : null;
    if (!found) throw new NotFoundError('Organization');
    return found;
  }

  @NodeType(ORGANIZATION_TYPE)
  async findByUuid(_actor: Actor, uuid: string): Promise<Organization | null> {
    const entity = await this.repository.findOneBy({ id: uuid });
    return entity ? toOrganization(entity) : null;
  }

  /** By organisation number (NNNNNN-NNNN), or null. */
  async findByOrgNumber(_actor: Actor, orgNumber: string): Promise<Organization | null> {
    if (!/^\d{6}-\d{4}$/.test(orgNumber)) return null;
    const entity = await this.repository.findOneBy({ orgNumber });
    return entity ? toOrganization(entity) : null;
  }

  /** Batches organisation lookups of one request (e.g. every product's supplier). */
  loader(_actor: Actor): DataLoader<string, Organization | null> {
    return new DataLoader(async (ids: readonly string[]) => {
      const rows = await this.repository.findBy({ id: In([...ids]) });
      const byId = new Map(rows.map((row) => [row.id, toOrganization(row)]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  async register(actor: Actor, args: RegisterOrganizationArgs): Promise<Organization> {
    const check = checkOrgNumber(args.orgNumber);
    if (!check.ok) throw BadUserInputError.field('orgNumber', check.reason);
    const name = args.name.trim().replace(/\s+/g, ' ');
    if (name.length < 2) throw BadUserInputError.field('name', 'must be 2 to 200 characters');
    return this.unitOfWork.run(actor, async (tx) => {
      const repository = tx.em.getRepository(OrganizationEntity);
      try {
        const saved = await repository.save(
          repository.create({
            kind: args.kind,
            name,
            searchName: toSearchName(name),
            orgNumber: check.value,
            municipalityCode: null,
            countyCode: null,
          }),
        );
        tx.audit('organization.registered', ORGANIZATION_TYPE, organizationId(saved.id));
        return toOrganization(saved);
      } catch (error) {
        if (isUniqueViolation(error, 'uq_organization_org_number')) {
          throw new ConflictError(`An organisation with number ${check.value} is already registered`);
        }
        throw error;
      }
    });
  }

  /** Whether the caller may see agency-only details of organisations. */
  seesDetails(actor: Actor): boolean {
    return isAgency(actor);
  }
}
