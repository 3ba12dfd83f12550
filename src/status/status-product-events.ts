import { Injectable } from '@nestjs/common';
import { OnTransactionEvent, TransactionEventHandlers } from '../common/database/transaction-hooks.js';
import type { WriteContext } from '../common/database/unit-of-work.js';
import { SupplyChainChanged, TierChanged } from '../products/product-events.js';
import { StatusService } from './status.service.js';

/** The status follows product writes, in their transaction. */
@Injectable()
@TransactionEventHandlers()
export class StatusProductEvents {
  constructor(private readonly status: StatusService) {}

  /** The counts cover the requirements of the product's tier. */
  @OnTransactionEvent(TierChanged)
  async tierChanged(tx: WriteContext, event: TierChanged): Promise<void> {
    await this.status.refresh(
      tx,
      event.changes.map((change) => change.uuid),
    );
  }

  /** The chain is part of the status. */
  @OnTransactionEvent(SupplyChainChanged)
  async supplyChainChanged(tx: WriteContext, event: SupplyChainChanged): Promise<void> {
    await this.status.refresh(tx, event.productUuids);
  }
}
