import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type Factories = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type Validate = ((data: unknown, ctx?: unknown) => unknown) & { errors?: unknown; schemaEnv?: unknown };
type Serialize = (data: unknown) => string;
type Compiler<F> = (route: any) => F;
type Factory<F> = (externalSchemas: any, options?: any) => Compiler<F>;

/**
 * The same validator and serializer factories, except that each route's schema is compiled when
 * the route first needs it rather than at `ready()`. Compiling all of them (Ajv validators and
 * fast-json-stringify serializers for several hundred routes) is most of an app's start, which
 * each test file pays while it uses a few routes. The server compiles eagerly, so a schema error
 * still stops `npm start` (and the browser tests) before any request.
 */
export function compileOnFirstUse(factories: { buildValidator: Factories['buildValidator'] }): Factories {
  const validators = factories.buildValidator as unknown as Factory<Validate>;
  const serializers = SerializerSelector() as unknown as Factory<Serialize>;
  return {
    buildValidator: ((externalSchemas: unknown, options: unknown) => {
      const compile = validators(externalSchemas, options);
      return (route: unknown): Validate => {
        let real: Validate | undefined;
        const validate: Validate = (data, ctx) => {
          real ??= compile(route);
          const result = real.schemaEnv ? real(data, ctx) : real(data);
          validate.errors = real.errors;
          return result;
        };
        // Fastify hands the parent object to validators that carry this (Ajv's, which may coerce
        // the root); the real one decides above whether to use it.
        validate.schemaEnv = true;
        return validate;
      };
    }) as unknown as Factories['buildValidator'],
    buildSerializer: ((externalSchemas: unknown, options: unknown) => {
      const compile = serializers(externalSchemas, options);
      return (route: unknown): Serialize => {
        let real: Serialize | undefined;
        return (data) => {
          real ??= compile(route);
          return real(data);
        };
      };
    }) as unknown as Factories['buildSerializer'],
  };
}
