/**
 * Who invokes Lambda, and how (spec invocation §1.6): the services that call synchronously and
 * decide on retries themselves, the ones whose events Lambda queues and retries, and the ones
 * Lambda polls through an event source mapping (which then invokes synchronously). Data for docs,
 * demos and simulators; the model's rules do not depend on it.
 *
 * @module
 */

/** How a service's events reach a function. */
export type InvocationPath = 'synchronous' | 'asynchronous' | 'event-source-mapping';

/** One service and the way it invokes Lambda. */
export interface Invoker {
  readonly service: string;
  readonly path: InvocationPath;
  /** The `InvocationType` the function sees. */
  readonly invocationType: 'RequestResponse' | 'Event';
  /** Who retries a failure. */
  readonly retriedBy: 'caller' | 'lambda-async-queue' | 'event-source-mapping';
}

const synchronous = (service: string): Invoker => ({
  service,
  path: 'synchronous',
  invocationType: 'RequestResponse',
  retriedBy: 'caller',
});
const asynchronous = (service: string): Invoker => ({
  service,
  path: 'asynchronous',
  invocationType: 'Event',
  retriedBy: 'lambda-async-queue',
});
const polled = (service: string): Invoker => ({
  service,
  path: 'event-source-mapping',
  // An event source mapping invokes synchronously (spec invocation §1.6).
  invocationType: 'RequestResponse',
  retriedBy: 'event-source-mapping',
});

/** The catalogue of spec invocation §1.6, in the order the Developer Guide lists them. */
export const INVOKERS: ReadonlyArray<Invoker> = [
  ...[
    'Elastic Load Balancing (Application Load Balancer)',
    'Amazon API Gateway',
    'Amazon Cognito',
    'Amazon Lex',
    'Amazon Alexa',
    'Amazon Connect',
    'Amazon CloudFront (Lambda@Edge)',
    'Amazon Kinesis Data Firehose',
    'Amazon S3 Batch Operations',
    'AWS Secrets Manager',
    'AWS Step Functions',
  ].map(synchronous),
  ...[
    'Amazon S3',
    'Amazon SNS',
    'Amazon EventBridge (CloudWatch Events)',
    'Amazon CloudWatch Logs',
    'AWS CloudFormation',
    'AWS CodeCommit',
    'AWS CodePipeline',
    'AWS Config',
    'AWS IoT',
    'AWS IoT Events',
    'Amazon SES',
  ].map(asynchronous),
  ...[
    'Amazon SQS',
    'Amazon Kinesis',
    'Amazon DynamoDB Streams',
    'Amazon MSK',
    'Self-managed Apache Kafka',
    'Amazon MQ',
    'Amazon DocumentDB',
  ].map(polled),
];
