import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const API_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with what the ready line captured (the server's base URL) once it is printed. */
  ready: Promise<string>;
  exited: Promise<number | null>;
}

function startEntry(entry: string, env: Record<string, string>, readyLine: RegExp): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(API_ROOT, entry)], {
    cwd: API_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_FORMAT: 'json', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = readyLine.exec(out);
      if (match) resolve(match[1] ?? match[0]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`${entry} exited with ${code} before it was ready:\n${out}`)));
  });
  ready.catch(() => undefined);
  return { child, output: () => out, ready, exited };
}

/** Starts the real server entry point (`npm start` runs the same file) as a child process. */
export function startServer(env: Record<string, string>): ServerProcess {
  return startEntry('src/server.ts', env, /listening at (http:\/\/[\d.:]+)/);
}

/** Starts the standalone email worker (`npm run worker`) as a child process. */
export function startWorkerProcess(env: Record<string, string>): ServerProcess {
  return startEntry('src/cli/worker.ts', env, /Email worker started/);
}
