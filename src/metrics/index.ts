/**
 * Metrics: CloudWatch-style counters as a projection of the event log.
 *
 * @module
 */
export {
  emptyMetrics,
  metricsOf,
  type InvocationMetrics,
  type MetricCounters,
} from './projection.js';
