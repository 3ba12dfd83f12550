import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEvidence1795883182120 implements MigrationInterface {
  name = 'CreateEvidence1795883182120';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "evidence" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "product_id" uuid NOT NULL, "supplier_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "description" character varying(2000), "confidentiality" character varying(20) NOT NULL, "status" character varying(20) NOT NULL, "rejection_reason" character varying(1000), "file_name" character varying(200) NOT NULL, "media_type" character varying(120), "size_bytes" integer, "sha256" character(64), "content_scanned" boolean, "valid_from" TIMESTAMP WITH TIME ZONE, "valid_until" TIMESTAMP WITH TIME ZONE, "uploaded_at" TIMESTAMP WITH TIME ZONE, "upload_token_hash" character(64) NOT NULL, "upload_organization_id" uuid NOT NULL, "upload_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "upload_started_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_evidence_available" CHECK (status <> 'AVAILABLE' OR (sha256 IS NOT NULL AND size_bytes IS NOT NULL)), CONSTRAINT "ck_evidence_validity" CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_from <= valid_until), CONSTRAINT "ck_evidence_confidentiality" CHECK (confidentiality IN ('PUBLIC', 'SUBSCRIBERS', 'AGENCY_ONLY')), CONSTRAINT "ck_evidence_status" CHECK (status IN ('AWAITING_UPLOAD', 'AVAILABLE', 'REJECTED')), CONSTRAINT "PK_b864cb5d49854f89917fc0b44b9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_evidence_upload_token" ON "evidence"  ("upload_token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_evidence_valid_until" ON "evidence"  ("valid_until") WHERE status = 'AVAILABLE' AND valid_until IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_evidence_product" ON "evidence"  ("product_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "evidence_requirement" ("evidence_id" uuid NOT NULL, "requirement_id" uuid NOT NULL, CONSTRAINT "PK_60c758f73f8a6a707195f3a33f4" PRIMARY KEY ("evidence_id", "requirement_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_evidence_requirement_requirement" ON "evidence_requirement"  ("requirement_id", "evidence_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "fk_evidence_product" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "fk_evidence_supplier" FOREIGN KEY ("supplier_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_requirement" ADD CONSTRAINT "fk_evidence_requirement_evidence" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_requirement" ADD CONSTRAINT "fk_evidence_requirement_requirement" FOREIGN KEY ("requirement_id") REFERENCES "requirement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "evidence_requirement" DROP CONSTRAINT "fk_evidence_requirement_requirement"`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_requirement" DROP CONSTRAINT "fk_evidence_requirement_evidence"`,
    );
    await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "fk_evidence_supplier"`);
    await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "fk_evidence_product"`);
    await queryRunner.query(`DROP INDEX "public"."ix_evidence_requirement_requirement"`);
    await queryRunner.query(`DROP TABLE "evidence_requirement"`);
    await queryRunner.query(`DROP INDEX "public"."ix_evidence_product"`);
    await queryRunner.query(`DROP INDEX "public"."ix_evidence_valid_until"`);
    await queryRunner.query(`DROP INDEX "public"."uq_evidence_upload_token"`);
    await queryRunner.query(`DROP TABLE "evidence"`);
  }
}
