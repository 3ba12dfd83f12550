import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateBaselines1795882957644 implements MigrationInterface {
  name = 'CreateBaselines1795882957644';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "baseline" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" character varying(64) NOT NULL, "version" character varying(40) NOT NULL, "title" character varying(200) NOT NULL, "description" character varying(4000), "status" character varying(20) NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, "retired_at" TIMESTAMP WITH TIME ZONE, "previous_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_baseline_key_version" UNIQUE ("key", "version"), CONSTRAINT "ck_baseline_published_at" CHECK ((status = 'DRAFT') = (published_at IS NULL)), CONSTRAINT "ck_baseline_status" CHECK (status IN ('DRAFT', 'PUBLISHED', 'RETIRED')), CONSTRAINT "PK_980ffba177cccda0ce36746ffa9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_baseline_created" ON "baseline"  ("created_at", "id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_baseline_current" ON "baseline"  ("key", "published_at") WHERE status = 'PUBLISHED'`,
    );
    await queryRunner.query(
      `CREATE TABLE "requirement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "baseline_id" uuid NOT NULL, "code" character varying(10) COLLATE "C" NOT NULL, "title" character varying(200) NOT NULL, "statement" character varying(4000) NOT NULL, "guidance" character varying(8000), "category" character varying(60) NOT NULL, "tiers" character varying(10) array NOT NULL, "evidence_expected" character varying(4000), "mappings" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_requirement_baseline_code" UNIQUE ("baseline_id", "code"), CONSTRAINT "PK_5e3278ee8e2094dd0f10a4aec62" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "baseline" ADD CONSTRAINT "fk_baseline_previous" FOREIGN KEY ("previous_id") REFERENCES "baseline"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "requirement" ADD CONSTRAINT "fk_requirement_baseline" FOREIGN KEY ("baseline_id") REFERENCES "baseline"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    // Hand-written: published and retired baselines are frozen in the database too, whatever the code
    // does. Requirements change only while their baseline is a draft; a baseline moves only forward
    // (DRAFT -> PUBLISHED -> RETIRED) and its content is fixed once published.
    await queryRunner.query(`CREATE FUNCTION requirement_draft_only() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        state varchar;
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          SELECT status INTO state FROM baseline WHERE id = OLD.baseline_id;
          IF state IS DISTINCT FROM 'DRAFT' AND state IS NOT NULL THEN
            RAISE EXCEPTION 'requirements of a % baseline are immutable', state USING ERRCODE = 'check_violation';
          END IF;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          SELECT status INTO state FROM baseline WHERE id = NEW.baseline_id;
          IF state IS DISTINCT FROM 'DRAFT' THEN
            RAISE EXCEPTION 'requirements of a % baseline are immutable', state USING ERRCODE = 'check_violation';
          END IF;
          RETURN NEW;
        END IF;
        RETURN OLD;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER requirement_draft_only BEFORE INSERT OR UPDATE OR DELETE ON "requirement" FOR EACH ROW EXECUTE FUNCTION requirement_draft_only()`,
    );
    await queryRunner.query(`CREATE FUNCTION baseline_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status <> 'DRAFT' THEN
            RAISE EXCEPTION 'a % baseline cannot be deleted', OLD.status USING ERRCODE = 'check_violation';
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.status <> 'DRAFT' AND (
          (NEW.key, NEW.version, NEW.title, NEW.description, NEW.previous_id, NEW.published_at)
            IS DISTINCT FROM (OLD.key, OLD.version, OLD.title, OLD.description, OLD.previous_id, OLD.published_at)
          OR (OLD.status = 'RETIRED' AND NEW.status <> 'RETIRED')
          OR (OLD.status = 'PUBLISHED' AND NEW.status = 'DRAFT')
        ) THEN
          RAISE EXCEPTION 'a % baseline is immutable', OLD.status USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER baseline_forward_only BEFORE UPDATE OR DELETE ON "baseline" FOR EACH ROW EXECUTE FUNCTION baseline_forward_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER baseline_forward_only ON "baseline"`);
    await queryRunner.query(`DROP FUNCTION baseline_forward_only()`);
    await queryRunner.query(`DROP TRIGGER requirement_draft_only ON "requirement"`);
    await queryRunner.query(`DROP FUNCTION requirement_draft_only()`);
    await queryRunner.query(`ALTER TABLE "requirement" DROP CONSTRAINT "fk_requirement_baseline"`);
    await queryRunner.query(`ALTER TABLE "baseline" DROP CONSTRAINT "fk_baseline_previous"`);
    await queryRunner.query(`DROP TABLE "requirement"`);
    await queryRunner.query(`DROP INDEX "public"."ix_baseline_current"`);
    await queryRunner.query(`DROP INDEX "public"."ix_baseline_created"`);
    await queryRunner.query(`DROP TABLE "baseline"`);
  }
}
