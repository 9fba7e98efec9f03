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

interface Named {
  readonly kind: string;
  readonly table?: { readonly identifier?: { readonly name?: string } };
  readonly node?: Named;
  readonly func?: string;
}

/**
 * The first table each select statement reads (its FROM), in the order the statements were issued;
 * " count" follows the name when the statement selects a count(…).
 */
export function statementTables(): { readonly plugin: KyselyPlugin; readonly tables: readonly string[]; reset(): void } {
  const tables: string[] = [];
  const nameOf = (node: Named | undefined): string => (node?.kind === 'AliasNode' ? nameOf(node.node) : (node?.table?.identifier?.name ?? '?'));
  return {
    plugin: {
      transformQuery: (args) => {
        const node = args.node as Shaped;
        if (node.kind === 'SelectQueryNode') {
          const selections = ((node as { selections?: readonly { selection: Named }[] }).selections ?? []).map((s) => (s.selection.kind === 'AliasNode' ? s.selection.node : s.selection));
          const counts = selections.some((s) => s?.kind === 'AggregateFunctionNode' && s.func === 'count');
          tables.push(nameOf(node.from?.froms[0] as Named | undefined) + (counts ? ' count' : ''));
        }
        return args.node;
      },
      transformResult: async (args) => args.result,
    },
    get tables() {
      return tables;
    },
    reset() {
      tables.length = 0;
    },
  };
}
