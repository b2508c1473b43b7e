/**
 * Simulation: a seeded workload driver over the real decider (`simulate`, `createSimulation`),
 * the scenario it runs (`validateScenario`), its draws (distributions and arrival processes), and
 * the in-place runner it drives the model with (`createRunner`).
 *
 * @module
 */
export {
  createSimulation,
  simulate,
  type SeenError,
  type Simulation,
  type SimulationError,
  type SimulationOptions,
  type SimulationResult,
} from './driver.js';
export { createRunner, type LambdaRunner, type RunnerStep } from './runner.js';
export {
  arrivalCursor,
  drawStream,
  nextArrival,
  nextDraw,
  sample,
  type ArrivalCursor,
  type ArrivalProcess,
  type Distribution,
  type DrawStream,
} from './sampling.js';
export {
  validateScenario,
  type AsyncSetup,
  type Behaviour,
  type InvalidScenario,
  type PlannedChange,
  type Scenario,
  type ScenarioFunction,
  type ScenarioProblem,
  type Traffic,
} from './scenario.js';
