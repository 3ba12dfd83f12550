import { describeCycle, shortestPath } from './cycle.js';

const graph = (pairs: [string, string][]) => {
  const edges = new Map<string, string[]>();
  for (const [from, to] of pairs) edges.set(from, [...(edges.get(from) ?? []), to]);
  return edges;
};

describe('shortestPath', () => {
  it('finds a direct self reference', () => {
    expect(shortestPath(new Map(), ['x'], 'x')).toEqual(['x']);
  });

  it('follows a chain to the target', () => {
    const edges = graph([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'x'],
    ]);
    expect(shortestPath(edges, ['a'], 'x')).toEqual(['a', 'b', 'c', 'x']);
  });

  it('prefers the shortest of several paths and the first start that reaches', () => {
    const edges = graph([
      ['a', 'b'],
      ['b', 'x'],
      ['a', 'x'],
      ['c', 'x'],
    ]);
    expect(shortestPath(edges, ['a', 'c'], 'x')).toEqual(['a', 'x']);
  });

  it('answers null when the target is unreachable, and terminates on cycles', () => {
    const edges = graph([
      ['a', 'b'],
      ['b', 'a'],
    ]);
    expect(shortestPath(edges, ['a'], 'x')).toBeNull();
  });
});

describe('describeCycle', () => {
  it('names the products in order, closing on the root', () => {
    const names: Record<string, string> = { x: 'Payroll', a: 'Hosting', b: 'Backup' };
    expect(describeCycle('x', ['a', 'b', 'x'], (id) => names[id])).toBe(
      'Payroll -> Hosting -> Backup -> Payroll',
    );
  });
});
