/**
 * A user's whole AWS setup as botocore sees it (config + credentials file), every value carrying
 * the file and line it came from, so doctor can say "region = eu-west-1 (~/.aws/config:12)".
 *
 * botocore's merge (session.py `Session.full_config`): profiles come from the config file
 * (`[profile x]`, `[default]`); the credentials file's sections are profile names as written, and
 * their keys override the config file's key by key.
 */
import type { ValueSource } from '../core/errors.js';
import { botocoreView, type IniProblem, rawSections, type ViewSection } from './ini/botocore-view.js';
import { IniDocument } from './ini/document.js';
import { configFilePath, credentialsFilePath, type PathOptions, type ResolvedPath } from './paths.js';
import { readTextFile } from './private-fs.js';

export interface SourcedValue {
  value: string | Readonly<Record<string, string>>;
  source: ValueSource;
}

export interface SourcedSection {
  name: string;
  /** Where the section header is (the config file's, then the credentials file's). */
  sources: ValueSource[];
  values: Map<string, SourcedValue>;
}

export interface AwsFile {
  path: string;
  /** How the path was chosen: the environment variable or the default location. */
  pathSource: ValueSource;
  exists: boolean;
  problems: readonly IniProblem[];
  /** botocore cannot read this file at all. */
  fatal: boolean;
}

export interface AwsSetup {
  config: AwsFile;
  credentials: AwsFile;
  profiles: Map<string, SourcedSection>;
  ssoSessions: Map<string, SourcedSection>;
  services: Map<string, SourcedSection>;
}

function sourced(name: string, view: ViewSection, file: string): SourcedSection {
  const values = new Map<string, SourcedValue>();
  for (const [key, v] of view.values)
    values.set(key, { value: v.value, source: { kind: 'file', file, line: v.line } });
  return { name, sources: [{ kind: 'file', file, line: view.line }], values };
}

export interface SetupTexts {
  config: { path: string; pathSource?: ValueSource; text?: string };
  credentials: { path: string; pathSource?: ValueSource; text?: string };
}

/** The pure part: both files' texts (undefined: missing) to the merged setup. */
export function awsSetupFromTexts(input: SetupTexts): AwsSetup {
  const configView = botocoreView(IniDocument.parse(input.config.text ?? ''));
  const credsRaw = rawSections(IniDocument.parse(input.credentials.text ?? ''));
  const file = (f: SetupTexts['config'], problems: readonly IniProblem[]): AwsFile => ({
    path: f.path,
    pathSource: f.pathSource ?? { kind: 'file', file: f.path },
    exists: f.text !== undefined,
    problems,
    fatal: problems.some((p) => p.fatal),
  });
  const map = (m: ReadonlyMap<string, ViewSection>, path: string) =>
    new Map([...m].map(([name, view]) => [name, sourced(name, view, path)] as const));
  const profiles = map(configView.profiles, input.config.path);
  for (const [name, view] of credsRaw.sections) {
    const fromCreds = sourced(name, view, input.credentials.path);
    const existing = profiles.get(name);
    if (!existing) profiles.set(name, fromCreds);
    else {
      existing.sources.push(...fromCreds.sources);
      for (const [k, v] of fromCreds.values) existing.values.set(k, v);
    }
  }
  return {
    config: file(input.config, configView.problems),
    credentials: file(input.credentials, credsRaw.problems),
    profiles,
    ssoSessions: map(configView.ssoSessions, input.config.path),
    services: map(configView.services, input.config.path),
  };
}

/** Reads ~/.aws/config and ~/.aws/credentials (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE honoured). */
export function readAwsSetup(options: PathOptions = {}): AwsSetup {
  const read = (p: ResolvedPath) => {
    const f = readTextFile(p.path);
    return { path: p.path, pathSource: p.source, text: f.exists ? f.text : undefined };
  };
  return awsSetupFromTexts({
    config: read(configFilePath(options)),
    credentials: read(credentialsFilePath(options)),
  });
}

/** A value of a profile with its source, following sso_session into its sso-session section. */
export function resolveProfileValue(setup: AwsSetup, profile: string, key: string): SourcedValue | undefined {
  const p = setup.profiles.get(profile);
  const own = p?.values.get(key);
  if (own) return own;
  const session = p?.values.get('sso_session')?.value;
  if (typeof session !== 'string') return undefined;
  return setup.ssoSessions.get(session)?.values.get(key);
}
