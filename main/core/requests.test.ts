import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { methodNames, type MethodName, type Requests } from '../../preload/api';
import { requests, type Disagreements } from './requests';

// The type tests below are checked by `npm run typecheck` (tsc), not when vitest runs them.
const disagreementsOf = <Schemas extends Record<MethodName, z.ZodType>>(_schemas: Schemas) =>
  expectTypeOf<Disagreements<Schemas>>();

describe('the request schemas and the contract', () => {
  it('agree on every method', () => {
    expectTypeOf<Disagreements<typeof requests>>().toBeNever();
  });

  it('disagree when a schema accepts a field the contract lacks', () => {
    const schemas = {
      ...requests,
      'posts.articles': z.object({ id: z.string(), extra: z.string().optional() }).strict(),
    };
    disagreementsOf(schemas).toEqualTypeOf<'posts.articles'>();
  });

  it('disagree when a schema misses a field, makes it optional or gives it another type', () => {
    const schemas = {
      ...requests,
      'posts.get': z.object({ id: z.string() }).strict(),
      'library.openRecent': z.object({ index: z.number().optional() }).strict(),
      'posts.comments': z.object({ id: z.string(), from: z.string() }).strict(),
    };
    disagreementsOf(schemas).toEqualTypeOf<'posts.get' | 'library.openRecent' | 'posts.comments'>();
  });

  it('disagree when a schema hands the handler another type than it accepts', () => {
    const schemas = {
      ...requests,
      'posts.comments': z.object({ id: z.string(), from: z.string().transform(Number) }).strict(),
    };
    disagreementsOf(schemas).toEqualTypeOf<'posts.comments'>();
  });

  it('disagree when the contract gains a field the schema lacks', () => {
    type Contract = Omit<Requests, 'posts.articles'> & { 'posts.articles': { id: string; withQuotes: boolean } };
    expectTypeOf<Disagreements<typeof requests, Contract>>().toEqualTypeOf<'posts.articles'>();
  });

  it('has a schema for exactly the methods of the contract', () => {
    expect(Object.keys(requests).sort()).toEqual([...methodNames].sort());
  });

  it.each(methodNames)('%s refuses a field it does not know', (method) => {
    expect(requests[method].safeParse({ notInTheContract: 1 }).success).toBe(false);
  });
});
