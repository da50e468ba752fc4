// `npm start`: set up on a fresh machine, then serve the app on its built-in default model.
import { spawnSync } from 'node:child_process';
import { ensureDependencies } from './setup.mjs';

ensureDependencies();
const port = process.env.PORT ?? '5173';
console.log(`[start] the app runs at http://localhost:${port}/ (everything stays on this device)`);
const r = spawnSync('npx', ['vite', '--port', port, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 0);
