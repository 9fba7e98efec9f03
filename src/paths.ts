import path from 'node:path';

const parent = path.resolve(__dirname, '..');

/** The folder holding package.json, views/ and static/, whether running from src/ or from the build in dist/src/. */
export const PROJECT_ROOT = path.basename(parent) === 'dist' ? path.dirname(parent) : parent;
