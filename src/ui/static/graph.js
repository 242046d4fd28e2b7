/**
 * The access graph as an SVG: columns left to right (principals, groups, grants, roles, accounts).
 * Hovering or focusing a node highlights every path through it; a click (or Enter) shows its
 * details. Colours are SVG attributes, not CSS, so the exported file looks the same on its own.
 */
import { html, useEffect, useMemo, useRef, useState } from './html.js';

const COL_W = 230;
const ROW_H = 54;
const NODE_W = 190;
const NODE_H = 36;
const FILL = {
  'idc-user': '#dbeafe',
  'iam-user': '#dbeafe',
  external: '#fde68a',
  'idc-group': '#e0e7ff',
  'iam-group': '#e0e7ff',
  'permission-set': '#dcfce7',
  policy: '#dcfce7',
  role: '#fce7f3',
  account: '#f3f4f6',
};
const HEADINGS = ['principals', 'groups', 'grants', 'roles', 'accounts'];

function layout(graph) {
  const rows = [0, 0, 0, 0, 0];
  const pos = new Map();
  for (const n of graph.nodes) {
    const c = n.column;
    pos.set(n.id, { x: 20 + c * COL_W, y: 40 + rows[c] * ROW_H });
    rows[c]++;
  }
  return { pos, height: 60 + Math.max(1, ...rows) * ROW_H };
}

/** Every node and edge on a path through `id` (upstream and downstream). */
function pathThrough(graph, id) {
  const nodes = new Set([id]);
  const edges = new Set();
  for (const dir of ['up', 'down']) {
    const queue = [id];
    const seen = new Set([id]);
    while (queue.length) {
      const cur = queue.shift();
      graph.edges.forEach((e, i) => {
        const [from, to] = dir === 'down' ? [e.from, e.to] : [e.to, e.from];
        if (from !== cur) return;
        edges.add(i);
        nodes.add(to);
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      });
    }
  }
  return { nodes, edges };
}

const short = (s) => (s.length > 27 ? `${s.slice(0, 26)}…` : s);

export function AccessGraph({ graph }) {
  const [hover, setHover] = useState(null);
  const [selected, setSelected] = useState(null);
  const [href, setHref] = useState(null);
  const svg = useRef(null);
  const { pos, height } = useMemo(() => layout(graph), [graph]);
  const lit = hover ? pathThrough(graph, hover) : null;
  const width = 20 + 5 * COL_W;
  useEffect(() => {
    // The download is the SVG as drawn, without highlight; rebuilt when the graph changes.
    const text = new XMLSerializer().serializeToString(svg.current);
    const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [graph]);
  const sel = graph.nodes.find((n) => n.id === selected);
  return html`<div class="graph">
    <svg ref=${svg} xmlns="http://www.w3.org/2000/svg" width=${width} height=${height} viewBox=${`0 0 ${width} ${height}`}
      role="group" aria-label="Access graph" data-testid="access-graph" font-family="sans-serif" font-size="12">
      ${HEADINGS.map((h, c) => html`<text x=${20 + c * COL_W} y="20" fill="#555" font-weight="bold">${h}</text>`)}
      ${graph.edges.map((e, i) => {
        const a = pos.get(e.from);
        const b = pos.get(e.to);
        if (!a || !b) return null;
        const x1 = a.x + NODE_W;
        const y1 = a.y + NODE_H / 2;
        const x2 = b.x;
        const y2 = b.y + NODE_H / 2;
        const on = lit?.edges.has(i);
        return html`<path d=${`M${x1},${y1} C${x1 + 40},${y1} ${x2 - 40},${y2} ${x2},${y2}`} fill="none"
          stroke=${on ? '#2563eb' : '#9ca3af'} stroke-width=${on ? 3 : 1.5} opacity=${lit && !on ? 0.25 : 1}><title>${e.label}</title></path>`;
      })}
      ${graph.nodes.map((n) => {
        const p = pos.get(n.id);
        const dim = lit && !lit.nodes.has(n.id);
        return html`<g transform=${`translate(${p.x},${p.y})`} tabindex="0" role="button" data-node=${n.id}
          aria-label=${`${n.type} ${n.label}`} opacity=${dim ? 0.3 : 1} class="node"
          onMouseEnter=${() => setHover(n.id)} onMouseLeave=${() => setHover(null)}
          onFocus=${() => setHover(n.id)} onBlur=${() => setHover(null)}
          onClick=${() => setSelected(n.id)} onKeyDown=${(e) => e.key === 'Enter' && setSelected(n.id)}>
          <rect width=${NODE_W} height=${NODE_H} rx="6" fill=${FILL[n.type] ?? '#fff'}
            stroke=${selected === n.id ? '#111' : '#6b7280'} stroke-width=${selected === n.id ? 2 : 1} />
          <text x="8" y="15" fill="#111">${short(n.label)}</text>
          <text x="8" y="29" fill="#555" font-size="10">${n.type}</text>
          <title>${n.label}</title></g>`;
      })}
    </svg>
    ${href && html`<p><a href=${href} download="access-graph.svg" data-testid="graph-download">Download the graph as SVG</a></p>`}
    ${
      sel &&
      html`<aside class="node-details" aria-live="polite" data-testid="node-details"><h4>${sel.label}</h4><p>${sel.type}</p>
      <dl>${Object.entries(sel.details).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
      <p>${graph.edges
        .filter((e) => e.from === sel.id)
        .map((e) => `${e.label} → ${graph.nodes.find((n) => n.id === e.to)?.label}`)
        .join('; ')}</p></aside>`
    }
  </div>`;
}
