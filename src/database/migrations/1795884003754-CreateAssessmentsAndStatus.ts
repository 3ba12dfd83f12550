import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAssessmentsAndStatus1795884003754 implements MigrationInterface {
  name = 'CreateAssessmentsAndStatus1795884003754';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "assessment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "product_id" uuid NOT NULL, "baseline_id" uuid NOT NULL, "state" character varying(20) NOT NULL, "assessor_id" uuid, "outcome" character varying(30), "requested_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "valid_until" TIMESTAMP WITH TIME ZONE, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_assessment_assessor" CHECK (state = 'REQUESTED' OR state = 'WITHDRAWN' OR assessor_id IS NOT NULL), CONSTRAINT "ck_assessment_completed" CHECK ((state = 'COMPLETED') = (outcome IS NOT NULL AND completed_at IS NOT NULL AND valid_until IS NOT NULL)), CONSTRAINT "ck_assessment_outcome" CHECK (outcome IS NULL OR outcome IN ('APPROVED', 'APPROVED_WITH_CONDITIONS', 'REJECTED')), CONSTRAINT "ck_assessment_state" CHECK (state IN ('REQUESTED', 'IN_PROGRESS', 'COMPLETED', 'WITHDRAWN')), CONSTRAINT "PK_c511a7dc128256876b6b1719401" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessment_assessor" ON "assessment"  ("assessor_id", "requested_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessment_state" ON "assessment"  ("state", "requested_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessment_product" ON "assessment"  ("product_id", "requested_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_assessment_open" ON "assessment"  ("product_id", "baseline_id") WHERE state IN ('REQUESTED', 'IN_PROGRESS')`,
    );
    await queryRunner.query(
      `CREATE TABLE "finding" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "assessment_id" uuid NOT NULL, "requirement_id" uuid NOT NULL, "result" character varying(30) NOT NULL, "note" character varying(4000), "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_finding_result" CHECK (result IN ('SATISFIED', 'PARTIALLY_SATISFIED', 'NOT_SATISFIED', 'NOT_APPLICABLE')), CONSTRAINT "PK_a904dfcf401ccfbaa60bb6eec29" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_finding_assessment_requirement" ON "finding"  ("assessment_id", "requirement_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "finding_evidence" ("finding_id" uuid NOT NULL, "evidence_id" uuid NOT NULL, CONSTRAINT "PK_232a9b1131d42eda7f640ab78b5" PRIMARY KEY ("finding_id", "evidence_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_finding_evidence_evidence" ON "finding_evidence"  ("evidence_id", "finding_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "remediation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "finding_id" uuid NOT NULL, "product_id" uuid NOT NULL, "description" character varying(2000) NOT NULL, "due_date" TIMESTAMP WITH TIME ZONE NOT NULL, "state" character varying(10) NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE, "overdue_notified_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_remediation_done" CHECK ((state = 'DONE') = (completed_at IS NOT NULL)), CONSTRAINT "ck_remediation_state" CHECK (state IN ('OPEN', 'DONE')), CONSTRAINT "PK_626cbb652380ee2252e20067f10" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_remediation_overdue" ON "remediation"  ("due_date") WHERE state = 'OPEN' AND overdue_notified_at IS NULL`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_remediation_finding" ON "remediation"  ("finding_id") `);
    await queryRunner.query(
      `CREATE TABLE "product_status" ("product_id" uuid NOT NULL, "series_key" character varying(64), "suspended_at" TIMESTAMP WITH TIME ZONE, "suspension_reason" character varying(1000), "open_incidents" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b1eb385b1da8831cb0341147c80" PRIMARY KEY ("product_id"))`,
    );
    await queryRunner.query(`CREATE TABLE "product_baseline_status" ("product_id" uuid NOT NULL, "baseline_id" uuid NOT NULL, "tier" character varying(10) NOT NULL, "completed_assessment_id" uuid, "outcome" character varying(30), "assessed_at" TIMESTAMP WITH TIME ZONE, "valid_until" TIMESTAMP WITH TIME ZONE, "open_assessment_id" uuid, "open_state" character varying(20), "open_requested_at" TIMESTAMP WITH TIME ZONE, "open_started_at" TIMESTAMP WITH TIME ZONE, "satisfied" integer NOT NULL, "partially_satisfied" integer NOT NULL, "not_satisfied" integer NOT NULL, "not_applicable" integer NOT NULL, "not_assessed" integer NOT NULL, "open_remediations" integer NOT NULL, "done_remediations" integer NOT NULL, "next_remediation_due_at" TIMESTAMP WITH TIME ZONE, "remediations" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_product_baseline_status_counts" CHECK (satisfied >= 0 AND partially_satisfied >= 0 AND not_satisfied >= 0
  AND not_applicable >= 0 AND not_assessed >= 0 AND open_remediations >= 0 AND done_remediations >= 0), CONSTRAINT "PK_85e8553f1d193af5fcbe99cd967" PRIMARY KEY ("product_id", "baseline_id"))`);
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD CONSTRAINT "fk_assessment_product" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD CONSTRAINT "fk_assessment_baseline" FOREIGN KEY ("baseline_id") REFERENCES "baseline"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD CONSTRAINT "fk_assessment_assessor" FOREIGN KEY ("assessor_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "finding" ADD CONSTRAINT "fk_finding_assessment" FOREIGN KEY ("assessment_id") REFERENCES "assessment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "finding" ADD CONSTRAINT "fk_finding_requirement" FOREIGN KEY ("requirement_id") REFERENCES "requirement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "finding_evidence" ADD CONSTRAINT "fk_finding_evidence_finding" FOREIGN KEY ("finding_id") REFERENCES "finding"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "finding_evidence" ADD CONSTRAINT "fk_finding_evidence_evidence" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "remediation" ADD CONSTRAINT "fk_remediation_finding" FOREIGN KEY ("finding_id") REFERENCES "finding"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "remediation" ADD CONSTRAINT "fk_remediation_product" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "product_status" ADD CONSTRAINT "fk_product_status_product" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "product_baseline_status" ADD CONSTRAINT "fk_product_baseline_status_product" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "product_baseline_status" ADD CONSTRAINT "fk_product_baseline_status_baseline" FOREIGN KEY ("baseline_id") REFERENCES "baseline"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "product_baseline_status" DROP CONSTRAINT "fk_product_baseline_status_baseline"`,
    );
    await queryRunner.query(
      `ALTER TABLE "product_baseline_status" DROP CONSTRAINT "fk_product_baseline_status_product"`,
    );
    await queryRunner.query(`ALTER TABLE "product_status" DROP CONSTRAINT "fk_product_status_product"`);
    await queryRunner.query(`ALTER TABLE "remediation" DROP CONSTRAINT "fk_remediation_product"`);
    await queryRunner.query(`ALTER TABLE "remediation" DROP CONSTRAINT "fk_remediation_finding"`);
    await queryRunner.query(`ALTER TABLE "finding_evidence" DROP CONSTRAINT "fk_finding_evidence_evidence"`);
    await queryRunner.query(`ALTER TABLE "finding_evidence" DROP CONSTRAINT "fk_finding_evidence_finding"`);
    await queryRunner.query(`ALTER TABLE "finding" DROP CONSTRAINT "fk_finding_requirement"`);
    await queryRunner.query(`ALTER TABLE "finding" DROP CONSTRAINT "fk_finding_assessment"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP CONSTRAINT "fk_assessment_assessor"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP CONSTRAINT "fk_assessment_baseline"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP CONSTRAINT "fk_assessment_product"`);
    await queryRunner.query(`DROP TABLE "product_baseline_status"`);
    await queryRunner.query(`DROP TABLE "product_status"`);
    await queryRunner.query(`DROP INDEX "public"."uq_remediation_finding"`);
    await queryRunner.query(`DROP INDEX "public"."ix_remediation_overdue"`);
    await queryRunner.query(`DROP TABLE "remediation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_finding_evidence_evidence"`);
    await queryRunner.query(`DROP TABLE "finding_evidence"`);
    await queryRunner.query(`DROP INDEX "public"."uq_finding_assessment_requirement"`);
    await queryRunner.query(`DROP TABLE "finding"`);
    await queryRunner.query(`DROP INDEX "public"."uq_assessment_open"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessment_product"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessment_state"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessment_assessor"`);
    await queryRunner.query(`DROP TABLE "assessment"`);
  }
}
