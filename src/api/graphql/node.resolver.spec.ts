import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { OrganizationKind, Role, type Actor } from '../../common/actor.js';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { toGlobalId } from '../../common/graphql/global-id.js';
import { NodeType } from '../../common/graphql/node-type.js';
import { RequestLoaders } from '../../common/graphql/request-context.js';
import { NodeResolver } from './node.resolver.js';

const VISIBLE = '00000000-0000-4000-8000-000000000001';
const HIDDEN = '00000000-0000-4000-8000-000000000002';
const actor: Actor = {
  subject: 'tester',
  organizationId: '00000000-0000-0000-0000-000000000001',
  organizationKind: OrganizationKind.SUPPLIER,
  roles: [Role.ADMIN],
};

class Widget {
  constructor(readonly uuid: string) {}
}

@Injectable()
class Widgets {
  readonly asked: { uuid: string; loaders: RequestLoaders }[] = [];

  @NodeType('Widget')
  async findVisible(_actor: Actor, uuid: string, loaders: RequestLoaders): Promise<Widget | null> {
    this.asked.push({ uuid, loaders });
    return uuid === VISIBLE ? new Widget(uuid) : null;
  }

  @NodeType('Gadget')
  async findGadget(): Promise<object | null> {
    throw new NotFoundError('Gadget');
  }
}

@Injectable()
class OtherWidgets {
  @NodeType('Widget')
  async findWidget(): Promise<object | null> {
    return null;
  }
}

@Module({ imports: [DiscoveryModule], providers: [NodeResolver, Widgets] })
class NodesModule {}

@Module({ imports: [DiscoveryModule], providers: [NodeResolver, Widgets, OtherWidgets] })
class DuplicateNodesModule {}

describe('node(id) over @NodeType methods', () => {
  it('loads an id through its type’s method, and answers null for anything it may not show', async () => {
    const app = await NestFactory.createApplicationContext(NodesModule, { logger: false });
    try {
      const nodes = app.get(NodeResolver);
      const loaders = new RequestLoaders();
      expect(await nodes.node(actor, loaders, toGlobalId('Widget', VISIBLE))).toEqual(new Widget(VISIBLE));
      expect(await nodes.node(actor, loaders, toGlobalId('Widget', HIDDEN))).toBeNull();
      expect(await nodes.node(actor, loaders, toGlobalId('Gizmo', VISIBLE))).toBeNull();
      expect(await nodes.node(actor, loaders, toGlobalId('Gadget', VISIBLE))).toBeNull();
      expect(await nodes.node(actor, loaders, toGlobalId('Widget', '42'))).toBeNull();
      expect(await nodes.node(actor, loaders, 'not an id')).toBeNull();
      // Only well-formed uuids of its type reach the method, with the request's loaders.
      expect(app.get(Widgets).asked).toEqual([
        { uuid: VISIBLE, loaders },
        { uuid: HIDDEN, loaders },
      ]);
      expect(app.get(Widgets).asked[0].loaders).toBe(loaders);
    } finally {
      await app.close();
    }
  });

  it('refuses to start when two methods claim one type name', async () => {
    await expect(
      NestFactory.createApplicationContext(DuplicateNodesModule, { logger: false, abortOnError: false }),
    ).rejects.toThrow('node type "Widget" is loaded by both Widgets.findVisible and OtherWidgets.findWidget');
  });
});
