import type { FastifyRequest } from 'fastify';
import type { Scope } from '../../../core/catalog/types.ts';
import { managedBy } from '../../plugins/operator-auth.ts';

/**
 * The scope core operations apply for the caller: a limited account manager reaches only their
 * affiliates' campaigns, promos and grants; everyone else reaches all.
 */
export function managerScope(request: FastifyRequest): Scope {
  const managerId = managedBy(request.principal);
  return managerId === null ? {} : { managerId };
}
