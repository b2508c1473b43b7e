/**
 * The envelope shared by every command: the request shape plus the facts the outside world
 * supplies (time, request id), because `src/` never reads a clock or a random source.
 *
 * @module
 */

/** What the caller's world supplies with each command. */
export interface CommandMeta {
  /** The time of the request, in integer epoch milliseconds. */
  readonly now: number;
  /** The request id AWS would assign (`x-amzn-RequestId`), supplied by the caller. */
  readonly requestId: string;
}

/**
 * A command: an AWS operation by name (`CreateFunction`) or an internal imperative
 * (`AdvanceClock`), its input in the AWS request shape, and the caller-supplied meta.
 */
export interface Command<Type extends string, Input> {
  readonly type: Type;
  readonly input: Input;
  readonly meta: CommandMeta;
}
