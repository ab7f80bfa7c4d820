/**
 * The shape every bridge domain follows: requests (one invoke, one answer) and streams
 * (subscribe → batches of events → dispose). Channel names are `domain:verb`.
 */
import { z } from 'zod';
import type { BridgeErrorData } from './errors';

export interface RequestDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly kind: 'request';
  readonly channel: string;
  readonly request: Req;
  readonly response: Res;
}

export interface StreamDef<Args extends z.ZodType = z.ZodType, Ev extends z.ZodType = z.ZodType> {
  readonly kind: 'stream';
  readonly channel: string;
  readonly args: Args;
  readonly event: Ev;
  /**
   * Latest-wins coalescing: events with the same key inside one delivery batch replace each
   * other (order books). Without a key every event is delivered.
   */
  readonly coalesceKey?: (event: z.output<Ev>) => string;
}

export type ChannelDef = RequestDef | StreamDef;
export type DomainDef = Readonly<Record<string, ChannelDef>>;
export type ContractDef = Readonly<Record<string, DomainDef>>;

export function request<Req extends z.ZodType, Res extends z.ZodType>(
  channel: string,
  req: Req,
  res: Res,
): RequestDef<Req, Res> {
  return { kind: 'request', channel, request: req, response: res };
}

export function stream<Args extends z.ZodType, Ev extends z.ZodType>(
  channel: string,
  args: Args,
  event: Ev,
  options: { coalesceKey?: (event: z.output<Ev>) => string } = {},
): StreamDef<Args, Ev> {
  return { kind: 'stream', channel, args, event, ...options };
}

/** A request that takes no input. */
export const NoInput = z.object({}).strict().optional();

export type Disposer = () => void;

/** What a renderer sees for one channel. */
export type ChannelApi<C> =
  C extends RequestDef<infer Req, infer Res>
    ? undefined extends z.input<Req>
      ? (payload?: z.input<Req>) => Promise<z.output<Res>>
      : (payload: z.input<Req>) => Promise<z.output<Res>>
    : C extends StreamDef<infer Args, infer Ev>
      ? (
          args: z.input<Args>,
          listener: (events: z.output<Ev>[]) => void,
          onError?: (error: BridgeErrorData) => void,
        ) => Disposer
      : never;

export type DomainApi<D extends DomainDef> = { readonly [K in keyof D]: ChannelApi<D[K]> };
export type ContractApi<C extends ContractDef> = { readonly [K in keyof C]: DomainApi<C[K]> };

/** Every channel of a contract, flattened, with its domain and verb. */
export function channelsOf(contract: ContractDef): Array<{ domain: string; verb: string; def: ChannelDef }> {
  const out: Array<{ domain: string; verb: string; def: ChannelDef }> = [];
  for (const [domain, defs] of Object.entries(contract)) {
    for (const [verb, def] of Object.entries(defs)) out.push({ domain, verb, def });
  }
  return out;
}
