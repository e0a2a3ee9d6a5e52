import type { ProgressListener } from '../sim/runPlan.ts';

/** A progress line on stderr, only when stderr is a terminal (never in CI logs or pipes). */
export function terminalProgress(label: string): {
  listener: ProgressListener | undefined;
  done(): void;
} {
  if (!process.stderr.isTTY) return { listener: undefined, done() {} };
  let lastPercent = -1;
  return {
    listener(done, total) {
      const percent = Math.floor((done / total) * 100);
      if (percent === lastPercent) return;
      lastPercent = percent;
      process.stderr.write(`\r${label}: ${percent}% (${done}/${total} trials)`);
    },
    done() {
      process.stderr.write('\r\x1b[2K');
    },
  };
}
