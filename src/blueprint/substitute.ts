/**
 * Puts param values into the located tree before the schema runs, so typed params can fill typed
 * fields. A string that is exactly `${params.x}` takes x's value and type; a list param inside a
 * longer string expands it once per item (the Workbench pattern: one `accounts` param yields one
 * Resource ARN per account). Positions stay on the original string.
 */
import { E } from './codes.js';
import type { Diagnostics } from './diagnostics.js';
import { didYouMean } from './edit-distance.js';
import type { ParamValue } from './params.js';
import { type RefToken, scanRefs } from './refs.js';
import type { DocPath, Pos as DocPos, LNode } from './source-map.js';

export interface SubstituteContext {
  values: Readonly<Record<string, ParamValue>>;
  declared: readonly string[];
  /** Params with no value that stay as references silently (lenient mode, or already reported). */
  unresolved: readonly string[];
  diag: Diagnostics;
}

/** Substitutes params everywhere except inside the `params` section itself. */
export function substituteParams(root: LNode, ctx: SubstituteContext): LNode {
  if (root.kind !== 'map') return root;
  return {
    ...root,
    entries: root.entries.map((e) =>
      e.key === 'params' ? e : { ...e, value: walk(e.value, ctx, false, [e.key]) },
    ),
  };
}

function walk(node: LNode, ctx: SubstituteContext, inSeq: boolean, path: DocPath): LNode {
  switch (node.kind) {
    case 'map':
      return {
        ...node,
        entries: node.entries.map((e) => ({ ...e, value: walk(e.value, ctx, false, [...path, e.key]) })),
      };
    case 'seq':
      return { ...node, items: node.items.flatMap((item, i) => expandItem(item, ctx, [...path, i])) };
    case 'scalar': {
      if (typeof node.value !== 'string' || !node.value.includes('${params.')) return node;
      const out = substituteString(node.value, { path, ...(node.pos ? { pos: node.pos } : {}) }, ctx);
      if (out.kind === 'single') return { ...node, value: out.value };
      const items: LNode[] = out.values.map((v) => ({ kind: 'scalar', value: v, pos: node.pos }));
      return inSeq
        ? { kind: 'seq', items, pos: node.pos }
        : { kind: 'seq', items, pos: node.pos, expandedFrom: out.from };
    }
  }
}

function expandItem(item: LNode, ctx: SubstituteContext, path: DocPath): LNode[] {
  const done = walk(item, ctx, true, path);
  if (item.kind === 'scalar' && done.kind === 'seq') {
    return done.items.map((i) => ({ ...i, ...(i.kind === 'scalar' ? { expandedFrom: undefined } : {}) }));
  }
  return [done];
}

type Substituted = { kind: 'single'; value: unknown } | { kind: 'many'; values: string[]; from: string };

interface At {
  path: DocPath;
  pos?: DocPos;
}

function substituteString(s: string, at: At, ctx: SubstituteContext): Substituted {
  const { refs } = scanRefs(s);
  const params = refs.filter((r) => r.segments[0] === 'params');
  const usable: { ref: RefToken; value: ParamValue }[] = [];
  for (const ref of params) {
    const value = lookup(ref, at, ctx);
    if (value !== undefined) usable.push({ ref, value });
  }
  if (usable.length === 0) return { kind: 'single', value: s };
  const whole = usable.length === 1 && usable[0].ref.start === 0 && usable[0].ref.end === s.length;
  if (whole) {
    const { ref, value } = usable[0];
    return Array.isArray(value)
      ? { kind: 'many', values: value, from: ref.segments[1] }
      : { kind: 'single', value };
  }
  // Cartesian product over list params, in order of appearance.
  let results = [''];
  let cursor = 0;
  let from: string | undefined;
  for (const { ref, value } of usable) {
    const literal = s.slice(cursor, ref.start);
    const options = Array.isArray(value) ? value : [String(value)];
    if (Array.isArray(value)) from ??= ref.segments[1];
    results = results.flatMap((prefix) => options.map((o) => prefix + literal + o));
    cursor = ref.end;
  }
  results = results.map((r) => r + s.slice(cursor));
  return from === undefined ? { kind: 'single', value: results[0] } : { kind: 'many', values: results, from };
}

function lookup(ref: RefToken, at: At, ctx: SubstituteContext): ParamValue | undefined {
  const name = ref.segments[1];
  if (ref.segments.length !== 2) {
    ctx.diag.error({
      code: E.malformedReference,
      message: `\`\${${ref.expr}}\`: param references have the form \${params.name}`,
      ...at,
    });
    return undefined;
  }
  if (Object.hasOwn(ctx.values, name)) return ctx.values[name];
  if (!ctx.declared.includes(name)) {
    ctx.diag.error({
      code: E.danglingReference,
      message: `\`\${${ref.expr}}\` names a param the blueprint does not declare`,
      ...at,
      hint: didYouMean(name, ctx.declared) ?? 'declare it under `params:`',
    });
  } else if (!ctx.unresolved.includes(name)) {
    ctx.diag.error({
      code: E.missingParam,
      message: `\`\${${ref.expr}}\` is used but param \`${name}\` has no value`,
      ...at,
      hint: `pass --var ${name}=… or give the param a default`,
    });
  }
  return undefined;
}
