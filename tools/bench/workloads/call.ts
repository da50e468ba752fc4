import type { Page } from 'playwright-core';
import type { BenchWorkerApi } from '../../../e2e/bench-harness/bench.worker';
import type { MatcherApi } from '../../../workers/api';

type Fn = (...args: never[]) => unknown;
type MethodArgs<T> = T extends (...args: infer A) => unknown ? A : never;
type MethodResult<T> = T extends (...args: never[]) => infer R ? Awaited<R> : never;

/** Calls one method of the harness's bench worker (window.bench) from Node. */
export async function callBench<K extends keyof BenchWorkerApi>(
  page: Page,
  name: K,
  ...args: Parameters<BenchWorkerApi[K]>
): Promise<Awaited<ReturnType<BenchWorkerApi[K]>>> {
  return page.evaluate(
    ([n, a]) => ((window.bench as unknown as Record<string, Fn>)[n] as (...x: unknown[]) => unknown)(...a),
    [name, args] as [string, unknown[]],
  ) as Promise<Awaited<ReturnType<BenchWorkerApi[K]>>>;
}

/**
 * Calls one method of the app's matcher worker (window.matcher, opened by openMatcher) and returns
 * its result with the wall time measured inside the page (text in → ranked list out).
 */
export async function callMatcher<K extends keyof MatcherApi>(
  page: Page,
  name: K,
  ...args: MethodArgs<MatcherApi[K]>
): Promise<{ ms: number; result: MethodResult<MatcherApi[K]> }> {
  return page.evaluate(async ([n, a]) => {
    const m = window.matcher as unknown as Record<string, (...x: unknown[]) => Promise<unknown>>;
    const t0 = performance.now();
    const result = await m[n](...a);
    return { ms: performance.now() - t0, result };
  }, [name, args] as [string, unknown[]]) as Promise<{ ms: number; result: MethodResult<MatcherApi[K]> }>;
}
