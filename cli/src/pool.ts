import * as os from 'node:os';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { EffectiveConfig } from '../../shared/src/index';
import { processFile, type FileOutcome, type FileTask, type TaskSettings } from './lint-file';

/**
 * Lints many files on every core: worker threads (running this same bundle) and the main thread
 * take chunks of files from one queue, so a slow file holds up nobody. Each thread lints one
 * file at a time and keeps only its findings, so memory stays bounded whatever the number of
 * files. Small runs stay on the main thread: starting a worker costs more than they take.
 */

const CHUNK = 16;
/** Below this many files, one thread finishes before a worker would have started. */
const MIN_FILES_FOR_WORKERS = 300;
const MAX_WORKERS = 7;
const MIN_CORES_FOR_WORKERS = 4;

interface WorkerSetup {
  configs: EffectiveConfig[];
  settings: TaskSettings;
}

interface ChunkMessage {
  chunk: { index: number; task: FileTask }[];
}

interface ResultMessage {
  results: { index: number; outcome: FileOutcome }[];
}

/**
 * Threads to use besides the main one: `DOCKGUARD_WORKERS` when set (0 keeps everything on the
 * main thread), else, on machines of four cores or more, one per core beyond two for runs large
 * enough to gain from it. A core is left to V8's own collector threads: on two cores a worker
 * made the whole corpus slower (3.4 s against 3.05 s wall, +40 % peak memory), every thread
 * running cold code while the collector had no core of its own.
 */
export function workerCount(files: number, env: Record<string, string | undefined>): number {
  const forced = env.DOCKGUARD_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(Number(forced), MAX_WORKERS);
  if (files < MIN_FILES_FOR_WORKERS) return 0;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  if (cores < MIN_CORES_FOR_WORKERS) return 0;
  return Math.max(0, Math.min(cores - 2, MAX_WORKERS, Math.floor(files / CHUNK / 4)));
}

export async function lintAll(
  tasks: readonly FileTask[],
  configs: EffectiveConfig[],
  settings: TaskSettings,
  workers: number,
  onOutcome: (index: number, outcome: FileOutcome) => void,
): Promise<void> {
  let next = 0;
  const retry: number[] = [];
  const take = (): number[] => {
    const chunk: number[] = [];
    while (chunk.length < CHUNK && next < tasks.length) chunk.push(next++);
    return chunk;
  };
  const runHere = (index: number): void => onOutcome(index, processFile(tasks[index], configs[tasks[index].configId], settings));

  const pool: Promise<void>[] = [];
  for (let i = 0; i < workers && next < tasks.length; i++) {
    pool.push(
      new Promise<void>((resolve) => {
        const setup: WorkerSetup = { configs, settings };
        const worker = new Worker(__filename, { workerData: setup, stdout: false, stderr: false });
        const inFlight = new Map<number, number[]>();
        let sent = 0;
        const feed = (): void => {
          while (inFlight.size < 2) {
            const chunk = take();
            if (chunk.length === 0) break;
            const id = sent++;
            inFlight.set(id, chunk);
            const message: ChunkMessage = { chunk: chunk.map((index) => ({ index, task: tasks[index] })) };
            worker.postMessage(message);
          }
          if (inFlight.size === 0) {
            void worker.terminate();
            resolve();
          }
        };
        worker.on('message', (message: ResultMessage) => {
          for (const { index, outcome } of message.results) onOutcome(index, outcome);
          // Chunks come back in the order they were sent.
          const oldest = Math.min(...inFlight.keys());
          inFlight.delete(oldest);
          feed();
        });
        // A worker that dies hands its unfinished files back to the main thread.
        const abandon = (): void => {
          for (const chunk of inFlight.values()) retry.push(...chunk);
          inFlight.clear();
          void worker.terminate();
          resolve();
        };
        worker.on('error', abandon);
        worker.on('exit', abandon);
        feed();
      }),
    );
  }

  for (let chunk = take(); chunk.length > 0; chunk = take()) {
    for (const index of chunk) runHere(index);
    // Let the workers' results in and keep them fed.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await Promise.all(pool);
  for (const index of retry) runHere(index);
}

/** The worker side: lint the chunks the main thread sends, answer with the outcomes. */
export function serveAsWorker(): void {
  const { configs, settings } = workerData as WorkerSetup;
  parentPort!.on('message', (message: ChunkMessage) => {
    const results = message.chunk.map(({ index, task }) => ({ index, outcome: processFile(task, configs[task.configId], settings) }));
    const reply: ResultMessage = { results };
    parentPort!.postMessage(reply);
  });
}
