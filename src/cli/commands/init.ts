/**
 * `onramp init --recipe NAME [--out FILE] [--var k=v …] [--example] [--force]`: writes a ready
 * blueprint (or profiles file) from a recipe. Missing params are asked for on a terminal, or named
 * in an exit-2 error without one. With --example and a target (--endpoint-url/--sandbox/--profile),
 * account ids and the portal URL are read from the organization so the result applies as is.
 */
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import type { AwsClients } from '../../aws/index.js';
import {
  type Asker,
  findRecipe,
  initRecipe,
  needsTargetFacts,
  type TargetFacts,
} from '../../recipes/index.js';
import { type GlobalOptions, globalOptions, outputFor } from '../global-options.js';
import { engineTarget } from '../target.js';

interface InitFlags {
  recipe: string;
  out?: string;
  var: string[];
  example?: boolean;
  force?: boolean;
}

/**
 * Member accounts (by name) and the Identity Center portal URL of the target, best effort: an
 * account outside an organization, or without Identity Center, just yields fewer facts.
 */
export async function readTargetFacts(clients: AwsClients): Promise<TargetFacts> {
  const facts: TargetFacts = {};
  const me = await clients.callerIdentity();
  const { ListAccountsCommand } = await import('@aws-sdk/client-organizations');
  const { ListInstancesCommand } = await import('@aws-sdk/client-sso-admin');
  try {
    const members: { id: string; name: string }[] = [];
    let NextToken: string | undefined;
    do {
      const page = await clients.call('organizations', 'ListAccounts', (o) =>
        o.send(new ListAccountsCommand({ NextToken })),
      );
      for (const a of page.Accounts ?? []) {
        if (a.Id && a.Id !== me.account && a.Status === 'ACTIVE')
          members.push({ id: a.Id, name: a.Name ?? a.Id });
      }
      NextToken = page.NextToken;
    } while (NextToken);
    facts.members = members.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  } catch {
    // Not the management account, or no organization: no member accounts to offer.
  }
  try {
    const instances = await clients.call('sso-admin', 'ListInstances', (s) =>
      s.send(new ListInstancesCommand({})),
    );
    const store = instances.Instances?.[0]?.IdentityStoreId;
    if (store) facts.startUrl = `https://${store}.awsapps.com/start`;
  } catch {
    // Identity Center not enabled, or not visible to this caller.
  }
  return facts;
}

function terminalAsker(): Asker {
  return async ({ name, spec, error }) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      if (error) process.stderr.write(`  ${error}\n`);
      const about = [spec.description, spec.pattern ? `must match /${spec.pattern}/` : undefined]
        .filter(Boolean)
        .join('; ');
      const list = spec.type === 'list' ? ' (comma-separated)' : '';
      return (await rl.question(`${name}${list}${about ? ` — ${about}` : ''}\n> `)).trim();
    } finally {
      rl.close();
    }
  };
}

/** Whether the command may reach AWS for live examples: only when a target was named. */
function targetNamed(g: GlobalOptions): boolean {
  return g.sandbox || g.endpointUrl !== undefined || g.profile !== undefined;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write a ready blueprint from a recipe (onramp recipes lists them)')
    .requiredOption('--recipe <name>', 'the recipe, e.g. orchestera')
    .option('--out <file>', 'where to write (default ./<recipe>.yaml)')
    .option('--var <name=value>', 'a param value (repeatable)', (v: string, acc: string[]) => [...acc, v], [])
    .option('--example', "fill every param without --var from the recipe's examples")
    .option('--force', 'replace --out if it exists')
    .action(async (flags: InitFlags, cmd: Command) => {
      const g = globalOptions(cmd);
      const out = outputFor(cmd);
      const recipe = findRecipe(flags.recipe);
      // The organization is read only when a target was named: for live examples, and for the
      // portal URL and SSO region the manual steps mention (Amplify prints them, as its runbook does).
      const wantsPortal = recipe.manualSteps.some((m) => m.includes('{startUrl}'));
      let facts: TargetFacts | undefined;
      const known: Record<string, string> = {};
      if (targetNamed(g) && ((flags.example && needsTargetFacts(recipe)) || wantsPortal)) {
        const target = await engineTarget(g);
        try {
          facts = await readTargetFacts(target.clients);
          known['caller.account'] = (await target.clients.callerIdentity()).account;
          if (facts.startUrl) {
            known.startUrl = facts.startUrl;
            known.ssoRegion = target.clients.region;
          }
        } finally {
          await target.close();
        }
      }
      const path = flags.out ?? `${recipe.name}.yaml`;
      const result = await initRecipe({
        recipe,
        out: path,
        varFlags: flags.var,
        example: flags.example,
        force: flags.force,
        facts,
        known,
        ask: process.stdin.isTTY && !g.json ? terminalAsker() : undefined,
        header: `# Written by onramp ${cmd.parent?.version() ?? ''} init --recipe ${recipe.name}; params hold the chosen values as defaults.\n`,
      });
      if (result.offlineExamples.length > 0) {
        out.log(
          `note: ${result.offlineExamples.join(', ')} got offline placeholder examples; name a target (--endpoint-url, --sandbox or --profile) to read them from your organization`,
        );
      }
      const { text: _text, ...report } = result;
      const lines = [
        `Wrote ${path} from recipe ${recipe.name}.`,
        ...Object.entries(result.values).map(([k, v]) => `  ${k} = ${v.shown}  (${v.origin})`),
        '',
        ...(recipe.kind === 'blueprint' ? [`Next: onramp plan ${path} && onramp apply ${path}`] : []),
        'By hand:',
        ...result.nextSteps.map((s, i) => `  ${i + 1}. ${s}`),
      ];
      out.result(report, lines.join('\n'));
    });
}
