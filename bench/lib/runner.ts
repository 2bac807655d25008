/** Runs a benchmark's main with a watchdog: the process exits 0 when it is done, 1 on an error or past the limit. */
export function runBench(main: () => Promise<void>, limitMs: number, log: (msg: string) => void): void {
  const watchdog = setTimeout(() => {
    log('gave up after the time limit');
    process.exit(1);
  }, limitMs);
  watchdog.unref();
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
