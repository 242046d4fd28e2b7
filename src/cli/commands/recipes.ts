/**
 * `onramp recipes`: the catalog, one line per recipe (`--json`: every field, with examples and
 * manual steps).
 */
import type { Command } from 'commander';
import { RECIPES } from '../../recipes/index.js';
import { outputFor } from '../global-options.js';

export function registerRecipes(program: Command): void {
  program
    .command('recipes')
    .description('list the recipes onramp init can start from')
    .action((_flags: unknown, cmd: Command) => {
      const out = outputFor(cmd);
      const width = Math.max(...RECIPES.map((r) => r.name.length));
      const lines = RECIPES.map((r) => `${r.name.padEnd(width)}  ${r.title} — ${r.summary}`);
      out.result(RECIPES, [...lines, '', 'Start one: onramp init --recipe NAME [--example]'].join('\n'));
    });
}
