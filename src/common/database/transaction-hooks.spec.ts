import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { OrganizationKind, Role } from '../actor.js';
import {
  CommitParticipant,
  OnTransactionEvent,
  TransactionEvent,
  TransactionEventHandlers,
  TransactionHooksExplorer,
} from './transaction-hooks.js';
import { WriteContext } from './unit-of-work.js';

const calls: string[] = [];

class Happened extends TransactionEvent {
  constructor(readonly what: string) {
    super();
  }
}

class Unhandled extends TransactionEvent {}

@Injectable()
@TransactionEventHandlers()
class Listener {
  @OnTransactionEvent(Happened)
  async happened(tx: WriteContext, event: Happened): Promise<void> {
    calls.push(`${tx.actor.subject} heard ${event.what}`);
  }

  notAHandler(): void {
    calls.push('never');
  }
}

@Injectable()
@CommitParticipant({ order: 30 })
class Last {
  async beforeCommit(): Promise<void> {
    calls.push('last');
  }
}

@Injectable()
@CommitParticipant({ order: 10 })
class First {
  async beforeCommit(): Promise<void> {
    calls.push('first');
  }
}

@Module({ imports: [DiscoveryModule], providers: [TransactionHooksExplorer, Last, Listener, First] })
class HooksModule {}

describe('transaction hooks', () => {
  const actor = {
    subject: 'tester',
    organizationId: '00000000-0000-0000-0000-000000000001',
    organizationKind: OrganizationKind.SUPPLIER,
    roles: [Role.ADMIN],
  };

  it('finds the participants in their order and runs the handlers of a published event', async () => {
    const app = await NestFactory.createApplicationContext(HooksModule, { logger: false });
    try {
      const hooks = app.get(TransactionHooksExplorer).explore();
      const tx = new WriteContext(null as never, actor, hooks);
      for (const participant of hooks.participants) await participant.beforeCommit(tx);
      await tx.publish(new Happened('tier'));
      await tx.publish(new Unhandled());
      expect(calls).toEqual(['first', 'last', 'tester heard tier']);
    } finally {
      await app.close();
    }
  });
});
