import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The bench starts the importer from a process that may hold hundreds of MB; the importer's
// reported peak must be its own. A parent holding 300 MB starts a child that reports both figures.
const parent = `
  const { spawnSync } = require('node:child_process');
  const held = Buffer.alloc(300 * 1024 * 1024, 1);
  const child = spawnSync(process.execPath, ['--import', 'tsx', '-e',
    "import('./scripts/peak-memory.ts').then(({ peakRssMb }) => console.log(JSON.stringify({ peak: peakRssMb(), rusage: process.resourceUsage().maxRSS / 1024 })))"],
    { encoding: 'utf8' });
  process.stdout.write(child.stdout + (held[0] === 1 ? '' : 'x'));
`;

describe('peakRssMb', () => {
  it.runIf(process.platform === 'linux')('reports the process’s own peak, not its parent’s memory at the fork', () => {
    const run = spawnSync(process.execPath, ['-e', parent], { encoding: 'utf8' });
    const { peak, rusage } = JSON.parse(run.stdout.trim()) as { peak: number; rusage: number };
    expect(rusage).toBeGreaterThan(300); // getrusage counts the parent's 300 MB
    expect(peak).toBeGreaterThan(20);
    expect(peak).toBeLessThan(200);
  });
});
