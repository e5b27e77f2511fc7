import type { ChildProcess } from 'node:child_process';

/**
 * Stops a child started with `detached: true` (its own session and process group, as with
 * setsid) by signalling the whole group: the VS Code server forks an extension host, a pty host
 * and file watchers, and none of them may outlive a test run. SIGTERM first, SIGKILL after
 * `graceMs` if the group leader has not exited.
 */
export async function stopProcessGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const exited = child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(pid, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), graceMs);
  });
  const late = await Promise.race([exited.then(() => false), timedOut]);
  clearTimeout(timer);
  // Children of the group may linger after the leader exits (a forked extension host finishing
  // its shutdown); the final SIGKILL to the group removes them whatever the leader did.
  signalGroup(pid, 'SIGKILL');
  if (late) await exited;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
