import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BaselineTransitionsAndDeltaAssessments1796183103895 implements MigrationInterface {
  name = 'BaselineTransitionsAndDeltaAssessments1796183103895';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "baseline" ADD "transition_ends_at" TIMESTAMP WITH TIME ZONE`);
    // Versions published before transitions existed get the default: twelve months.
    await queryRunner.query(
      `UPDATE "baseline" SET "transition_ends_at" = "published_at" + interval '12 months' WHERE "published_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD "scope" character varying(10) NOT NULL DEFAULT 'FULL'`,
    );
    await queryRunner.query(`ALTER TABLE "finding" ADD "carried_over_from_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "product_baseline_status" ADD "next_evidence_expiry_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "product_baseline_status" ADD "evidence_expiries" jsonb NOT NULL DEFAULT '[]'::jsonb`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD CONSTRAINT "ck_assessment_scope" CHECK (scope IN ('FULL', 'DELTA'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "finding" ADD CONSTRAINT "fk_finding_carried_over_from" FOREIGN KEY ("carried_over_from_id") REFERENCES "finding"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "finding" DROP CONSTRAINT "fk_finding_carried_over_from"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP CONSTRAINT "ck_assessment_scope"`);
    await queryRunner.query(`ALTER TABLE "product_baseline_status" DROP COLUMN "evidence_expiries"`);
    await queryRunner.query(`ALTER TABLE "product_baseline_status" DROP COLUMN "next_evidence_expiry_at"`);
    await queryRunner.query(`ALTER TABLE "finding" DROP COLUMN "carried_over_from_id"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP COLUMN "scope"`);
    await queryRunner.query(`ALTER TABLE "baseline" DROP COLUMN "transition_ends_at"`);
  }
}
