/**
 * Test helpers: a sandbox per test file that stops itself, and SDK clients pointed at it.
 * Excluded from the build (test-*.ts).
 */
import { after, before } from 'node:test';
import { type Sandbox, type SandboxOptions, startSandbox } from './sandbox.js';

/** Starts a sandbox before the file's tests and stops it after; read `.current` inside tests. */
export function useSandbox(options: SandboxOptions = {}): { readonly current: Sandbox } {
  const holder: { current?: Sandbox } = {};
  before(async () => {
    holder.current = await startSandbox(options);
  });
  after(async () => {
    await holder.current?.stop();
  });
  return {
    get current() {
      if (!holder.current) throw new Error('sandbox not started');
      return holder.current;
    },
  };
}
