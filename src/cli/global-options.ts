/**
 * Flags every command takes. Values remember where they came from (flag or environment) so errors
 * can name the source.
 */
import type { Command } from 'commander';
import { OnrampError } from '../core/errors.js';
import { colorWanted, Output } from './output.js';

export interface GlobalOptions {
  json: boolean;
  color: boolean;
  debug: boolean;
  profile?: string;
  region?: string;
  endpointUrl?: string;
  sandbox: boolean;
}

export function addGlobalOptions(cmd: Command): Command {
  return cmd
    .option('--json', 'machine-readable output on stdout')
    .option('--no-color', 'no colour (also NO_COLOR)')
    .option('--debug', 'print stack traces')
    .option('--profile <name>', 'AWS profile (default chain otherwise)')
    .option('--region <region>', 'AWS region')
    .option(
      '--endpoint-url <url>',
      'send every AWS call to this endpoint (a running onramp sandbox, or moto)',
    )
    .option('--sandbox', 'run against an embedded sandbox whose state lives in $ONRAMP_HOME');
}

export function globalOptions(cmd: Command): GlobalOptions {
  const o = cmd.optsWithGlobals() as Record<string, unknown>;
  const endpointUrl = o.endpointUrl as string | undefined;
  if (endpointUrl !== undefined) {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(endpointUrl).protocol);
    } catch {}
    if (!ok) {
      throw new OnrampError('ONR-E101', `--endpoint-url ${endpointUrl} is not an http(s) URL`, {
        source: { kind: 'flag', flag: '--endpoint-url' },
        hint: 'Give a full URL such as http://127.0.0.1:4566 (what `onramp sandbox` prints).',
      });
    }
  }
  if (endpointUrl && o.sandbox) {
    throw new OnrampError('ONR-E102', '--endpoint-url and --sandbox both name a target', {
      source: { kind: 'flag', flag: '--sandbox' },
      hint: 'Use one: --sandbox for the embedded sandbox, or --endpoint-url for a running one.',
    });
  }
  return {
    json: !!o.json,
    color: colorWanted(o.color as boolean | undefined),
    debug: !!o.debug,
    profile: o.profile as string | undefined,
    region: o.region as string | undefined,
    endpointUrl,
    sandbox: !!o.sandbox,
  };
}

export function outputFor(cmd: Command): Output {
  const g = globalOptions(cmd);
  return new Output({ json: g.json, color: g.color, debug: g.debug });
}
