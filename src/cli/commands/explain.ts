/**
 * `onramp explain [CODE]`: one diagnostics catalog entry (cause, evidence, fix), or the list of
 * codes without an argument. An unknown code is an input error (exit 2) with a did-you-mean.
 */
import type { Command } from 'commander';
import { OnrampError } from '../../core/errors.js';
import { CATALOG, lookupDiagnostic } from '../../verify/catalog/index.js';
import { explainJson, explainText } from '../../verify/catalog/render.js';
import { outputFor } from '../global-options.js';

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('explain a diagnostic code from onramp verify (ONR-D0xx)')
    .argument('[code]', 'e.g. ONR-D004, D4 or permission-set-policy-missing-role')
    .action((code: string | undefined, _flags: unknown, cmd: Command) => {
      const out = outputFor(cmd);
      if (code === undefined) {
        out.result(
          CATALOG.map((e) => ({ code: e.code, slug: e.slug, title: e.title })),
          CATALOG.map((e) => `${e.code}  ${e.title}`).join('\n'),
        );
        return;
      }
      const found = lookupDiagnostic(code);
      if (!found.found) {
        const near = found.suggestions;
        throw new OnrampError('ONR-E190', `${code} is not a diagnostic code onramp knows`, {
          source: { kind: 'flag', flag: 'explain CODE' },
          hint: near.length
            ? `did you mean ${near.join(' or ')}? (onramp explain lists every code)`
            : 'run onramp explain without a code to list every code',
          details: { suggestions: near },
        });
      }
      out.result(explainJson(found.entry), explainText(found.entry));
    });
}
