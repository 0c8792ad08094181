import { methodNames, type ApiError, type Handlers, type MethodName, type Result } from '../../preload/api';
import { UserError } from './errors';
import { requests } from './requests';

const known = new Set<string>(methodNames);

function describeIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : 'payload'}: ${issue.message}`)
    .join('; ');
}

function failure(code: string, message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message } };
}

/**
 * The one chokepoint every call passes through, in Electron and in the e2e harness alike:
 * known method → payload validated against its schema → handler → Result. Handlers never
 * see unvalidated input, and nothing thrown escapes as anything but a typed error.
 */
export function createDispatcher(handlers: Handlers) {
  return async function dispatch(method: string, payload: unknown): Promise<Result<unknown>> {
    if (!known.has(method))
      return failure('unknown-method', `Calling "${method.slice(0, 80)}" failed: there is no such call.`);
    const name = method as MethodName;
    const parsed = requests[name].safeParse(payload ?? {});
    if (!parsed.success) return failure('invalid-request', `Calling ${name} failed: ${describeIssues(parsed.error)}.`);
    try {
      const handler = handlers[name] as (request: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof UserError) return failure(error.code, error.message);
      return failure(
        'internal',
        `${name} failed unexpectedly: ${(error as Error).message ?? String(error)}. Please report this.`,
      );
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
