/**
 * Where the AWS tools keep their files, resolved the way botocore does: AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE win (with `~` and `$VAR` expanded), else ~/.aws/config and
 * ~/.aws/credentials under $HOME. The SSO token cache is always ~/.aws/sso/cache and the CLI's
 * credential cache ~/.aws/cli/cache (neither has an environment override in botocore).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ValueSource } from '../core/errors.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface PathOptions {
  env?: Env;
  /** Overrides $HOME (tests). */
  home?: string;
}

export interface ResolvedPath {
  path: string;
  /** Where the path came from: the environment variable, or the default (as a file source). */
  source: ValueSource;
}

/** $HOME as botocore expands `~` (overridable for tests). */
export function awsHome(options: PathOptions = {}): string {
  return options.home ?? (options.env ?? process.env).HOME ?? homedir();
}

/** Python's os.path.expandvars + expanduser, enough for config paths. */
export function expandPath(path: string, options: PathOptions = {}): string {
  const env = options.env ?? process.env;
  const vars = path.replace(/\$(\w+)|\$\{(\w+)\}/g, (all, a: string | undefined, b: string | undefined) => {
    const value = env[(a ?? b)!];
    return value ?? all;
  });
  if (vars === '~' || vars.startsWith('~/')) return join(awsHome(options), vars.slice(1));
  return vars;
}

function fromEnv(name: string, fallback: string, options: PathOptions): ResolvedPath {
  const value = (options.env ?? process.env)[name];
  if (value) return { path: expandPath(value, options), source: { kind: 'env', name } };
  const path = join(awsHome(options), '.aws', fallback);
  return { path, source: { kind: 'file', file: path } };
}

/** ~/.aws/config, or AWS_CONFIG_FILE. */
export function configFilePath(options: PathOptions = {}): ResolvedPath {
  return fromEnv('AWS_CONFIG_FILE', 'config', options);
}

/** ~/.aws/credentials, or AWS_SHARED_CREDENTIALS_FILE. */
export function credentialsFilePath(options: PathOptions = {}): ResolvedPath {
  return fromEnv('AWS_SHARED_CREDENTIALS_FILE', 'credentials', options);
}

/** ~/.aws/sso/cache: SSO tokens and client registrations. */
export function ssoCacheDir(options: PathOptions = {}): string {
  return join(awsHome(options), '.aws', 'sso', 'cache');
}

/** ~/.aws/cli/cache: the CLI's cached role credentials. */
export function cliCacheDir(options: PathOptions = {}): string {
  return join(awsHome(options), '.aws', 'cli', 'cache');
}
