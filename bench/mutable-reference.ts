/**
 * The hand-written reference the replay benchmark is measured against: the same control-plane
 * facts applied to plain mutable `Map`s, with no immutability, no freezing and no structural
 * sharing. It keeps what the model keeps (each function's `$LATEST`, published versions, aliases,
 * tags, pending transitions, the clock and the log position), so the ratio prices exactly what
 * immutability costs.
 */
import type { LambdaEvent } from '../src/index.js';

interface MutableVersion {
  config: unknown;
  code: unknown;
  description: string;
  revisionId: string;
  lastModifiedMs: number;
  active: boolean;
}

interface MutableFunction {
  config: { architecture: string } & Record<string, unknown>;
  code: unknown;
  revisionId: string;
  lastModifiedMs: number;
  state: 'Pending' | 'Active';
  updating: boolean;
  tags: Map<string, string>;
  versions: Map<string, MutableVersion>;
  nextVersion: number;
  aliases: Map<
    string,
    {
      functionVersion: string;
      description: string;
      weights: Record<string, number> | undefined;
      revisionId: string;
    }
  >;
}

/** What the reference reducer holds. */
export interface MutableLambda {
  clockMs: number;
  logPosition: number;
  functions: Map<string, MutableFunction>;
  /** Function names with a transition pending (activation or update completion). */
  pending: Set<string>;
  /** Reserved concurrency by function, and its sum. */
  reserved: Map<string, number>;
  totalReserved: number;
}

const fn = (model: MutableLambda, name: string): MutableFunction => {
  const found = model.functions.get(name);
  if (found === undefined) throw new Error(`reference: no function ${name}`);
  return found;
};

function release(model: MutableLambda, name: string): void {
  model.totalReserved -= model.reserved.get(name) ?? 0;
  model.reserved.delete(name);
}

/** Applies a log to a fresh mutable model. */
export function mutableReplay(events: ReadonlyArray<LambdaEvent>): MutableLambda {
  const model: MutableLambda = {
    clockMs: 0,
    logPosition: 0,
    functions: new Map(),
    pending: new Set(),
    reserved: new Map(),
    totalReserved: 0,
  };
  for (const e of events) {
    model.logPosition += 1;
    if (e.atMs > model.clockMs) model.clockMs = e.atMs;
    switch (e.type) {
      case 'FunctionCreated':
        model.functions.set(e.functionName, {
          config: { ...e.config },
          code: e.code,
          revisionId: e.revisionId,
          lastModifiedMs: e.atMs,
          state: 'Pending',
          updating: false,
          tags: new Map(Object.entries(e.tags)),
          versions: new Map(),
          nextVersion: 1,
          aliases: new Map(),
        });
        model.pending.add(e.functionName);
        break;
      case 'FunctionActivated': {
        const f = fn(model, e.functionName);
        f.state = 'Active';
        f.revisionId = e.revisionId;
        model.pending.delete(e.functionName);
        break;
      }
      case 'FunctionCodeUpdated': {
        const f = fn(model, e.functionName);
        f.code = e.code;
        f.config.architecture = e.architecture;
        f.revisionId = e.revisionId;
        f.lastModifiedMs = e.atMs;
        f.updating = true;
        model.pending.add(e.functionName);
        break;
      }
      case 'FunctionConfigurationUpdated': {
        const f = fn(model, e.functionName);
        f.config = { ...e.config };
        f.revisionId = e.revisionId;
        f.lastModifiedMs = e.atMs;
        f.updating = true;
        model.pending.add(e.functionName);
        break;
      }
      case 'FunctionUpdateCompleted': {
        const f = fn(model, e.functionName);
        f.updating = false;
        f.revisionId = e.revisionId;
        model.pending.delete(e.functionName);
        break;
      }
      case 'FunctionDeleted':
        model.functions.delete(e.functionName);
        model.pending.delete(e.functionName);
        release(model, e.functionName);
        break;
      case 'FunctionConcurrencyReserved':
        release(model, e.functionName);
        model.reserved.set(e.functionName, e.reservedConcurrentExecutions);
        model.totalReserved += e.reservedConcurrentExecutions;
        break;
      case 'FunctionConcurrencyReleased':
        release(model, e.functionName);
        break;
      case 'FunctionTagged': {
        const f = fn(model, e.functionName);
        for (const [key, value] of Object.entries(e.tags)) f.tags.set(key, value);
        break;
      }
      case 'FunctionUntagged': {
        const f = fn(model, e.functionName);
        for (const key of e.tagKeys) f.tags.delete(key);
        break;
      }
      case 'FunctionVersionPublished': {
        const f = fn(model, e.functionName);
        // A copy, as the model takes: later $LATEST changes must not reach the version.
        f.versions.set(e.version, {
          config: { ...f.config },
          code: f.code,
          description: e.description,
          revisionId: e.revisionId,
          lastModifiedMs: e.atMs,
          active: f.state === 'Active' && !f.updating,
        });
        f.nextVersion = Number(e.version) + 1;
        f.revisionId = e.latestRevisionId;
        break;
      }
      case 'FunctionVersionActivated': {
        const version = fn(model, e.functionName).versions.get(e.version);
        if (version !== undefined) version.active = true;
        break;
      }
      case 'FunctionVersionDeleted':
        fn(model, e.functionName).versions.delete(e.version);
        break;
      case 'AliasCreated':
      case 'AliasUpdated':
        fn(model, e.functionName).aliases.set(e.aliasName, {
          functionVersion: e.functionVersion,
          description: e.description,
          weights:
            e.additionalVersionWeights === undefined
              ? undefined
              : { ...e.additionalVersionWeights },
          revisionId: e.revisionId,
        });
        break;
      case 'AliasDeleted':
        fn(model, e.functionName).aliases.delete(e.aliasName);
        break;
      // The control-plane bench records no provisioned concurrency, invocation, environment or
      // asynchronous event.
      case 'ProvisionedConcurrencyRequested':
      case 'ProvisionedConcurrencyAllocated':
      case 'ProvisionedConcurrencyRemoved':
      case 'InvocationStarted':
      case 'InvocationThrottled':
      case 'InvocationCompleted':
      case 'AsyncInvocationAccepted':
      case 'ExecutionEnvironmentReclaimed':
      case 'EventInvokeConfigChanged':
      case 'EventInvokeConfigDeleted':
      case 'AsyncInvocationThrottled':
      case 'AsyncRetryScheduled':
      case 'AsyncInvocationEnded':
      case 'AsyncRecordDelivered':
      case 'DeadLetterMessageSent':
        break;
    }
  }
  return model;
}
