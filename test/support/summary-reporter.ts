/**
 * Prints one plain closing line, `N passed, N failed, N skipped`, so CI logs
 * state the outcome in a form any reader (human or tool) can parse.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of modules) {
      // A file that failed to load, or whose hooks failed, counts as failed (its tests show as skipped).
      const brokenSuites = new Set([...m.children.allSuites()].filter((s) => s.state() === 'failed'));
      const moduleBroken = m.errors().length > 0;
      let moduleFailures = 0;
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        const inBroken = moduleBroken || (t.parent.type === 'suite' && brokenSuites.has(t.parent));
        if (state === 'passed') passed++;
        else if (state === 'failed' || inBroken) {
          failed++;
          moduleFailures++;
        } else skipped++;
      }
      if (moduleBroken && moduleFailures === 0) failed++;
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
