/** wrk, and where it and the server under test run, for bench:redirect. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';

const log = (line: string) => process.stderr.write(`${line}\n`);
const CONNECTIONS = 64;
// One wrk thread (BENCH_WRK_THREADS to change): on two cores a second one would take turns with
// the server's event loop on its own core.
const THREADS = Number(process.env.BENCH_WRK_THREADS || 1);

export interface WrkResult {
  rps: number;
  p99Ms: number;
  requests: number;
}

function has(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT'; // wrk --version exits 1
  }
}

export function ensureWrk(): void {
  if (has('wrk', ['--version'])) return;
  log('installing wrk (apt-get install -y wrk)');
  execFileSync('sh', ['-c', 'apt-get install -y wrk || (apt-get update && apt-get install -y wrk)'], {
    stdio: 'ignore',
  });
}

/**
 * The server's event loop on the first CPU, wrk on the last (BENCH_PIN=0: wherever the kernel
 * puts them). Unpinned on two cores, the kernel keeps moving wrk onto the core of the thread that
 * woke it, the server's: the two then share one core while the other idles, more often the more
 * other threads there are (the platform's PostgreSQL and click writer), and the figure measures
 * where the scheduler put wrk. Pinned, both servers get a core for their event loop and wrk the
 * other, which it shares with everything else the server runs (PostgreSQL, the click writer).
 */
export const pinning =
  process.env.BENCH_PIN !== '0' && os.availableParallelism() >= 2 && has('taskset', ['-V']);
const lastCpu = String(os.availableParallelism() - 1);

/** Pins a server's main thread (its pid) only: threads it started before keep every CPU. */
export function pinEventLoop(pid: number | undefined): void {
  if (pinning && pid) execFileSync('taskset', ['-p', '-c', '0', String(pid)], { stdio: 'ignore' });
}

export function describeSetup(): string {
  const where = pinning ? `, servers' event loops on CPU 0 and wrk on CPU ${lastCpu}` : ', unpinned';
  return `${CONNECTIONS} connections, ${THREADS} wrk thread${THREADS > 1 ? 's' : ''}${where}`;
}

export function wrk(url: string, seconds: number): WrkResult {
  const args = [`-t${THREADS}`, `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', url];
  const out = pinning
    ? execFileSync('taskset', ['-c', lastCpu, 'wrk', ...args], { encoding: 'utf8' })
    : execFileSync('wrk', args, { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
  const p99 = /\s99%\s+([\d.]+)(us|ms|s)\b/.exec(out);
  const factor = { us: 0.001, ms: 1, s: 1000 }[p99?.[2] as 'us' | 'ms' | 's'] ?? Number.NaN;
  if (/Non-2xx or 3xx responses/.test(out) || /Socket errors/.test(out)) log(out.trim());
  return { rps, requests, p99Ms: Number(p99?.[1]) * factor };
}
