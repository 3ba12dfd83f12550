/*
 * What jest-light-runner leaves out and these tests use. The runner imports each test file into a
 * worker that keeps its modules from one file to the next (the reason it is fast: NestJS,
 * TypeORM and GraphQL are evaluated once per worker instead of once per file), and it offers
 * Jest's globals without per-test timeouts, `jest.setTimeout` or fake-timer options. This file runs
 * once per worker (setupFilesAfterEnv) and adds them:
 * - every test and hook fails after its timeout (the `it(name, fn, ms)` argument, else the one set
 *   by `jest.setTimeout(ms)` in the file, else 60 s), as under Jest's runner;
 * - `jest.useFakeTimers(config)` passes its config on (e.g. `doNotFake`).
 */
import { ModernFakeTimers } from '@jest/fake-timers';
import { bind } from 'jest-each';

const DEFAULT_TIMEOUT_MS = 60_000;
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/** `jest.setTimeout(ms)` per test file (the runner sets expect's testPath before importing a file). */
const fileTimeouts = new Map<string, number>();
const currentFile = (): string => String((expect.getState() as { testPath?: string }).testPath);

type Fn = (this: unknown, ...args: unknown[]) => unknown;

function withTimeout(fn: Fn | undefined, explicit: number | undefined): Fn | undefined {
  if (typeof fn !== 'function') return fn;
  const limit = explicit ?? fileTimeouts.get(currentFile()) ?? DEFAULT_TIMEOUT_MS;
  return function timed(this: unknown, ...args: unknown[]) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = realSetTimeout(
        () => reject(new Error(`Exceeded timeout of ${limit} ms for a test or hook`)),
        limit,
      );
      timer.unref?.();
    });
    return Promise.race([Promise.resolve().then(() => fn.apply(this, args)), expired]).finally(() =>
      realClearTimeout(timer),
    );
  };
}

type TestLike = ((name: string, fn?: Fn, timeout?: number) => unknown) & Record<string, unknown>;

function timedTest(original: TestLike): TestLike {
  const test = ((name: string, fn?: Fn, timeout?: number) =>
    original(name, withTimeout(fn, timeout), timeout)) as TestLike;
  test.only = (name: string, fn?: Fn, timeout?: number) =>
    (original.only as TestLike)(name, withTimeout(fn, timeout), timeout);
  test.skip = original.skip;
  test.todo = original.todo;
  test.each = (bind as unknown as (cb: TestLike) => unknown)(test);
  return test;
}

type HookLike = (fn: Fn, timeout?: number) => unknown;
const timedHook =
  (original: HookLike): HookLike =>
  (fn, timeout) =>
    original(withTimeout(fn, timeout)!, timeout);

const g = globalThis as unknown as Record<string, unknown> & { jest: Record<string, unknown> };
g.it = timedTest(g.it as TestLike);
g.test = timedTest(g.test as TestLike);
for (const hook of ['beforeAll', 'afterAll', 'beforeEach', 'afterEach']) {
  g[hook] = timedHook(g[hook] as HookLike);
}

const timers = new ModernFakeTimers({
  config: { fakeTimers: { enableGlobally: true } } as never,
  global: globalThis,
});
Object.assign(g.jest, {
  setTimeout(ms: number) {
    fileTimeouts.set(currentFile(), ms);
    return g.jest;
  },
  useFakeTimers(config?: object) {
    timers.useFakeTimers(config);
    return g.jest;
  },
  useRealTimers() {
    timers.useRealTimers();
    return g.jest;
  },
  setSystemTime(time?: number | Date) {
    timers.setSystemTime(time);
    return g.jest;
  },
  advanceTimersByTime(ms: number) {
    timers.advanceTimersByTime(ms);
    return g.jest;
  },
});
