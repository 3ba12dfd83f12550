import type { MigrationInterface } from 'typeorm';
import { CreateOrganizationsAndAuditTrail1795882089979 } from './1795882089979-CreateOrganizationsAndAuditTrail.js';

/** In order of application. New migrations are appended here (see README, "Migrations"). */
export const MIGRATIONS: (new () => MigrationInterface)[] = [CreateOrganizationsAndAuditTrail1795882089979];
