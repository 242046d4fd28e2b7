/**
 * ONR-L012 unknown condition key, ONR-L013 unknown operator, ONR-L014 values or key types that do not
 * fit the operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
import { isIP } from 'node:net';
import { suggest } from '../../blueprint/index.js';
import { conditionKeyInfo, isKnownOperator, parseOperator } from '../../policy/index.js';
import { conditionKeyNames } from '../action-catalog.js';
import type { DocPath } from '../types.js';
import { q, type Rule } from './context.js';

type Kind = NonNullable<ReturnType<typeof parseOperator>['base']>['kind'];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMBER = /^-?\d+(\.\d+)?$/;
const BOOL = /^(true|false)$/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function isCidr(v: string): boolean {
  const [addr, prefix, ...rest] = v.split('/');
  const version = isIP(addr);
  if (!version || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/** What a value must look like for each operator family, or undefined when any string goes. */
const VALUE_CHECKS: Partial<Record<Kind, { ok: (v: string) => boolean; expected: string }>> = {
  bool: { ok: (v) => BOOL.test(v), expected: 'true or false' },
  numeric: { ok: (v) => NUMBER.test(v), expected: 'a number' },
  date: { ok: (v) => ISO_DATE.test(v) || /^\d+$/.test(v), expected: 'an ISO 8601 date or epoch seconds' },
  ip: { ok: isCidr, expected: 'an IP address or CIDR range' },
  arn: { ok: (v) => v.startsWith('arn:') || v === '*', expected: 'an ARN' },
  binary: { ok: (v) => BASE64.test(v), expected: 'base64 text' },
};

/** Operator families that only make sense for one key type. */
const KEY_TYPE_FOR: Partial<Record<Kind, string>> = {
  bool: 'Bool',
  numeric: 'Numeric',
  date: 'Date',
  ip: 'IPAddress',
};

/** Web-identity and SAML providers' keys are `<provider host>:<claim>`, e.g. token.actions.githubusercontent.com:sub. */
const providerKey = (key: string): boolean => {
  const colon = key.indexOf(':');
  return colon > 0 && key.slice(0, colon).includes('.');
};

const valuesAt = (v: unknown, path: DocPath): { value: unknown; path: DocPath }[] =>
  Array.isArray(v) ? v.map((value, i) => ({ value, path: [...path, i] })) : [{ value: v, path }];

export const conditionsRule: Rule = async (ctx) => {
  for (const st of ctx.statements) {
    for (const [op, block] of Object.entries(st.condition ?? {})) {
      const opPath = [...st.path, 'Condition', op];
      if (!isKnownOperator(op)) {
        ctx.report('ONR-L013', opPath, `${st.name}: ${q(op)} is not a condition operator`, { at: 'key' });
      }
      const parsed = parseOperator(op);
      for (const [key, raw] of Object.entries(block)) {
        const keyPath = [...opPath, key];
        const info = await conditionKeyInfo(key);
        if (!info && !providerKey(key) && key.includes(':')) {
          const prefix = key.slice(0, key.indexOf(':'));
          const near = suggest(key, await conditionKeyNames(prefix));
          ctx.report('ONR-L012', keyPath, `${st.name}: ${q(key)} is not a known condition key`, {
            at: 'key',
            ...(near.length ? { hint: `Did you mean ${near.join(' or ')}?` } : {}),
          });
        } else if (!info && !providerKey(key)) {
          ctx.report(
            'ONR-L012',
            keyPath,
            `${st.name}: ${q(key)} is not a condition key (expected prefix:name)`,
            {
              at: 'key',
            },
          );
        }
        const values = valuesAt(raw, keyPath).filter(
          (v) => !(typeof v.value === 'string' && v.value.includes('${')),
        );
        if (parsed.isNull) {
          for (const v of values) {
            if (!BOOL.test(String(v.value))) {
              ctx.report(
                'ONR-L014',
                v.path,
                `${st.name}: Null takes true or false, not ${JSON.stringify(v.value)}`,
                {
                  hint: 'Null: "true" means the key is absent, "false" that it is present.',
                },
              );
            }
          }
          continue;
        }
        const kind = parsed.base?.kind;
        if (!kind) continue;
        const keyType = info?.type.replace(/^ArrayOf/, '');
        const wanted = KEY_TYPE_FOR[kind];
        if (keyType && wanted && keyType !== wanted) {
          ctx.report(
            'ONR-L014',
            keyPath,
            `${st.name}: ${op} compares ${wanted} values but ${info?.key} is of type ${keyType}`,
            {
              at: 'key',
              hint: `Use an operator for ${keyType} keys.`,
            },
          );
          continue;
        }
        // A String operator on a Bool or Numeric key can only ever match the key's own spelling.
        const check =
          VALUE_CHECKS[kind] ??
          (keyType === 'Bool' ? VALUE_CHECKS.bool : keyType === 'Numeric' ? VALUE_CHECKS.numeric : undefined);
        if (!check) continue;
        for (const v of values) {
          if (!check.ok(String(v.value))) {
            ctx.report(
              'ONR-L014',
              v.path,
              `${st.name}: ${op} on ${key} expects ${check.expected}, not ${JSON.stringify(v.value)}`,
            );
          }
        }
      }
    }
  }
};
