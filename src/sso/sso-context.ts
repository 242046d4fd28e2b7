/**
 * What every user-side operation runs with: the environment (HOME, AWS_* variables), the clock,
 * where AWS calls go, and how to talk to the person (stderr lines, opening a browser). Injected so
 * tests run against a temp HOME and the sandbox, and so library code never touches process.* itself.
 */

import type { RateRule } from '../aws/limiter.js';
import { type Clock, realClock } from '../core/clock.js';
import type { ValueSource } from '../core/errors.js';
import { cliCacheDir, type Env, type PathOptions, ssoCacheDir } from './paths.js';

export interface SsoContext {
  env: Env;
  /** Overrides $HOME (tests). */
  home?: string;
  clock?: Clock;
  /** --endpoint-url: every AWS call goes here (wins over AWS_ENDPOINT_URL*). */
  endpointUrl?: string;
  /** Messages for the person at the terminal (stderr); never secrets. */
  log?: (line: string) => void;
  /** Opens a URL in a browser; returns false when it could not. Undefined: never open one. */
  openUrl?: (url: string) => Promise<boolean>;
  /** Client-side rate rules (default AWS_RATE_RULES: the portal at 20 TPS). */
  rates?: Readonly<Record<string, RateRule>>;
}

/** The AWS service ids whose endpoint can be overridden by AWS_ENDPOINT_URL_<ID>. */
export type EndpointService = 'SSO' | 'SSO_OIDC' | 'STS';

export interface ResolvedEndpoint {
  url: string;
  source: ValueSource;
}

/**
 * The endpoint override for a service, the way the SDKs resolve it: the flag, then
 * AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL; undefined means AWS's own endpoint.
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
 */
export function endpointFor(ctx: SsoContext, service: EndpointService): ResolvedEndpoint | undefined {
  if (ctx.endpointUrl) return { url: ctx.endpointUrl, source: { kind: 'flag', flag: '--endpoint-url' } };
  for (const name of [`AWS_ENDPOINT_URL_${service}`, 'AWS_ENDPOINT_URL']) {
    const url = ctx.env[name];
    if (url) return { url, source: { kind: 'env', name } };
  }
  return undefined;
}

export function pathOptions(ctx: SsoContext): PathOptions {
  return { env: ctx.env, home: ctx.home };
}

export function tokenDir(ctx: SsoContext): string {
  return ssoCacheDir(pathOptions(ctx));
}

export function credentialDir(ctx: SsoContext): string {
  return cliCacheDir(pathOptions(ctx));
}

export function clockOf(ctx: SsoContext): Clock {
  return ctx.clock ?? realClock;
}

export function say(ctx: SsoContext, line: string): void {
  ctx.log?.(line);
}
