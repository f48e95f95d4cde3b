// The favorites routes, the same for staff (operator API) and affiliate users (partner API): only
// who may call them, the tags and the owner differ.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest, preValidationHookHandler } from 'fastify';
import { Type } from 'typebox';
import { createFavorite } from '../../../core/reports/favorites/create-favorite.ts';
import { deleteFavorite } from '../../../core/reports/favorites/delete-favorite.ts';
import { getFavorite } from '../../../core/reports/favorites/get-favorite.ts';
import { listFavorites } from '../../../core/reports/favorites/list-favorites.ts';
import type { ReportOwner } from '../../../core/reports/favorites/report-owner.ts';
import { updateFavorite } from '../../../core/reports/favorites/update-favorite.ts';
import { listPage, pageOf, withErrors } from '../../schemas/common.ts';
import {
  FAVORITES_HELP,
  Favorite,
  FavoriteBody,
  FavoriteListQuery,
  FavoritePage,
  FavoriteParams,
  FavoritePatch,
} from '../../schemas/report-favorites.ts';

export interface FavoriteAudience {
  tags: string[];
  security: Record<string, string[]>[];
  guard: preValidationHookHandler;
  owner(request: FastifyRequest): ReportOwner;
}

export function reportFavoriteRoutes(audience: FavoriteAudience): FastifyPluginAsyncTypebox {
  return async (app) => {
    const db = () => app.deps.database.db;
    const common = { tags: audience.tags, security: audience.security, description: FAVORITES_HELP };
    const guard = { preValidation: audience.guard };

    app.get(
      '/reports/favorites',
      {
        ...guard,
        schema: {
          ...common,
          summary: 'My saved reports, by name',
          querystring: FavoriteListQuery,
          response: withErrors({ 200: FavoritePage }, 401, 403, 422),
        },
      },
      async (request) => {
        const page = pageOf(request.query);
        const owner = audience.owner(request);
        return listPage(page, await listFavorites({ db: db(), owner, ...page })) as never;
      },
    );

    app.post(
      '/reports/favorites',
      {
        ...guard,
        schema: {
          ...common,
          summary: 'Save a report configuration',
          body: FavoriteBody,
          response: withErrors({ 201: Favorite }, 401, 403, 422),
        },
      },
      async (request, reply) => {
        const favorite = await createFavorite({
          db: db(),
          owner: audience.owner(request),
          input: request.body,
        });
        return reply.status(201).send(favorite as never);
      },
    );

    app.get(
      '/reports/favorites/:id',
      {
        ...guard,
        schema: {
          ...common,
          summary: 'One of my saved reports, with the days its dates stand for now',
          params: FavoriteParams,
          response: withErrors({ 200: Favorite }, 401, 403, 404, 422),
        },
      },
      async (request) =>
        (await getFavorite({ db: db(), owner: audience.owner(request), id: request.params.id })) as never,
    );

    app.patch(
      '/reports/favorites/:id',
      {
        ...guard,
        schema: {
          ...common,
          summary: 'Rename a saved report or change its report or dates',
          params: FavoriteParams,
          body: FavoritePatch,
          response: withErrors({ 200: Favorite }, 401, 403, 404, 422),
        },
      },
      async (request) =>
        (await updateFavorite({
          db: db(),
          owner: audience.owner(request),
          id: request.params.id,
          input: request.body,
        })) as never,
    );

    app.delete(
      '/reports/favorites/:id',
      {
        ...guard,
        schema: {
          ...common,
          summary: 'Delete a saved report',
          params: FavoriteParams,
          response: withErrors({ 204: Type.Null() }, 401, 403, 404, 422),
        },
      },
      async (request, reply) => {
        await deleteFavorite({ db: db(), owner: audience.owner(request), id: request.params.id });
        return reply.status(204).send(null);
      },
    );
  };
}
