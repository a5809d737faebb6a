import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/**
 * The first IPC message of a child a benchmark started (its port), or a clear error when the
 * child exits first (a bad NODE_OPTIONS, a crash at start) instead of waiting for ever.
 */
export async function firstMessage<T>(child: ChildProcess, what: string): Promise<T> {
  let onExit: ((code: number | null, signal: NodeJS.Signals | null) => void) | undefined;
  const exited = new Promise<never>((_, reject) => {
    onExit = (code, signal) =>
      reject(new Error(`${what} exited before it answered (code ${String(code)}, signal ${String(signal)}); its output says why`));
    child.once('exit', onExit);
  });
  try {
    const [message] = (await Promise.race([once(child, 'message'), exited])) as [T];
    return message;
  } finally {
    child.off('exit', onExit!);
  }
}
