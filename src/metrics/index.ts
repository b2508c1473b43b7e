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
export {
  createTimelineRecorder,
  timelineOf,
  type Timeline,
  type TimelineOptions,
  type TimelinePoint,
  type TimelineRecorder,
} from './timeline.js';
export {
  asyncQueueChart,
  coldStartsChart,
  compareThrottleReasons,
  concurrencyChart,
  costChart,
  throttlesChart,
  timelineCharts,
  trafficSplitChart,
  type ChartOptions,
  type JsonValue,
  type TimelineChartsOptions,
  type VegaLiteSpec,
} from './charts.js';
export { timelineSummary, type TimelineSummaryOptions } from './summary.js';
