import {
  contract,
  isChannel,
  type Channel,
  type ChannelOutput,
  type ChannelParsedInput,
} from '../shared/contract';
import { AppError, issuesFromZod, toErrorShape, type Envelope } from '../shared/errors';

export type Handlers = {
  [C in Channel]: (input: ChannelParsedInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

export interface DispatchOptions {
  /** Check every output against the contract too (on in tests; a mismatch is a defect, reported as INTERNAL). */
  checkOutput?: boolean;
  /** Where unexpected errors are reported (never to the caller). */
  onUnexpected?: (channel: string, err: unknown) => void;
}

/**
 * The one entry point of the core: validates `input` against the contract, runs the handler and returns the
 * envelope. Never throws; anything that is not an AppError becomes INTERNAL without its stack.
 */
export function createDispatch(handlers: Handlers, options: DispatchOptions = {}) {
  return async function dispatch(channel: string, input: unknown): Promise<Envelope<unknown>> {
    if (!isChannel(channel)) {
      return {
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: `There is no channel named "${String(channel)}".` },
      };
    }
    const spec = contract[channel];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      const details = issuesFromZod(parsed.error);
      const first = details[0];
      const message = first
        ? `${first.path ? `${first.path}: ` : ''}${first.message}`
        : 'The input is not valid.';
      return { ok: false, error: { code: 'VALIDATION', message, details } };
    }
    try {
      const handler = handlers[channel] as (i: unknown) => unknown;
      const value = await handler(parsed.data);
      if (options.checkOutput) {
        const out = spec.output.safeParse(value);
        if (!out.success) {
          throw new AppError(
            'INTERNAL',
            `The core answered ${channel} outside its contract.`,
            issuesFromZod(out.error),
          );
        }
      }
      return { ok: true, value };
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'INTERNAL') options.onUnexpected?.(channel, err);
      return { ok: false, error: toErrorShape(err) };
    }
  };
}
