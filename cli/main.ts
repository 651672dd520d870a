/// <reference types="node" />
import { runCli } from './ha-vitals.js';

process.exitCode = runCli(process.argv.slice(2));
