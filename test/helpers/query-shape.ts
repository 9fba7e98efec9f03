import type { KyselyPlugin, OperationNode } from 'kysely';

interface Shaped {
  readonly kind: string;
  readonly from?: { readonly froms: readonly OperationNode[] };
  readonly joins?: readonly OperationNode[];
}

/**
 * Records how many tables each select statement joins at its top level (FROM and JOIN; subqueries
 * are planned on their own and not counted). PostgreSQL plans every statement anew, and the time it
 * takes grows quickly with that number.
 */
export function joinWidths(): { readonly plugin: KyselyPlugin; readonly widest: number; reset(): void } {
  let widest = 0;
  return {
    plugin: {
      transformQuery: (args) => {
        const node = args.node as Shaped;
        if (node.kind === 'SelectQueryNode') widest = Math.max(widest, (node.from?.froms.length ?? 0) + (node.joins?.length ?? 0));
        return args.node;
      },
      transformResult: async (args) => args.result,
    },
    get widest() {
      return widest;
    },
    reset() {
      widest = 0;
    },
  };
}
