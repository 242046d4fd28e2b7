/** The scenario's handle on its sandbox process (sandbox-host.ts): typed commands over IPC. */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { HostCommands } from './sandbox-host.js';

type Reply = { id: number; result?: unknown; error?: string };

export class RemoteSandbox {
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  url = '';
  region = 'us-east-1';
  admin = { accessKeyId: '', secretAccessKey: '', accountId: '' };
  members: string[] = [];

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: Reply) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.error !== undefined) w?.reject(new Error(`sandbox host: ${m.error}`));
      else w?.resolve(m.result);
    });
    child.on('exit', (code) => {
      for (const w of this.waiting.values()) w.reject(new Error(`the sandbox host exited (${code})`));
      this.waiting.clear();
    });
  }

  /** Forks a sandbox host and starts its sandbox. */
  static async start(options: Parameters<HostCommands['start']>[0]): Promise<RemoteSandbox> {
    const host = fileURLToPath(new URL('./sandbox-host.ts', import.meta.url));
    const child = fork(host, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const remote = new RemoteSandbox(child);
    const started = await remote.send('start', options);
    Object.assign(remote, started);
    return remote;
  }

  send<K extends keyof HostCommands>(
    op: K,
    arg?: Parameters<HostCommands[K]>[0],
  ): Promise<Awaited<ReturnType<HostCommands[K]>>> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, op, arg });
    });
  }

  /** Settings for an SDK client or AwsClients: the endpoint and the administrator's keys. */
  clientConfig() {
    const { accessKeyId, secretAccessKey } = this.admin;
    return { endpoint: this.url, region: this.region, credentials: { accessKeyId, secretAccessKey } };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    await this.send('stop').catch(() => undefined);
    await exited;
  }
}
