import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor.js';
import type { AppConfig } from '../../common/config/app-config.js';
import { APP_CONFIG } from '../../common/config/config.constants.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { BadUserInputError, NotFoundError } from '../../common/errors/domain-error.js';
import { type ConnectionShape, toConnection } from '../../common/graphql/connection.js';
import { encodeCursor, BY_TIME, pageRequest } from '../../common/graphql/cursor.js';
import { fromGlobalId, toGlobalId } from '../../common/graphql/global-id.js';
import { NodeType } from '../../common/graphql/node-type.js';
import type { RegistryEventType } from '../dto/registry-event-type.enum.js';
import {
  type RegisterWebhookInput,
  Webhook,
  type WebhookDeliveriesArgs,
  WebhookDelivery,
} from '../dto/webhook.model.js';
import { type RegistryEventRow, toRegistryEvent } from '../registry-event.mapper.js';
import { newWebhookSecret } from './signing.js';
import { hostOf, resolveTarget, TargetRefusedError } from './target-address.js';
import { DeliveryStatus, WebhookEntity } from './webhook.entity.js';

export const WEBHOOK_TYPE = 'Webhook';
export const WEBHOOK_DELIVERY_TYPE = 'WebhookDelivery';
export const MAX_WEBHOOKS_PER_ORGANIZATION = 10;

function toWebhook(entity: WebhookEntity, secret: string | null = null): Webhook {
  const model = new Webhook();
  model.id = toGlobalId(WEBHOOK_TYPE, entity.id);
  model.url = entity.url;
  model.eventTypes = entity.eventTypes;
  model.createdAt = entity.createdAt;
  model.secret = secret;
  model.active = entity.active;
  model.disabledReason = entity.disabledReason;
  return model;
}

interface DeliveryRow extends RegistryEventRow {
  deliveryId: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
  cursorAt: string;
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  const model = new WebhookDelivery();
  model.id = toGlobalId(WEBHOOK_DELIVERY_TYPE, row.deliveryId);
  model.event = toRegistryEvent(row);
  model.status = row.status;
  model.attempts = row.attempts;
  model.nextAttemptAt = row.status === DeliveryStatus.PENDING ? row.nextAttemptAt : null;
  model.lastAttemptAt = row.lastAttemptAt;
  model.lastStatusCode = row.lastStatusCode;
  model.lastError = row.lastError;
  model.deliveredAt = row.deliveredAt;
  model.createdAt = row.createdAt;
  return model;
}

/** An organisation's webhooks: registration with SSRF checks, listing, removal, delivery log. */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async register(actor: Actor, input: RegisterWebhookInput): Promise<Webhook> {
    const url = await this.checkUrl(input.url);
    const secret = newWebhookSecret();
    return this.unitOfWork.run(actor, async (tx) => {
      // Serialise registrations of one organisation so the cap holds under concurrency.
      await tx.em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`webhooks:${actor.organizationId}`]);
      const [{ n }] = await tx.em.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM webhook WHERE organization_id = $1',
        [actor.organizationId],
      );
      if (n >= MAX_WEBHOOKS_PER_ORGANIZATION) {
        throw BadUserInputError.field(
          'input.url',
          `an organisation may have at most ${MAX_WEBHOOKS_PER_ORGANIZATION} webhooks; remove one first`,
        );
      }
      const entity = tx.em.create(WebhookEntity, {
        id: randomUUID(),
        organizationId: actor.organizationId,
        url,
        eventTypes: [...new Set(input.eventTypes)] as RegistryEventType[],
        secret,
        active: true,
        disabledReason: null,
      });
      const saved = await tx.em.save(entity);
      tx.audit('webhook.register', WEBHOOK_TYPE, toGlobalId(WEBHOOK_TYPE, saved.id));
      return toWebhook(saved, secret);
    });
  }

  async list(actor: Actor): Promise<Webhook[]> {
    const rows = await this.dataSource.getRepository(WebhookEntity).find({
      where: { organizationId: actor.organizationId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map((row) => toWebhook(row));
  }

  async remove(actor: Actor, id: string): Promise<boolean> {
    const uuid = fromGlobalId(id, WEBHOOK_TYPE);
    if (!uuid) throw new NotFoundError('Webhook');
    return this.unitOfWork.run(actor, async (tx) => {
      const result = await tx.em.delete(WebhookEntity, { id: uuid, organizationId: actor.organizationId });
      if (!result.affected) throw new NotFoundError('Webhook');
      tx.audit('webhook.remove', WEBHOOK_TYPE, id);
      return true;
    });
  }

  @NodeType(WEBHOOK_TYPE)
  async findOwn(actor: Actor, uuid: string): Promise<Webhook | null> {
    const row = await this.dataSource
      .getRepository(WebhookEntity)
      .findOneBy({ id: uuid, organizationId: actor.organizationId });
    return row ? toWebhook(row) : null;
  }

  /** The owner's delivery log, newest first; `status: DEAD` lists the dead-lettered ones. */
  async deliveries(actor: Actor, args: WebhookDeliveriesArgs): Promise<ConnectionShape<WebhookDelivery>> {
    const uuid = fromGlobalId(args.webhookId, WEBHOOK_TYPE);
    if (!uuid || !(await this.findOwn(actor, uuid))) throw new NotFoundError('Webhook');
    const page = pageRequest(args, BY_TIME);
    const status = args.status ?? null;
    const [rows, [count]] = await Promise.all([
      this.dataSource.query<DeliveryRow[]>(
        `SELECT d.id AS "deliveryId", d.status, d.attempts, d.next_attempt_at AS "nextAttemptAt",
           d.last_attempt_at AS "lastAttemptAt", d.last_status_code AS "lastStatusCode", d.last_error AS "lastError",
           d.delivered_at AS "deliveredAt", d.created_at AS "createdAt", d.created_at::text AS "cursorAt",
           e.id, e.type, e.occurred_at AS "occurredAt", e.message, e.product_id AS "productId",
           e.baseline_id AS "baselineId", e.incident_id AS "incidentId"
         FROM webhook_delivery d JOIN registry_event e ON e.id = d.event_id
         WHERE d.webhook_id = $1 AND ($2::varchar IS NULL OR d.status = $2)
           AND ($3::timestamptz IS NULL OR (d.created_at, d.id) < ($3, $4::uuid))
         ORDER BY d.created_at DESC, d.id DESC LIMIT $5`,
        [uuid, status, page.after?.[0] ?? null, page.after?.[1] ?? null, page.first + 1],
      ),
      this.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM webhook_delivery WHERE webhook_id = $1 AND ($2::varchar IS NULL OR status = $2)`,
        [uuid, status],
      ),
    ]);
    return toConnection(rows, page, count.n, (r) => encodeCursor([r.cursorAt, r.deliveryId]), toDelivery);
  }

  /** https (http only in development and tests), no credentials, and not aimed at internal hosts. */
  private async checkUrl(raw: string): Promise<string> {
    let url: URL;
    try {
      url = new URL(raw.trim());
    } catch {
      throw BadUserInputError.field('input.url', 'is not a URL');
    }
    const insecureAllowed = this.config.env !== 'production';
    if (url.protocol !== 'https:' && !(insecureAllowed && url.protocol === 'http:')) {
      throw BadUserInputError.field('input.url', insecureAllowed ? 'must be http or https' : 'must be https');
    }
    if (url.username || url.password) {
      throw BadUserInputError.field(
        'input.url',
        'must not contain credentials; verify the signature instead',
      );
    }
    if (url.hash) throw BadUserInputError.field('input.url', 'must not contain a #fragment');
    try {
      await resolveTarget(hostOf(url), this.config.webhooks.allowPrivateTargets);
    } catch (error) {
      if (error instanceof TargetRefusedError) throw BadUserInputError.field('input.url', error.message);
      throw error;
    }
    return url.toString();
  }
}
