import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { OrganizationKind } from '../common/actor.js';

@Entity('organization')
@Check(
  'ck_organization_kind',
  `kind IN ('AGENCY', 'ASSESSOR', 'SUPPLIER', 'MUNICIPALITY', 'REGION', 'PUBLIC_BODY')`,
)
@Index('uq_organization_org_number', ['orgNumber'], { unique: true, where: 'org_number IS NOT NULL' })
@Index('uq_organization_municipality_code', ['municipalityCode'], {
  unique: true,
  where: 'municipality_code IS NOT NULL',
})
@Index('uq_organization_region_county', ['countyCode'], { unique: true, where: `kind = 'REGION'` })
@Index('uq_organization_single_agency', ['kind'], { unique: true, where: `kind = 'AGENCY'` })
@Index('ix_organization_kind_name', ['kind', 'searchName'])
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  kind: OrganizationKind;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Lower-cased, accents stripped: what name searches match against. */
  @Column({ type: 'varchar', length: 200 })
  searchName: string;

  @Column({ type: 'varchar', length: 11, nullable: true })
  orgNumber: string | null;

  @Column({ type: 'char', length: 4, nullable: true })
  municipalityCode: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  countyCode: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
