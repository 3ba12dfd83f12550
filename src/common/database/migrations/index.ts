import type { MigrationInterface } from 'typeorm';
import { CreateOrganizationsAndAuditTrail1795882089979 } from './1795882089979-CreateOrganizationsAndAuditTrail.js';
import { CreateProductsAndSubscriptions1795882777334 } from './1795882777334-CreateProductsAndSubscriptions.js';
import { CreateAuditCheckpoints1795883487449 } from './1795883487449-CreateAuditCheckpoints.js';
import { CreateIdempotencyKeys1795884850904 } from './1795884850904-CreateIdempotencyKeys.js';

/** In order of application. New migrations are appended here (see README, "Migrations"). */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  CreateOrganizationsAndAuditTrail1795882089979,
  CreateProductsAndSubscriptions1795882777334,
  CreateAuditCheckpoints1795883487449,
  CreateIdempotencyKeys1795884850904,
];
