import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import type { Actor } from '../common/actor.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import { RegistryEvent } from '../events/dto/registry-event.model.js';
import { Product } from './dto/product.model.js';
import { ProductsService } from './products.service.js';

/** The product an event is about, batched over the page of events. */
@Resolver(() => RegistryEvent)
export class RegistryEventProductResolver {
  constructor(private readonly products: ProductsService) {}

  @ResolveField(() => Product, {
    nullable: true,
    description: 'The product the event is about; null when it concerns no product.',
  })
  product(@CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders, @Parent() event: RegistryEvent) {
    if (!event.productUuid) return null;
    return loaders.get('product', () => this.products.loader(actor)).load(event.productUuid);
  }
}
