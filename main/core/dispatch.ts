import { methodNames, type ApiError, type Handlers, type MethodName, type Result } from '../../preload/api';
import { UserError } from './errors';
import { droppedFolderRequest, requests } from './requests';

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
    const handler = handlers[name] as (request: unknown) => Promise<unknown>;
    return settle(name, () => handler(parsed.data));
  };
}

/** The handler's answer as a Result: a UserError as it stands, anything else as an internal error. */
async function settle(name: string, run: () => Promise<unknown>): Promise<Result<unknown>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof UserError) return failure(error.code, error.message);
    return failure(
      'internal',
      `${name} failed unexpectedly: ${(error as Error).message ?? String(error)}. Please report this.`,
    );
  }
}

/**
 * The handler behind DROPPED_FOLDER_CHANNEL, where the preload sends the path of a folder
 * dropped on the window: the payload checked, the folder opened, the answer a Result.
 */
export function createDropDispatcher(openLibrary: (path: string) => Promise<unknown>) {
  return async function dispatchDropped(payload: unknown): Promise<Result<unknown>> {
    const parsed = droppedFolderRequest.safeParse(payload ?? {});
    if (!parsed.success)
      return failure('invalid-request', `Opening a dropped folder failed: ${describeIssues(parsed.error)}.`);
    return settle('Opening a dropped folder', () => openLibrary(parsed.data.path));
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
