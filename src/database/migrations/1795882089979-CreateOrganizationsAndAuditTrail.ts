import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrganizationsAndAuditTrail1795882089979 implements MigrationInterface {
  name = 'CreateOrganizationsAndAuditTrail1795882089979';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_entry" ("seq" bigint NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_subject" character varying(200) NOT NULL, "actor_organization_id" uuid, "action" character varying(100) NOT NULL, "entity_type" character varying(60) NOT NULL, "entity_id" character varying(200) NOT NULL, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_bb4ea39cbd1686232d5fdda3a01" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_entry_entity" ON "audit_entry"  ("entity_id", "seq") `);
    await queryRunner.query(
      `CREATE TABLE "audit_head" ("id" smallint NOT NULL, "seq" bigint NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_d3ed64edb3e208e83ccb5da589a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "organization" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(20) NOT NULL, "name" character varying(200) NOT NULL, "search_name" character varying(200) NOT NULL, "org_number" character varying(11), "municipality_code" character(4), "county_code" character(2), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_organization_kind" CHECK (kind IN ('AGENCY', 'ASSESSOR', 'SUPPLIER', 'MUNICIPALITY', 'REGION', 'PUBLIC_BODY')), CONSTRAINT "PK_472c1f99a32def1b0abb219cd67" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_organization_kind_name" ON "organization"  ("kind", "search_name") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_organization_single_agency" ON "organization"  ("kind") WHERE kind = 'AGENCY'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_organization_region_county" ON "organization"  ("county_code") WHERE kind = 'REGION'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_organization_municipality_code" ON "organization"  ("municipality_code") WHERE municipality_code IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_organization_org_number" ON "organization"  ("org_number") WHERE org_number IS NOT NULL`,
    );

    // Hand-written: the chain's head row, and the rule that audit rows are never changed or removed.
    await queryRunner.query(`INSERT INTO "audit_head" ("id", "seq", "hash") VALUES (1, 0, repeat('0', 64))`);
    await queryRunner.query(`CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit entries are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_entry_no_update_or_delete BEFORE UPDATE OR DELETE ON "audit_entry" FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON "audit_entry" FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_entry_no_truncate ON "audit_entry"`);
    await queryRunner.query(`DROP TRIGGER audit_entry_no_update_or_delete ON "audit_entry"`);
    await queryRunner.query(`DROP FUNCTION audit_entry_append_only()`);
    await queryRunner.query(`DROP INDEX "public"."uq_organization_org_number"`);
    await queryRunner.query(`DROP INDEX "public"."uq_organization_municipality_code"`);
    await queryRunner.query(`DROP INDEX "public"."uq_organization_region_county"`);
    await queryRunner.query(`DROP INDEX "public"."uq_organization_single_agency"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organization_kind_name"`);
    await queryRunner.query(`DROP TABLE "organization"`);
    await queryRunner.query(`DROP TABLE "audit_head"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_entry_entity"`);
    await queryRunner.query(`DROP TABLE "audit_entry"`);
  }
}
