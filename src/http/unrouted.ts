// Requests no route takes: a method the path does not offer is 405 with the path's methods in
// Allow, a path the API does not have is 404. Asked by the not-found handler, and for an OPTIONS
// request that is not a CORS preflight (security.ts), since OPTIONS is offered for preflights only.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFound } from '../domain/errors.js';
import { MethodNotAllowed } from './errors.js';

/** The methods the API's routes use; HEAD is routed wherever GET is. */
export const API_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** The methods the router has for the path; none for one the router would refuse as a bad URL. */
export function methodsOf(app: FastifyInstance, path: string): string[] {
  if (!decodable(path)) return [];
  return API_METHODS.filter((method) => app.findRoute({ method, url: path }) !== null);
}

/** Throws why no route takes the request: 405 (setting Allow) when its path has other methods, else 404. */
export function refuseUnrouted(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): never {
  const path = request.url.split('?')[0]!;
  const allowed = methodsOf(app, path);
  if (allowed.length === 0) throw new NotFound(`There is no ${request.method} ${path} in this API.`);
  reply.header('allow', allowed.join(', '));
  throw new MethodNotAllowed(`${path} does not take ${request.method}; it takes ${allowed.join(', ')}.`);
}
