import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIncidents1795883734998 implements MigrationInterface {
  name = 'CreateIncidents1795883734998';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "incident" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "supplier_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "description" character varying(4000) NOT NULL, "severity" character varying(10) NOT NULL, "state" character varying(10) NOT NULL, "detected_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE, "resolution_summary" character varying(2000), "data_categories" text array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_incident_resolved" CHECK ((state = 'RESOLVED') = (resolved_at IS NOT NULL)), CONSTRAINT "ck_incident_state" CHECK (state IN ('OPEN', 'RESOLVED')), CONSTRAINT "ck_incident_severity" CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')), CONSTRAINT "PK_5f90b28b0b8238d89ee8edcf96e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_incident_supplier_reported" ON "incident"  ("supplier_id", "reported_at", "id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_incident_reported" ON "incident"  ("reported_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "incident_product" ("incident_id" uuid NOT NULL, "product_id" uuid NOT NULL, CONSTRAINT "PK_0c8b5db9741cacefdc13b78d74a" PRIMARY KEY ("incident_id", "product_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_incident_product_product" ON "incident_product"  ("product_id", "incident_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "incident" ADD CONSTRAINT "fk_incident_supplier" FOREIGN KEY ("supplier_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "incident_product" ADD CONSTRAINT "fk_incident_product_incident" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "incident_product" ADD CONSTRAINT "fk_incident_product_product" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "incident_product" DROP CONSTRAINT "fk_incident_product_product"`);
    await queryRunner.query(`ALTER TABLE "incident_product" DROP CONSTRAINT "fk_incident_product_incident"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP CONSTRAINT "fk_incident_supplier"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_product_product"`);
    await queryRunner.query(`DROP TABLE "incident_product"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_reported"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_supplier_reported"`);
    await queryRunner.query(`DROP TABLE "incident"`);
  }
}
