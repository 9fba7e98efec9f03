import type { KyselyPlugin, OperationNode } from 'kysely';

interface Shaped {
  readonly kind: string;
  readonly from?: { readonly froms: readonly OperationNode[] };
  readonly joins?: readonly OperationNode[];
  readonly selections?: readonly { readonly selection: Named }[];
}

interface Named {
  readonly kind: string;
  readonly table?: { readonly identifier?: { readonly name?: string } };
  readonly node?: Named;
  readonly func?: string;
}

/** A plugin that shows every select statement to `see` before it runs. */
function selectObserver(see: (node: Shaped) => void): KyselyPlugin {
  return {
    transformQuery: (args) => {
      const node = args.node as Shaped;
      if (node.kind === 'SelectQueryNode') see(node);
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
}

/**
 * Records how many tables each select statement joins at its top level (FROM and JOIN; subqueries
 * are planned on their own and not counted). PostgreSQL plans every statement anew, and the time it
 * takes grows quickly with that number.
 */
export function joinWidths(): { readonly plugin: KyselyPlugin; readonly widest: number; reset(): void } {
  const seen = { widest: 0 };
  return {
    plugin: selectObserver((node) => (seen.widest = Math.max(seen.widest, (node.from?.froms.length ?? 0) + (node.joins?.length ?? 0)))),
    get widest() {
      return seen.widest;
    },
    reset: () => (seen.widest = 0),
  };
}

const nameOf = (node: Named | undefined): string => (node?.kind === 'AliasNode' ? nameOf(node.node) : (node?.table?.identifier?.name ?? '?'));
const countsRows = (node: Shaped) =>
  (node.selections ?? []).map((s) => (s.selection.kind === 'AliasNode' ? s.selection.node : s.selection)).some((s) => s?.kind === 'AggregateFunctionNode' && s.func === 'count');

/**
 * The first table each select statement reads (its FROM), in the order the statements were issued;
 * " count" follows the name when the statement selects a count(…).
 */
export function statementTables(): { readonly plugin: KyselyPlugin; readonly tables: readonly string[]; reset(): void } {
  const tables: string[] = [];
  return {
    plugin: selectObserver((node) => tables.push(nameOf(node.from?.froms[0] as Named | undefined) + (countsRows(node) ? ' count' : ''))),
    tables,
    reset: () => (tables.length = 0),
  };
}
