import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRegistryEventsAndWebhooks1795882498994 implements MigrationInterface {
  name = 'CreateRegistryEventsAndWebhooks1795882498994';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "registry_event" ("id" uuid NOT NULL, "type" character varying(40) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "message" character varying(1000) NOT NULL, "product_id" uuid, "baseline_id" uuid, "incident_id" uuid, "audience_all" boolean NOT NULL, CONSTRAINT "PK_4f7c5406e3c01c3441299031628" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_registry_event_public_occurred" ON "registry_event"  ("occurred_at", "id") WHERE audience_all`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_registry_event_occurred" ON "registry_event"  ("occurred_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "registry_event_recipient" ("event_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_bc4f5f550fe7d916de97af9a332" PRIMARY KEY ("event_id", "organization_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_registry_event_recipient_org" ON "registry_event_recipient"  ("organization_id", "occurred_at", "event_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "scheduled_event_mark" ("source" character varying(60) NOT NULL, "key" character varying(200) NOT NULL, "marked_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_09c9a8f02042abc11b2fde12ea1" PRIMARY KEY ("source", "key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook" ("id" uuid NOT NULL, "organization_id" uuid NOT NULL, "url" character varying(2000) NOT NULL, "event_types" character varying(40) array NOT NULL, "secret" character varying(100) NOT NULL, "active" boolean NOT NULL DEFAULT true, "disabled_reason" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e6765510c2d078db49632b59020" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_organization" ON "webhook"  ("organization_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery" ("id" uuid NOT NULL, "webhook_id" uuid NOT NULL, "event_id" uuid NOT NULL, "status" character varying(20) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "locked_until" TIMESTAMP WITH TIME ZONE, "last_attempt_at" TIMESTAMP WITH TIME ZONE, "last_status_code" integer, "last_error" character varying(500), "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b1ae290239a778f12399db91354" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_webhook_delivery_event" ON "webhook_delivery"  ("event_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_delivery_webhook" ON "webhook_delivery"  ("webhook_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_delivery_due" ON "webhook_delivery"  ("next_attempt_at") WHERE status = 'PENDING'`,
    );
    await queryRunner.query(
      `ALTER TABLE "registry_event_recipient" ADD CONSTRAINT "fk_registry_event_recipient_event" FOREIGN KEY ("event_id") REFERENCES "registry_event"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "registry_event_recipient" ADD CONSTRAINT "fk_registry_event_recipient_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook" ADD CONSTRAINT "fk_webhook_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery" ADD CONSTRAINT "fk_webhook_delivery_webhook" FOREIGN KEY ("webhook_id") REFERENCES "webhook"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery" ADD CONSTRAINT "fk_webhook_delivery_event" FOREIGN KEY ("event_id") REFERENCES "registry_event"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "webhook_delivery" DROP CONSTRAINT "fk_webhook_delivery_event"`);
    await queryRunner.query(`ALTER TABLE "webhook_delivery" DROP CONSTRAINT "fk_webhook_delivery_webhook"`);
    await queryRunner.query(`ALTER TABLE "webhook" DROP CONSTRAINT "fk_webhook_organization"`);
    await queryRunner.query(
      `ALTER TABLE "registry_event_recipient" DROP CONSTRAINT "fk_registry_event_recipient_organization"`,
    );
    await queryRunner.query(
      `ALTER TABLE "registry_event_recipient" DROP CONSTRAINT "fk_registry_event_recipient_event"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_webhook_delivery_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_webhook_delivery_webhook"`);
    await queryRunner.query(`DROP INDEX "public"."ix_webhook_delivery_event"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`DROP INDEX "public"."ix_webhook_organization"`);
    await queryRunner.query(`DROP TABLE "webhook"`);
    await queryRunner.query(`DROP TABLE "scheduled_event_mark"`);
    await queryRunner.query(`DROP INDEX "public"."ix_registry_event_recipient_org"`);
    await queryRunner.query(`DROP TABLE "registry_event_recipient"`);
    await queryRunner.query(`DROP INDEX "public"."ix_registry_event_occurred"`);
    await queryRunner.query(`DROP INDEX "public"."ix_registry_event_public_occurred"`);
    await queryRunner.query(`DROP TABLE "registry_event"`);
  }
}
