// Writes tests/web/meta.fixture.mjs from a running server's GET /api/v1/meta
// (one field per line, int64 bounds as Number.MAX_SAFE_INTEGER):
//   node tests/web/make-meta-fixture.mjs http://127.0.0.1:8096 > tests/web/meta.fixture.mjs
// or from a saved answer: node tests/web/make-meta-fixture.mjs meta.json
import { readFileSync } from 'node:fs';

const src = process.argv[2] || 'http://127.0.0.1:8096';
const text = /^https?:/.test(src)
  ? await (await fetch(`${src.replace(/\/$/, '')}/api/v1/meta`)).text()
  : readFileSync(src, 'utf8');
// int64 bounds do not survive JSON.parse: write them as the largest safe integer
const meta = JSON.parse(text.replace(/\b9223372036854775807\b/g, '"__MAX__"'));
const js = (v) => JSON.stringify(v).replace(/"__MAX__"/g, 'Number.MAX_SAFE_INTEGER').replace(/,"/g, ', "')
  .replace(/":/g, '": ');

const out = [];
out.push('// A copy of GET /api/v1/meta (every type of src/core/core_model.c and the');
out.push(`// lists of values), saved ${new Date().toISOString().slice(0, 10)} by make-meta-fixture.mjs, for the unit`);
out.push('// tests of the generic record pages; one field per line.');
out.push('export const META = {');
out.push('  types: {');
for (const [name, ty] of Object.entries(meta.types)) {
  const { fields, ...rest } = ty;
  const head = js(rest).slice(0, -1);
  out.push(`    ${name}: ${head}${head.length > 1 ? ', ' : ''}"fields": [`);
  for (const f of fields) out.push(`      ${js(f)},`);
  out.push('    ] },');
}
out.push('  },');
for (const [k, v] of Object.entries(meta)) if (k !== 'types') out.push(`  ${k}: ${js(v)},`);
out.push('};');
process.stdout.write(out.join('\n') + '\n');
