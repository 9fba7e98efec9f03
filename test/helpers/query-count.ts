import type { KyselyPlugin } from 'kysely';

/** Counts the queries a database handle runs (`db.withPlugin(counter.plugin)`): a page or a use case that takes more queries as it holds more rows has a query per row. */
export function queryCounter(): { readonly plugin: KyselyPlugin; readonly count: number; reset(): void } {
  let queries = 0;
  return {
    plugin: {
      transformQuery: (args) => {
        queries += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    },
    get count() {
      return queries;
    },
    reset() {
      queries = 0;
    },
  };
}
