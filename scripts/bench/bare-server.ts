import path from 'node:path';
import express from 'express';
import { PROJECT_ROOT } from '../../src/paths';

/**
 * The yardstick: a bare Express 5 + EJS page rendering a table of the comparison grid's size
 * (30 candidates × 12 rows) from memory. No database, no session, no middleware.
 */
const app = express();
app.set('view engine', 'ejs');
app.set('views', path.join(PROJECT_ROOT, 'scripts/bench'));
app.set('view cache', true);
const columns = Array.from({ length: 30 }, (_, i) => `Candidate ${i + 1}`);
const rows = Array.from({ length: 12 }, (_, r) => ({ name: `Dimension ${r + 1}`, cells: columns.map((_, c) => ((r * 7 + c * 3) % 30) / 10 + 1) }));
app.get('/', (_req, res) => res.render('bare', { columns, rows }));
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
