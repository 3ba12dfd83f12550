import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events get a commit-ordered position: taken from a sequence just before commit, under a
 * transaction-scoped advisory lock that is released only once the commit is visible (see
 * EventsService). Existing events get negative positions in their time order, so they stay below
 * every new one. The feed's indexes move from occurred_at to the position.
 */
export class CommitOrderedEventPositions1796100000100 implements MigrationInterface {
  name = 'CommitOrderedEventPositions1796100000100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE "registry_event_position_seq" AS bigint MINVALUE 1`);
    await queryRunner.query(`ALTER TABLE "registry_event" ADD "position" bigint`);
    await queryRunner.query(
      `UPDATE "registry_event" e SET "position" = o.pos
         FROM (SELECT id, row_number() OVER (ORDER BY occurred_at, id) - count(*) OVER () - 1 AS pos
                 FROM "registry_event") o
        WHERE o.id = e.id`,
    );
    await queryRunner.query(`ALTER TABLE "registry_event" ALTER COLUMN "position" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "registry_event_recipient" ADD "position" bigint`);
    await queryRunner.query(
      `UPDATE "registry_event_recipient" r SET "position" = e."position" FROM "registry_event" e WHERE e.id = r.event_id`,
    );
    await queryRunner.query(`ALTER TABLE "registry_event_recipient" ALTER COLUMN "position" SET NOT NULL`);
    await queryRunner.query(`DROP INDEX "public"."ix_registry_event_recipient_org"`);
    await queryRunner.query(`DROP INDEX "public"."ix_registry_event_occurred"`);
    await queryRunner.query(`DROP INDEX "public"."ix_registry_event_public_occurred"`);
    await queryRunner.query(
      `CREATE INDEX "ix_registry_event_public_position" ON "registry_event"  ("position") WHERE audience_all`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_registry_event_position" ON "registry_event"  ("position") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_registry_event_recipient_position" ON "registry_event_recipient"  ("organization_id", "position") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_registry_event_recipient_position"`);
    await queryRunner.query(`DROP INDEX "public"."uq_registry_event_position"`);
    await queryRunner.query(`DROP INDEX "public"."ix_registry_event_public_position"`);
    await queryRunner.query(
      `CREATE INDEX "ix_registry_event_recipient_org" ON "registry_event_recipient"  ("organization_id", "occurred_at", "event_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_registry_event_occurred" ON "registry_event"  ("occurred_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_registry_event_public_occurred" ON "registry_event"  ("occurred_at", "id") WHERE audience_all`,
    );
    await queryRunner.query(`ALTER TABLE "registry_event_recipient" DROP COLUMN "position"`);
    await queryRunner.query(`ALTER TABLE "registry_event" DROP COLUMN "position"`);
    await queryRunner.query(`DROP SEQUENCE "registry_event_position_seq"`);
  }
}
