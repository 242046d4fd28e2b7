/**
 * The onramp command line: wiring only. Each command lives in commands/<name>.ts, parses its flags,
 * calls into a room of the library and renders; errors become exit codes (docs/errors.md).
 */
import { Command, CommanderError } from 'commander';
import { ExitCode, OnrampError } from '../core/errors.js';
import { addGlobalOptions } from './global-options.js';
import { Output } from './output.js';

export const VERSION = '0.1.0';

type Register = (program: Command) => void;

/**
 * Every command, in the order help lists them, loaded on demand: a command's module imports what
 * it needs (the sandbox, the AWS SDK, the blueprint validator), and `onramp sandbox` should not
 * load the other nineteen commands' worth of modules before it can answer.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  sandbox: async () => (await import('./commands/sandbox.js')).registerSandbox,
  demo: async () => (await import('./commands/demo.js')).registerDemo,
  sso: async () => (await import('./commands/sso.js')).registerSso,
  creds: async () => (await import('./commands/creds.js')).registerCreds,
  exec: async () => (await import('./commands/exec.js')).registerExec,
  whoami: async () => (await import('./commands/whoami.js')).registerWhoami,
  console: async () => (await import('./commands/console.js')).registerConsole,
  doctor: async () => (await import('./commands/doctor.js')).registerDoctor,
  lint: async () => {
    const { registerLint } = await import('./commands/lint.js');
    return (program) => registerLint(program, VERSION);
  },
  recipes: async () => (await import('./commands/recipes.js')).registerRecipes,
  init: async () => (await import('./commands/init.js')).registerInit,
  assume: async () => (await import('./commands/assume.js')).registerAssume,
  validate: async () => (await import('./commands/validate.js')).registerValidate,
  schema: async () => (await import('./commands/schema.js')).registerSchema,
  plan: async () => (await import('./commands/plan.js')).registerPlan,
  apply: async () => (await import('./commands/apply.js')).registerApply,
  destroy: async () => (await import('./commands/destroy.js')).registerDestroy,
  verify: async () => (await import('./commands/verify.js')).registerVerify,
  explain: async () => (await import('./commands/explain.js')).registerExplain,
  ui: async () => (await import('./commands/ui.js')).registerUi,
};

/**
 * The program with the command `argv` names, or with every command (for help, an unknown command,
 * or a global option before the command).
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = addGlobalOptions(new Command('onramp'))
    .description('Set up AWS access for a platform from a blueprint, and every user’s SSO profiles.')
    .version(VERSION)
    .showHelpAfterError('(run onramp --help for usage)')
    .exitOverride();
  const named = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]) ? [argv[0]] : Object.keys(COMMANDS);
  const registers = await Promise.all(named.map((n) => COMMANDS[n]()));
  for (const register of registers) register(program);
  for (const c of program.commands) {
    addGlobalOptions(c);
    c.exitOverride();
  }
  return program;
}

/** Runs onramp with these arguments; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    const program = await buildProgram(argv);
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
