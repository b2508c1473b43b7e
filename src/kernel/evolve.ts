/**
 * The library's private Immer instance. `evolve` handlers are Immer recipes; one event is applied
 * in one `produce`, and a batch of events (replay, simulators) in a single `produce`, so a
 * collection is copied once per batch rather than once per event (DESIGN §4).
 *
 * @module
 */
import { current, freeze, Immer, isDraft, type Draft } from 'immer';

// A private instance: the library never configures Immer globally for its users. Auto-freeze stays
// on so that a state handed out can never be mutated behind the model's back.
const immer = new Immer({ autoFreeze: true });

/** An Immer recipe that applies one event to a draft of the state. */
export type Recipe<S, E> = (draft: Draft<S>, event: E) => void;

/** Applies one event: a new state, sharing every untouched part with the old one. */
export function applyEvent<S, E>(state: S, event: E, recipe: Recipe<S, E>): S {
  return immer.produce(state, (draft: Draft<S>) => {
    recipe(draft, event);
  });
}

/** Applies a batch of events inside one `produce`. */
export function applyEvents<S, E>(state: S, events: Iterable<E>, recipe: Recipe<S, E>): S {
  return immer.produce(state, (draft: Draft<S>) => {
    for (const event of events) recipe(draft, event);
  });
}

export type { Draft };

/**
 * A value's members made assignable at every depth, to build it member by member (or fold into
 * it) before it is handed out: Immer's `Draft` type, used here without Immer.
 */
export type Writable<T> = Draft<T>;

/**
 * A plain, immutable view of a value inside a recipe, to copy it elsewhere in the state: a draft's
 * current contents, or the value itself when it was added earlier in the same batch and so is not
 * a draft. State values are never mutated in place (handlers replace them), so sharing is safe.
 */
export function plain<T>(value: T): T {
  return isDraft(value) ? current<T>(value as Draft<T>) : value;
}

/**
 * A slice's event handlers, by event type: a slice lists only the events that change it, and the
 * root evolve dispatches each event to every slice that listed it.
 */
export type EventHandlers<S, E extends { readonly type: string }> = {
  readonly [K in E['type']]?: (draft: Draft<S>, event: Extract<E, { readonly type: K }>) => void;
};

/**
 * The handler a slice has for this event, if any. The root evolve asks first, so that a slice's
 * draft is only created for events that change it.
 */
export function handlerFor<S, E extends { readonly type: string }>(
  handlers: EventHandlers<S, E>,
  event: { readonly type: string },
): ((draft: Draft<S>, event: { readonly type: string }) => void) | undefined {
  // The mapped type guarantees that the handler under `event.type` takes exactly this event.
  return (
    handlers as Readonly<
      Record<string, ((draft: Draft<S>, event: { readonly type: string }) => void) | undefined>
    >
  )[event.type];
}

/**
 * Applies a batch of events by running the recipes directly on `state`, which must be a private,
 * mutable copy (see `thawed`): no draft, no copy, no freeze. This is the runner's fast path; the
 * recipes are the same ones `applyEvents` runs, so the resulting state is the same.
 */
export function applyEventsInPlace<S, E>(state: S, events: Iterable<E>, recipe: Recipe<S, E>): S {
  for (const event of events) recipe(state as Draft<S>, event);
  return state;
}

/**
 * A deep, mutable copy of a state: plain objects keep their prototype (the prototype-free
 * dictionaries stay prototype-free, which `structuredClone` would not do), arrays stay arrays.
 */
export function thawed<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => thawed(item)) as T;
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Record<
    string,
    unknown
  >;
  for (const key of Object.keys(value)) copy[key] = thawed((value as Record<string, unknown>)[key]);
  return copy as T;
}

/**
 * Freezes a state deeply, as Immer freezes the states it hands out: for a state built in place
 * (replay), so that once handed out it can no more be changed than any other.
 */
export function frozen<T>(value: T): T {
  return freeze(value, true);
}
