/**
 * This process's peak resident memory in MB, as `npm run import -- --json` reports it to the bench.
 * On Linux it is VmHWM from /proc/self/status: getrusage's maxRSS also counts the parent's
 * memory at the fork, so an importer started by a large bench process would report the bench's
 * size instead of its own. Elsewhere, getrusage.
 */
import { readFileSync } from 'node:fs';

export function peakRssMb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Watches a child process's peak resident memory (VmHWM of /proc/PID/status, Linux only), read
 * every 20 ms until `stop()`: what a process that dies (a V8 out-of-memory) never reports itself.
 */
export function watchPeakRss(pid: number): { stop(): number | null } {
  let peak: number | null = null;
  const read = () => {
    try {
      const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (hwm) peak = Math.max(peak ?? 0, Number(hwm[1]) / 1024);
    } catch {
      // gone, or not Linux
    }
  };
  const timer = setInterval(read, 20);
  return {
    stop() {
      read();
      clearInterval(timer);
      return peak;
    },
  };
}
