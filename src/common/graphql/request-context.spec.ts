import DataLoader from 'dataloader';
import { UnauthenticatedError } from '../errors/domain-error.js';
import { callerOf, loaderName, RequestLoaders } from './request-context.js';

const NAMES = loaderName<string, string | null>('names');

/** A loader that records every batch it is asked for. */
function recording(batches: string[][]) {
  return () =>
    new DataLoader<string, string | null>(async (keys) => {
      batches.push([...keys]);
      return keys.map((key) => `loaded ${key}`);
    });
}

describe('RequestLoaders', () => {
  it('answers primed keys from the cache and loads only the others', async () => {
    const loaders = new RequestLoaders();
    const batches: string[][] = [];
    loaders.prime(NAMES, 'a', 'primed a');
    const loader = loaders.get(NAMES, recording(batches));
    expect(await loader.loadMany(['a', 'b'])).toEqual(['primed a', 'loaded b']);
    expect(batches).toEqual([['b']]);
  });

  it('computes a lazy value only when a resolver asks for its loader', async () => {
    const loaders = new RequestLoaders();
    let computed = 0;
    loaders.primeLazy(NAMES, 'a', () => `computed ${++computed}`);
    loaders.get('other', recording([]));
    expect(computed).toBe(0);
    const loader = loaders.get(NAMES, recording([]));
    expect(await loader.load('a')).toBe('computed 1');
    expect(await loader.load('a')).toBe('computed 1');
    expect(computed).toBe(1);
  });

  it('keeps the first value of a key, before and after the loader exists (as DataLoader.prime)', async () => {
    const loaders = new RequestLoaders();
    loaders.prime(NAMES, 'a', 'first');
    loaders.prime(NAMES, 'a', 'second');
    const loader = loaders.get(NAMES, recording([]));
    loaders.prime(NAMES, 'a', 'third');
    loaders.prime(NAMES, 'b', 'b after');
    expect(await loader.loadMany(['a', 'b'])).toEqual(['first', 'b after']);
  });
});

describe('callerOf', () => {
  it('is the context actor, and UNAUTHENTICATED without one', () => {
    const actor = { organizationId: 'org' } as never;
    expect(callerOf({ actor, loaders: new RequestLoaders() })).toBe(actor);
    expect(() => callerOf({ loaders: new RequestLoaders() })).toThrow(UnauthenticatedError);
  });
});
