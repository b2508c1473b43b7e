// Property-test reproducibility: FC_SEED and FC_NUM_RUNS feed fast-check's global settings, so a
// failure printed with its seed can be replayed exactly (`FC_SEED=… npm test`).
import fc from 'fast-check';

const seed = process.env['FC_SEED'];
const numRuns = process.env['FC_NUM_RUNS'];

fc.configureGlobal({
  ...(seed === undefined ? {} : { seed: Number(seed) }),
  numRuns: numRuns === undefined ? 100 : Number(numRuns),
});
