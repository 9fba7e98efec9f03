import path from 'node:path';
import crypto from 'node:crypto';
import express from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { Passport } from 'passport';
import { PROJECT_ROOT } from '../../src/paths';

/**
 * The yardstick: a bare Express 5 + EJS page rendering a table of the comparison grid's size
 * (30 candidates × 12 rows) from memory. No database, no session, no middleware.
 *
 * `/signed-in/` is the same page behind the middleware every Salesbench page passes through
 * (helmet, a form parser, express-session with its rolling cookie, passport's session), with
 * sessions kept in memory instead of the database and the user made up instead of read: what
 * signing in costs before a page does any work of its own. `/signed-in/login` opens a session.
 */
const app = express();
app.set('view engine', 'ejs');
app.set('views', path.join(PROJECT_ROOT, 'scripts/bench'));
app.set('view cache', true);
app.set('etag', false);
const columns = Array.from({ length: 30 }, (_, i) => `Candidate ${i + 1}`);
const rows = Array.from({ length: 12 }, (_, r) => ({ name: `Dimension ${r + 1}`, cells: columns.map((_, c) => ((r * 7 + c * 3) % 30) / 10 + 1) }));
app.get('/', (_req, res) => res.render('bare', { columns, rows }));

const BENCH_USER: Express.User = { id: 1, name: 'Bench', email: 'bench@example.com', role: 'admin', language: 'en', timeZone: null };
const passport = new Passport();
passport.serializeUser((user, done) => done(null, user.id));
passport.deserializeUser((id: number, done) => done(null, { ...BENCH_USER, id }));
const signedIn = express.Router();
signedIn.use(helmet());
signedIn.use(express.urlencoded({ extended: false }));
signedIn.use(session({ secret: crypto.randomBytes(32).toString('hex'), resave: false, saveUninitialized: false, rolling: true, store: new session.MemoryStore(), cookie: { httpOnly: true, sameSite: 'lax' } }));
signedIn.use(passport.initialize());
signedIn.use(passport.session());
signedIn.get('/login', (req, res, next) => req.login(BENCH_USER, (err) => (err ? next(err) : res.send('signed in'))));
signedIn.get('/', (req, res) => (req.user ? res.render('bare', { columns, rows }) : res.status(401).send('sign in first')));
app.use('/signed-in', signedIn);

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
