import type { MigrationInterface } from 'typeorm';
import { CreateOrganizationsAndAuditTrail1795882089979 } from './1795882089979-CreateOrganizationsAndAuditTrail.js';
import { CreateRegistryEventsAndWebhooks1795882498994 } from './1795882498994-CreateRegistryEventsAndWebhooks.js';
import { CreateProductsAndSubscriptions1795882777334 } from './1795882777334-CreateProductsAndSubscriptions.js';
import { CreateBaselines1795882957644 } from './1795882957644-CreateBaselines.js';
import { CreateEvidence1795883182120 } from './1795883182120-CreateEvidence.js';
import { CreateAttestations1795883444327 } from './1795883444327-CreateAttestations.js';
import { CreateAuditCheckpoints1795883487449 } from './1795883487449-CreateAuditCheckpoints.js';
import { CreateIdempotencyKeys1795884850904 } from './1795884850904-CreateIdempotencyKeys.js';
import { CreateIncidents1795883734998 } from './1795883734998-CreateIncidents.js';
import { CreateAssessmentsAndStatus1795884003754 } from './1795884003754-CreateAssessmentsAndStatus.js';
import { KeepSupplyChainStatus1796183120324 } from './1796183120324-KeepSupplyChainStatus.js';
import { CreateWebSessions1795890000000 } from './1795890000000-CreateWebSessions.js';
import { CustomerStatusOfSubscriptions1796100000000 } from './1796100000000-CustomerStatusOfSubscriptions.js';
import { CommitOrderedEventPositions1796100000100 } from './1796100000100-CommitOrderedEventPositions.js';
import { CreateApplicationRole1796100000200 } from './1796100000200-CreateApplicationRole.js';
import { OscalRequirements1796183144325 } from './1796183144325-OscalRequirements.js';
import { BaselineTransitionsAndDeltaAssessments1796183103895 } from './1796183103895-BaselineTransitionsAndDeltaAssessments.js';
import { CreateTokenRevocations1796200000100 } from './1796200000100-CreateTokenRevocations.js';
import { OfficialMunicipalityNames1796200000000 } from './1796200000000-OfficialMunicipalityNames.js';

/** In order of application. New migrations are appended here (see README, "Migrations"). */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  CreateOrganizationsAndAuditTrail1795882089979,
  CreateRegistryEventsAndWebhooks1795882498994,
  CreateProductsAndSubscriptions1795882777334,
  CreateBaselines1795882957644,
  CreateEvidence1795883182120,
  CreateAttestations1795883444327,
  CreateAuditCheckpoints1795883487449,
  CreateIncidents1795883734998,
  CreateAssessmentsAndStatus1795884003754,
  CreateIdempotencyKeys1795884850904,
  CreateWebSessions1795890000000,
  CustomerStatusOfSubscriptions1796100000000,
  CommitOrderedEventPositions1796100000100,
  CreateApplicationRole1796100000200,
  BaselineTransitionsAndDeltaAssessments1796183103895,
  KeepSupplyChainStatus1796183120324,
  OscalRequirements1796183144325,
  OfficialMunicipalityNames1796200000000,
  CreateTokenRevocations1796200000100,
];
