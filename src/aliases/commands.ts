/**
 * The alias operations as commands (spec control-plane §4).
 *
 * @module
 */
import type { Command } from '../kernel/message.js';

/** `RoutingConfig`: the additional version and the fraction of invocations it receives. */
export interface AliasRoutingConfigurationInput {
  readonly AdditionalVersionWeights?: Readonly<Record<string, number>>;
}

/** CreateAlias request (`POST …/{FunctionName}/aliases`). */
export interface CreateAliasRequest {
  readonly FunctionName: string;
  readonly Name: string;
  readonly FunctionVersion: string;
  readonly Description?: string;
  readonly RoutingConfig?: AliasRoutingConfigurationInput;
}

/** UpdateAlias request (`PUT …/aliases/{Name}`). */
export interface UpdateAliasRequest {
  readonly FunctionName: string;
  readonly Name: string;
  readonly FunctionVersion?: string;
  readonly Description?: string;
  readonly RoutingConfig?: AliasRoutingConfigurationInput;
  readonly RevisionId?: string;
}

/** DeleteAlias request (`DELETE …/aliases/{Name}`). */
export interface DeleteAliasRequest {
  readonly FunctionName: string;
  readonly Name: string;
}

/** CreateAlias as a command. */
export type CreateAlias = Command<'CreateAlias', CreateAliasRequest>;
/** UpdateAlias as a command. */
export type UpdateAlias = Command<'UpdateAlias', UpdateAliasRequest>;
/** DeleteAlias as a command. */
export type DeleteAlias = Command<'DeleteAlias', DeleteAliasRequest>;

/** Every command of the aliases domain. */
export type AliasesCommand = CreateAlias | UpdateAlias | DeleteAlias;
