import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAttestations1795883444327 implements MigrationInterface {
  name = 'CreateAttestations1795883444327';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "attestation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "product_id" uuid NOT NULL, "requirement_id" uuid NOT NULL, "status" character varying(30) NOT NULL, "statement" character varying(4000) NOT NULL, "attested_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_attestation_status" CHECK (status IN ('IMPLEMENTED', 'PARTIALLY_IMPLEMENTED', 'PLANNED', 'NOT_APPLICABLE')), CONSTRAINT "PK_c5443ea47f1f49c64c47257a6a2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_attestation_product_requirement" ON "attestation"  ("product_id", "requirement_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "attestation_evidence" ("attestation_id" uuid NOT NULL, "evidence_id" uuid NOT NULL, CONSTRAINT "PK_6486af150b03e27abfb12061642" PRIMARY KEY ("attestation_id", "evidence_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_attestation_evidence_evidence" ON "attestation_evidence"  ("evidence_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "attestation_revision" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "attestation_id" uuid NOT NULL, "status" character varying(30) NOT NULL, "statement" character varying(4000) NOT NULL, "evidence_ids" uuid array NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_attestation_revision_status" CHECK (status IN ('IMPLEMENTED', 'PARTIALLY_IMPLEMENTED', 'PLANNED', 'NOT_APPLICABLE')), CONSTRAINT "PK_47367652425cfa61e09d2cdb1cc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_attestation_revision_attestation" ON "attestation_revision"  ("attestation_id", "recorded_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "attestation" ADD CONSTRAINT "fk_attestation_product" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attestation" ADD CONSTRAINT "fk_attestation_requirement" FOREIGN KEY ("requirement_id") REFERENCES "requirement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attestation_evidence" ADD CONSTRAINT "fk_attestation_evidence_attestation" FOREIGN KEY ("attestation_id") REFERENCES "attestation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attestation_evidence" ADD CONSTRAINT "fk_attestation_evidence_evidence" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attestation_revision" ADD CONSTRAINT "fk_attestation_revision_attestation" FOREIGN KEY ("attestation_id") REFERENCES "attestation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "attestation_revision" DROP CONSTRAINT "fk_attestation_revision_attestation"`,
    );
    await queryRunner.query(
      `ALTER TABLE "attestation_evidence" DROP CONSTRAINT "fk_attestation_evidence_evidence"`,
    );
    await queryRunner.query(
      `ALTER TABLE "attestation_evidence" DROP CONSTRAINT "fk_attestation_evidence_attestation"`,
    );
    await queryRunner.query(`ALTER TABLE "attestation" DROP CONSTRAINT "fk_attestation_requirement"`);
    await queryRunner.query(`ALTER TABLE "attestation" DROP CONSTRAINT "fk_attestation_product"`);
    await queryRunner.query(`DROP INDEX "public"."ix_attestation_revision_attestation"`);
    await queryRunner.query(`DROP TABLE "attestation_revision"`);
    await queryRunner.query(`DROP INDEX "public"."ix_attestation_evidence_evidence"`);
    await queryRunner.query(`DROP TABLE "attestation_evidence"`);
    await queryRunner.query(`DROP INDEX "public"."uq_attestation_product_requirement"`);
    await queryRunner.query(`DROP TABLE "attestation"`);
  }
}
