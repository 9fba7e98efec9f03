import type { Express } from 'express';
import { type Access, accessOf } from './guard';

export interface RouteEntry {
  readonly method: string;
  readonly path: string;
  /** The access declared by the route's first handler; undefined means the route forgot to declare it. */
  readonly access: Access | undefined;
}

interface LayerLike {
  route?: { path: string; methods: Record<string, boolean>; stack: { handle: unknown }[] };
  handle?: { stack?: LayerLike[] };
}

/**
 * Lists every route registered on the app, walking mounted routers. Routers are mounted without a
 * prefix in this app, so a route's path is its full path.
 */
export function listRoutes(app: Express): RouteEntry[] {
  const routes: RouteEntry[] = [];
  const visit = (stack: LayerLike[]): void => {
    for (const layer of stack) {
      if (layer.route) {
        const access = accessOf(layer.route.stack[0]?.handle);
        for (const method of Object.keys(layer.route.methods)) {
          if (method === '_all') continue;
          routes.push({ method: method.toUpperCase(), path: layer.route.path, access });
        }
      } else if (layer.handle?.stack) {
        visit(layer.handle.stack);
      }
    }
  };
  visit((app as unknown as { router: { stack: LayerLike[] } }).router.stack);
  return routes;
}
