/**
 * What a bench script started, stopped in reverse order at the end, on failure, and on Ctrl-C or
 * SIGTERM (then the process exits 130). A failing step is reported and the others still run.
 */
export function cleanupStack(log) {
  const steps = [];
  const run = async () => {
    while (steps.length > 0) {
      const step = steps.pop();
      try {
        await step();
      } catch (error) {
        console.error(`cleanup: ${error?.message ?? error}`);
      }
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      log(`${signal}: stopping everything`);
      void run().then(() => process.exit(130));
    });
  }
  return { push: (step) => steps.push(step), run };
}
