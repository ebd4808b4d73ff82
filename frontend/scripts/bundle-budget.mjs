// Fails the build when the console's JavaScript outgrows its budget (gzip, as served).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 150;
const assets = new URL("../dist/assets/", import.meta.url).pathname;
const scripts = readdirSync(assets).filter((name) => name.endsWith(".js"));
const kilobytes = scripts.reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name))).length, 0) / 1000;

if (kilobytes > BUDGET_KB) {
  console.error(`The console's JavaScript is ${kilobytes.toFixed(1)} kB gzip, over its ${BUDGET_KB} kB budget.`);
  process.exit(1);
}
console.log(`JavaScript: ${kilobytes.toFixed(1)} kB gzip of a ${BUDGET_KB} kB budget.`);
