import { existsSync, readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';

/** Resident memory of a live process, from Linux's /proc (undefined elsewhere). */
export interface Memory {
  /** VmRSS: resident now. */
  rssMb: number;
  /** VmHWM: the peak resident size so far. */
  hwmMb: number;
}

export function readMemory(pid: number): Memory | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kb = (field: string): number => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : Number.NaN;
  };
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

export const GNU_TIME = '/usr/bin/time';

export interface ProcessRun {
  exitCode: number | null;
  wallMs: number;
  /** User + system CPU of the process (GNU time), NaN without it. */
  cpuMs: number;
  /** Peak resident set of the process (GNU time's %M), NaN without it. */
  peakMb: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to completion and measures it from outside: wall time here, CPU time and peak
 * RSS through GNU time (`/usr/bin/time -f`) when it is installed.
 */
export function runMeasured(command: string, args: readonly string[], options: { cwd?: string } = {}): Promise<ProcessRun> {
  const useTime = existsSync(GNU_TIME);
  const dir = mkdtempSync(join(tmpdir(), 'dockguard-bench-'));
  const timeFile = join(dir, 'time.txt');
  const argv = useTime ? ['-f', '%e %U %S %M', '-o', timeFile, command, ...args] : [...args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(useTime ? GNU_TIME : command, argv, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => {
      rmSync(dir, { recursive: true, force: true });
      reject(error);
    });
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      let cpuMs = Number.NaN;
      let peakMb = Number.NaN;
      if (useTime) {
        try {
          // GNU time writes "Command exited with non-zero status N" before the format line.
          const line = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
          const [, user, system, maxKb] = line.split(/\s+/).map(Number);
          cpuMs = (user + system) * 1000;
          peakMb = maxKb / 1024;
        } catch {
          // No figures: leave them NaN.
        }
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ exitCode: code, wallMs, cpuMs, peakMb, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
}
