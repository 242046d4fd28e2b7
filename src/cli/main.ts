/**
 * The onramp command line: wiring only. Each command lives in commands/<name>.ts, parses its flags,
 * calls into a room of the library and renders; errors become exit codes (docs/errors.md).
 */
import { Command, CommanderError } from 'commander';
import { ExitCode, OnrampError } from '../core/errors.js';
import { registerApply } from './commands/apply.js';
import { registerAssume } from './commands/assume.js';
import { registerConsole } from './commands/console.js';
import { registerCreds } from './commands/creds.js';
import { registerDemo } from './commands/demo.js';
import { registerDestroy } from './commands/destroy.js';
import { registerDoctor } from './commands/doctor.js';
import { registerExec } from './commands/exec.js';
import { registerExplain } from './commands/explain.js';
import { registerInit } from './commands/init.js';
import { registerLint } from './commands/lint.js';
import { registerPlan } from './commands/plan.js';
import { registerRecipes } from './commands/recipes.js';
import { registerSandbox } from './commands/sandbox.js';
import { registerSchema } from './commands/schema.js';
import { registerSso } from './commands/sso.js';
import { registerUi } from './commands/ui.js';
import { registerValidate } from './commands/validate.js';
import { registerVerify } from './commands/verify.js';
import { registerWhoami } from './commands/whoami.js';
import { addGlobalOptions } from './global-options.js';
import { Output } from './output.js';

export const VERSION = '0.1.0';

export function buildProgram(): Command {
  const program = addGlobalOptions(new Command('onramp'))
    .description('Set up AWS access for a platform from a blueprint, and every user’s SSO profiles.')
    .version(VERSION)
    .showHelpAfterError('(run onramp --help for usage)')
    .exitOverride();
  registerSandbox(program);
  registerDemo(program);
  registerSso(program);
  registerCreds(program);
  registerExec(program);
  registerWhoami(program);
  registerConsole(program);
  registerDoctor(program);
  registerLint(program, VERSION);
  registerRecipes(program);
  registerInit(program);
  registerAssume(program);
  registerValidate(program);
  registerSchema(program);
  registerPlan(program);
  registerApply(program);
  registerDestroy(program);
  registerVerify(program);
  registerExplain(program);
  registerUi(program);
  for (const c of program.commands) {
    addGlobalOptions(c);
    c.exitOverride();
  }
  return program;
}

/** Runs onramp with these arguments; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      )
        return ExitCode.ok;
      // Commander already printed the message; unknown flags and missing arguments are input errors.
      return ExitCode.input;
    }
    const json = argv.includes('--json');
    const out = new Output({ json, color: false, debug: argv.includes('--debug') });
    return out.error(e instanceof OnrampError ? e : e);
  }
}
