/**
 * Test helper run as a child process by write-config.test.ts (excluded from the build):
 *   crash <path> <textFile> <step>  write <textFile>'s content to <path>, SIGKILL itself at <step>
 *   append <path> <id> <count>      append <count> lines through updateConfigFile (lock contention)
 */
import { readFileSync } from 'node:fs';
import { updateConfigFile, writeConfigFile } from './write-config.js';

const [mode, path, a, b] = process.argv.slice(2);

if (mode === 'crash') {
  await writeConfigFile(path, readFileSync(a, 'utf8'), {
    onStep: (step) => {
      if (step === b) process.kill(process.pid, 'SIGKILL');
    },
  });
} else if (mode === 'append') {
  for (let i = 0; i < Number(b); i++) {
    await updateConfigFile(path, (text) => `${text}line ${a}-${i}\n`, {
      lock: { timeoutMs: 60_000, pollMs: 5 },
    });
  }
}
