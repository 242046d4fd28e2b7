/**
 * Test helper: a CLI with only `verify` and `explain` wired (as main.ts wires them), run as a child
 * process by verify.test.ts so that a test never depends on other commands being mid-edit.
 * Excluded from the build (test-*.ts).
 */
import { Command, CommanderError } from 'commander';
import type { OnrampError } from '../../core/errors.js';
import { addGlobalOptions } from '../global-options.js';
import { Output } from '../output.js';
import { registerExplain } from './explain.js';
import { registerVerify } from './verify.js';

const args = process.argv.slice(2);
const program = addGlobalOptions(new Command('onramp')).exitOverride();
registerVerify(program);
registerExplain(program);
for (const c of program.commands) addGlobalOptions(c).exitOverride();
try {
  await program.parseAsync(args, { from: 'user' });
} catch (e) {
  process.exitCode =
    e instanceof CommanderError
      ? 2
      : new Output({ json: args.includes('--json'), color: false, debug: false }).error(e as OnrampError);
}
