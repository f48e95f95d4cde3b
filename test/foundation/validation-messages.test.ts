import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;

// A route of the test's own, so every keyword's wording is checked through the real validator
// and error handler without depending on which route happens to use it.
const Body = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1 })),
    code: Type.Optional(Type.String({ minLength: 8, maxLength: 10 })),
    email: Type.Optional(Type.String({ format: 'email' })),
    site: Type.Optional(Type.String({ format: 'uri' })),
    day: Type.Optional(Type.String({ format: 'date' })),
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: 31 })),
    price: Type.Optional(Type.Number()),
    flag: Type.Optional(Type.Boolean()),
    color: Type.Optional(Type.String({ enum: ['red', 'green'] })),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 3 }), Type.Null()])),
    manager: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    tags: Type.Optional(Type.Array(Type.String(), { minItems: 1, maxItems: 2 })),
    terms: Type.Optional(Type.Literal(true)),
    required_one: Type.Optional(Type.Object({ x: Type.String() })),
  },
  { additionalProperties: false },
);

beforeAll(async () => {
  t = await createTestApp({}, (app) => {
    app.post('/test/messages', { schema: { body: Body } }, async () => ({ ok: true }));
  });
});
afterAll(() => t.close());

async function messages(payload: Record<string, unknown>): Promise<Record<string, string>> {
  const res = await t.app.inject({ method: 'POST', url: '/test/messages', payload });
  expect(res.statusCode, res.body).toBe(422);
  const fields: { path: string; message: string; in: string }[] = res.json().error.details.fields;
  expect(fields.every((f) => f.in === 'body')).toBe(true);
  return Object.fromEntries(fields.map((f) => [f.path, f.message]));
}

describe('schema errors read as rules a person can follow', () => {
  it('names lengths, formats, bounds and types in plain words, one message per field', async () => {
    const got = await messages({
      name: '',
      code: 'abc',
      email: 'not-an-email',
      site: 'example',
      day: '31/12/2024',
      count: 0,
      price: 'ten',
      flag: 'yes',
      color: 'blue',
      tags: [],
      extra: 1,
    });
    expect(got).toEqual({
      name: 'is required',
      code: 'must be at least 8 characters',
      email: 'enter an email like name@example.com',
      site: 'enter a web address like https://example.com',
      day: 'enter a date like 2024-12-31',
      count: 'must be at least 1',
      price: 'must be a number',
      flag: 'must be true or false',
      color: 'must be one of: red, green',
      tags: 'choose at least one',
      extra: 'is not a known field',
    });
  });

  it('says "at most" for upper bounds and "must be text" for a number where text goes', async () => {
    expect(await messages({ code: 'x'.repeat(11), count: 32, tags: ['a', 'b', 'c'], name: 5 })).toEqual({
      code: 'must be at most 10 characters',
      count: 'must be at most 31',
      tags: 'must hold at most 2 items',
      name: 'must be text',
    });
  });

  it('explains a nullable field by its own rule, never "must be null"', async () => {
    const got = await messages({ note: 'long', manager: 0, count: 1.5 });
    expect(got).toEqual({
      note: 'must be at most 3 characters',
      manager: 'must be at least 1',
      count: 'must be a whole number',
    });
    expect(JSON.stringify(got)).not.toMatch(/must be null|NOT|>=|match format/);
  });

  it('names a missing field as required and a literal true as to be accepted', async () => {
    expect(await messages({ required_one: {}, terms: false })).toEqual({
      'required_one.x': 'is required',
      terms: 'must be accepted',
    });
  });

  it('lets a body through that meets every rule (the route is really validated, not refused whole)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/test/messages', payload: { name: 'a' } });
    expect(res.statusCode, res.body).toBe(200);
  });
});
