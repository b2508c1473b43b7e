/**
 * Renders two of the charts `npm start` writes (out/charts/) to SVG for the README, with the
 * `vega` and `vega-lite` development dependencies — the library itself renders nothing.
 * Run `npm start` first, then `npx tsx docs/examples/chart-images.ts`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

mkdirSync('docs/images', { recursive: true });
for (const stem of ['traffic-split-checkout', 'concurrency-search']) {
  const spec = JSON.parse(readFileSync(`out/charts/${stem}.vl.json`, 'utf8')) as TopLevelSpec;
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  writeFileSync(`docs/images/${stem}.svg`, await view.toSVG());
  console.log(`docs/images/${stem}.svg`);
}
