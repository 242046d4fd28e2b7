/** `onramp schema`: the blueprint JSON Schema (draft 2020-12), for editors. */
import type { Command } from 'commander';
import { blueprintJsonSchema } from '../../blueprint/schema.js';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the blueprint JSON Schema (for editor completion)')
    .action(() => {
      process.stdout.write(`${JSON.stringify(blueprintJsonSchema(), null, 2)}\n`);
    });
}
